#!/usr/bin/env bash
# ppptui build entry point. Verbs:
#   (none)          restore and build
#   test            unit and headless tests; prints "N passed, M failed"
#   run -- ARGS     run ppptui from source with ARGS
#   publish         Native AOT single-file binaries into dist/
#   lab             boot the user-mode Linux lab and open ppptui in it
#   lab-test        run every lab scenario against real pppd and servers
#   bench           run the benchmarks and rewrite the README's performance table
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_dotnet() {
  command -v dotnet >/dev/null || { echo "build.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
}

# The end-to-end screen tests drive the real binary in tmux. Root installs it; others are told how.
ensure_tmux() {
  command -v tmux >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "build.sh: installing tmux for the end-to-end screen tests" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tmux >/dev/null ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tmux >/dev/null; } ||
      echo "build.sh: could not install tmux; the screen tests will not run (in CI they fail)" >&2
  else
    echo "build.sh: tmux is not installed, so the end-to-end screen tests will not run (sudo apt-get install tmux)" >&2
  fi
}

build() {
  need_dotnet
  dotnet build PppTui.sln -c "${CONFIGURATION:-Debug}" -v quiet -nologo "$@"
}

run_tests() {
  need_dotnet
  local results; results=$(mktemp -d)
  local status=0
  dotnet test PppTui.sln -c "${CONFIGURATION:-Debug}" -nologo -v quiet \
    --logger "trx;LogFilePrefix=t" --results-directory "$results" "$@" || status=$?
  # One closing line in the plain form every CI reads: totals over every test project.
  python3 - "$results" <<'PY' || awk 'BEGIN{print "0 passed, 1 failed"}'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed" + (f", {s} skipped" if s else ""))
PY
  rm -rf "$results"
  return $status
}

publish() {
  need_dotnet
  mkdir -p dist
  local rids=("linux-x64")
  if [ "${PUBLISH_ARM64:-auto}" != "no" ] && command -v aarch64-linux-gnu-gcc >/dev/null; then rids+=("linux-arm64"); fi
  for rid in "${rids[@]}"; do
    dotnet publish src/PppTui/PppTui.csproj -c Release -r "$rid" -p:PublishAot=true \
      -p:SelfContained=true -o "artifacts/publish/$rid" -nologo -v quiet
    cp "artifacts/publish/$rid/ppptui" "dist/ppptui-$rid"
    echo "dist/ppptui-$rid: $(stat -c %s "dist/ppptui-$rid") bytes"
  done
}

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
  "") build ;;
  test) ensure_tmux; build && run_tests "$@" ;;
  run)
    [ "${1:-}" = "--" ] && shift
    need_dotnet
    dotnet build src/PppTui/PppTui.csproj -v quiet -nologo >/dev/null
    exec dotnet src/PppTui/bin/Debug/net10.0/ppptui.dll "$@" ;;
  publish) publish ;;
  lab) exec tests/lab/lab.sh interactive "$@" ;;
  lab-test) exec tests/lab/lab.sh test "$@" ;;
  bench) exec tests/bench/bench.sh "$@" ;;
  *) echo "build.sh: unknown verb '$verb' (use: test, run, publish, lab, lab-test, bench)" >&2; exit 2 ;;
esac
