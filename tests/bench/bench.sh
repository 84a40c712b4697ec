#!/usr/bin/env bash
# ppptui benchmarks. Every whole-process figure is measured side by side with its baseline in the
# same invocation (alternating which goes first), several runs, median and spread; then the
# BenchmarkDotNet micro-benchmarks; then the README's performance table is rewritten.
#
#   ./build.sh bench                 the full run (about 15-25 minutes on 2 cores)
#   BENCH_QUICK=1 ./build.sh bench   CI smoke test: small data, 1-3 runs, 10 s soak, JIT builds,
#                                    micro-benchmarks in-process with the Dry job; asserts no timing
#
# Environment:
#   BENCH_RUNS=N           runs per side for logs and CLI (default 5; quick 3)
#   BENCH_SCREEN_RUNS=N    runs per program for the first frame (default 10; quick 1)
#   BENCH_BUILD=aot|jit    aot: the Native AOT release binary (needs clang; the default when present)
#                          jit: the build run with `dotnet` (quick's default: the Debug build the
#                          tests made, BENCH_CONFIGURATION=Release to change)
#   BENCH_SOAK_SECONDS=N   soak length at 1,000 lines/s (default 60; quick 10)
#   BENCH_BYTES_IDLE=N     idle seconds for the bytes-to-the-terminal rows (default 60; quick 10)
#   BENCH_IDLE_SECONDS=N   seconds of CPU ticks counted with nothing happening (default 30; quick 5)
#   BENCH_ONLY="logs cli screen bytes idle soak micro"   only these sections
#   BENCH_MICRO=0          skip the micro-benchmarks
#   BENCH_LAB=1            run the lab first (./build.sh lab-test); its figures are read from
#                          .lab/last/figures.txt whenever that file exists
#   BENCH_REBUILD=1        publish the AOT binaries even when they are newer than their sources
#   BENCH_README=0|1       rewrite the README's table (default: 1 for a full run, 0 for quick)
#   BENCH_TUI_MARKERS      what the first full frame of ppptui must show, separated by '|'
#                          (default: "Profiles · N|bench-00000|Quit": the list's title with its
#                          count, the first profile, the status bar)
# Lab figures come from .lab/last/figures.txt (written by the lab's figures scenario), one figure a
# line: "LABEL  MEDIAN  [SAMPLE SAMPLE ...]" (seconds; two or more spaces after the label), e.g.
#   latency Up, kernel address -> TUI        0.05  [0.048 0.052 0.050 0.061 0.044]
# table.py turns the labels it knows into rows; blank lines and lines starting with # are skipped.
# Output: .bench/perf-table.md (and .bench/raw/ with every run; the smoke run: perf-table-quick.md,
# raw-quick/); the README between <!-- perf:begin --> and <!-- perf:end -->.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
  SIZE=64M; RUNS=${BENCH_RUNS:-3}; SCREEN_RUNS=${BENCH_SCREEN_RUNS:-1}; PROBES=50; SOAK=${BENCH_SOAK_SECONDS:-10}
  BIG=1000; README=${BENCH_README:-0}
else
  SIZE=1G; RUNS=${BENCH_RUNS:-5}; SCREEN_RUNS=${BENCH_SCREEN_RUNS:-10}; PROBES=200; SOAK=${BENCH_SOAK_SECONDS:-60}
  BIG=10000; README=${BENCH_README:-1}
fi
ONLY=${BENCH_ONLY:-logs cli screen bytes idle soak micro}
[ "${BENCH_MICRO:-1}" = 0 ] && ONLY=${ONLY//micro/}
want() { [[ " $ONLY " == *" $1 "* ]]; }

OUT=.bench
# The smoke run keeps its own raw files and table, so it never replaces a full run's.
SUFFIX=""; [ "$QUICK" = 1 ] && SUFFIX="-quick"
RAW="$OUT/raw$SUFFIX"
mkdir -p "$OUT"
rm -rf "$RAW"; mkdir -p "$RAW"
SETTLE_MS=2000; [ "$QUICK" = 1 ] && SETTLE_MS=1000
COLS=100; ROWS=30
START_SECONDS=$SECONDS

say() { echo "== [$((SECONDS - START_SECONDS)) s] $*"; }

is_root() { [ "$(id -u)" = 0 ]; }
apt_get() {
  is_root && command -v apt-get >/dev/null || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; }
}

[ -x /usr/bin/time ] || apt_get time || { echo "bench.sh: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || apt_get python3 || { echo "bench.sh: python3 is needed to write the table (apt-get install python3)" >&2; exit 1; }
command -v tmux >/dev/null || apt_get tmux || { echo "bench.sh: tmux is needed for the screen figures (apt-get install tmux)" >&2; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load before: $LOAD_BEFORE" > "$RAW/load"

# ---- build ---------------------------------------------------------------------------------------
say "build"
# The smoke run reuses the Debug build `./build.sh test` just made (the benchmark project itself is
# always compiled with optimizations); the full run builds Release.
CONFIG=Release; [ "$QUICK" = 1 ] && CONFIG=${BENCH_CONFIGURATION:-Debug}
dotnet build tests/PppTui.Benchmarks/PppTui.Benchmarks.csproj -c $CONFIG -v quiet -nologo >/dev/null
BENCH=(dotnet tests/PppTui.Benchmarks/bin/$CONFIG/net10.0/PppTui.Benchmarks.dll)
CLANG=$(command -v clang || ls /usr/bin/clang-[0-9]* 2>/dev/null | grep -E 'clang-[0-9]+$' | sort -V | tail -n 1 || true)
if [ "$QUICK" = 1 ]; then BUILD=${BENCH_BUILD:-jit}; else BUILD=${BENCH_BUILD:-$([ -n "$CLANG" ] && echo aot || echo jit)}; fi
if [ "$BUILD" = aot ] && [ -z "$CLANG" ]; then echo "bench.sh: BENCH_BUILD=aot needs clang (apt-get install clang)" >&2; exit 1; fi
if [ "$BUILD" = aot ]; then
  # aot PROJECT OUTDIR BINARY SOURCES...: publish unless the binary is newer than every source file
  # (native compilation takes minutes on a busy machine; BENCH_REBUILD=1 forces it).
  aot() {
    local project=$1 dir=$2 binary=$3; shift 3
    if [ "${BENCH_REBUILD:-0}" != 1 ] && [ -x "$binary" ] &&
       [ -z "$(find "$@" -type f -newer "$binary" -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
      echo "   $binary is up to date"
      return
    fi
    dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker="$(basename "$CLANG")" -o "$dir" -v quiet -nologo >/dev/null
  }
  aot src/PppTui/PppTui.csproj "$OUT/ppptui-aot" "$OUT/ppptui-aot/ppptui" src themes Directory.Build.props Directory.Packages.props
  PPPTUI_ARGV=("$REPO/$OUT/ppptui-aot/ppptui")
  BUILD_TEXT="the Native AOT release binary ($(stat -c %s "$OUT/ppptui-aot/ppptui") bytes)"
  if want screen || want bytes || want idle; then
    aot tests/bench/floor/Floor.csproj "$OUT/floor-aot" "$OUT/floor-aot/floor" tests/bench/floor Directory.Build.props Directory.Packages.props
    FLOOR_ARGV=("$REPO/$OUT/floor-aot/floor")
  fi
else
  dotnet build src/PppTui/PppTui.csproj -c $CONFIG -v quiet -nologo >/dev/null
  PPPTUI_ARGV=(dotnet "$REPO/src/PppTui/bin/$CONFIG/net10.0/ppptui.dll")
  BUILD_TEXT="the $CONFIG build run as \`dotnet ppptui.dll\` (JIT; not the shipped AOT binary)"
  if want screen || want bytes || want idle; then
    dotnet build tests/bench/floor/Floor.csproj -c $CONFIG -v quiet -nologo >/dev/null
    FLOOR_ARGV=(dotnet "$REPO/tests/bench/floor/bin/$CONFIG/net10.0/floor.dll")
  fi
fi
printf -v PPPTUI '%q ' "${PPPTUI_ARGV[@]}"
echo "   measuring $BUILD_TEXT"

# ---- data: generated here, never committed ------------------------------------------------------
FILE="$OUT/syslog-$SIZE.log"
if [ ! -f "$FILE" ]; then
  say "generate $FILE"
  "${BENCH[@]}" generate-syslog "$FILE.tmp" "$SIZE" && mv "$FILE.tmp" "$FILE"
fi
profiles() { # COUNT -> a sandbox root with COUNT profiles (kept between runs)
  local dir="$OUT/profiles-$1"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    "${BENCH[@]}" generate-profiles "$dir" "$1" >/dev/null
    touch "$dir/.complete"
  fi
  echo "$dir"
}
P100=$(profiles 100)
PBIG=$(profiles "$BIG")
cat "$FILE" > /dev/null   # both sides of every comparison read from a warm page cache

# measure NAME COMMAND: wall ms, user s, sys s, max RSS KiB appended to $RAW/NAME
measure() {
  local name=$1 cmd=$2 start end
  start=$(date +%s%N)
  # A failing command is recorded, not fatal: the table says so instead of a figure.
  /usr/bin/time -f "%U %S %M" -o "$RAW/time" bash -c "$cmd" || echo "$name: exit status $? from: $cmd" >> "$RAW/errors"
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$RAW/time")" >> "$RAW/$name"
}

# pair A_NAME A_CMD B_NAME B_CMD: one run of each, the order alternating with the run number
pair() {
  if [ $((RUN % 2)) = 1 ]; then measure "$1" "$2"; measure "$3" "$4"; else measure "$3" "$4"; measure "$1" "$2"; fi
}

# ---- logs: ppptui logs vs grep -------------------------------------------------------------------
if want logs; then
  RE='pppd\[[0-9]+\]: (LCP|IPCP): timeout|MS-CHAP authentication failed'
  echo "$RE" > "$RAW/logs-regex"
  say "logs: $RUNS runs per side on $FILE"
  # Untimed warm-up of each side: the file in the page cache and each program's own pages loaded,
  # so neither side's first run pays a cold start the other does not (the order alternates below).
  eval "$PPPTUI logs --source $FILE --grep '$RE' > /dev/null" || true
  grep -E "$RE" "$FILE" > /dev/null || true
  for RUN in $(seq 1 "$RUNS"); do
    pair backlog-ppptui "$PPPTUI logs --source $FILE --grep 'pppd\\[' --lines 1000 > $RAW/out-backlog-ppptui" \
         backlog-grep "grep 'pppd\\[' $FILE | tail -n 1000 > $RAW/out-backlog-grep"
    pair filter-ppptui "$PPPTUI logs --source $FILE --grep '$RE' > $RAW/out-filter-ppptui" \
         filter-grep "grep -E '$RE' $FILE > $RAW/out-filter-grep"
    pair all-ppptui "$PPPTUI logs --source $FILE --grep 'pppd\\[' > $RAW/out-all-ppptui" \
         all-grep "grep 'pppd\\[' $FILE > $RAW/out-all-grep"
  done
  for k in backlog filter all; do
    cmp -s "$RAW/out-$k-ppptui" "$RAW/out-$k-grep" && echo yes > "$RAW/same-$k" || echo no > "$RAW/same-$k"
  done
  wc -l < "$RAW/out-all-grep" > "$RAW/all-lines"
  wc -l < "$RAW/out-filter-grep" > "$RAW/filter-lines-grep"
  wc -l < "$RAW/out-filter-ppptui" > "$RAW/filter-lines-ppptui"
  rm -f "$RAW"/out-*
  say "logs: follow latency ($PROBES appends)"
  "${BENCH[@]}" follow-latency "$OUT/follow.log" "$PROBES" -- "${PPPTUI_ARGV[@]}" logs --source '{file}' --follow --lines 0 \
    | tail -n 1 > "$RAW/follow-cli"
  "${BENCH[@]}" follow-latency-core "$OUT/follow-core.log" "$PROBES" | tail -n 1 > "$RAW/follow-core"
fi

# ---- CLI: list and status ------------------------------------------------------------------------
if want cli; then
  say "cli: $RUNS runs per side"
  for RUN in $(seq 1 "$RUNS"); do
    pair list100-ppptui "$PPPTUI --root $P100 --json list > /dev/null" \
         list100-grep "grep -H -E '^(kind|description) = ' $P100/etc/ppptui/profiles/*.toml > /dev/null"
    pair listbig-ppptui "$PPPTUI --root $PBIG --json list > /dev/null" \
         listbig-grep "grep -H -E '^(kind|description) = ' $PBIG/etc/ppptui/profiles/*.toml > /dev/null"
    pair status-ppptui "$PPPTUI --json status > /dev/null" \
         status-ip "ip -j addr show > /dev/null; ip -j route show > /dev/null"
    pair version-ppptui "$PPPTUI --version > /dev/null" version-true "/bin/true"
  done
  echo "$BIG" > "$RAW/list-big-count"
  ip -o link show | grep -c ': ppp' > "$RAW/status-ppp-links" || true
fi

# ---- screen: first full frame under tmux ---------------------------------------------------------
TUI_MARKERS=${BENCH_TUI_MARKERS:-"Profiles · 100|bench-00000|Quit"}
# tui_root COUNT: a sandbox with COUNT profiles whose var/log/syslog is the generated syslog
tui_root() {
  local dir="$OUT/tui-$1"
  rm -rf "$dir"; cp -r "$(profiles "$1")" "$dir"
  mkdir -p "$dir/var/log"
  ln "$FILE" "$dir/var/log/syslog" 2>/dev/null || ln -s "$REPO/$FILE" "$dir/var/log/syslog"
  echo "$dir"
}
# frame NAME [first-frame options] -- COMMAND...: one start, one line appended to $RAW/frame-NAME
frame() {
  local name=$1; shift
  if ! "${BENCH[@]}" first-frame --cols $COLS --rows $ROWS --settle-ms $SETTLE_MS --screen "$RAW/screen-$name.txt" "$@" \
      >> "$RAW/frame-$name" 2>> "$RAW/frame-$name.err"; then
    echo "failed" >> "$RAW/frame-$name"
  fi
}
markers() { local IFS='|' m out=(); for m in $1; do out+=(--marker "$m"); done; printf '%s\n' "${out[@]}"; }

if want screen; then
  T100=$(tui_root 100)
  mapfile -t M100 < <(markers "$TUI_MARKERS")
  PPPCONFIG=""
  if ! command -v pppconfig >/dev/null && [ "$QUICK" != 1 ]; then apt_get pppconfig whiptail || true; fi
  if command -v pppconfig >/dev/null && is_root; then PPPCONFIG=$(command -v pppconfig)
  else echo "pppconfig not measured: $(is_root && echo 'not installed (apt-get install pppconfig whiptail)' || echo 'it runs only as root')" > "$RAW/pppconfig-skipped"; fi
  say "screen: first full frame, runs per program: $SCREEN_RUNS (floor, ppptui${PPPCONFIG:+, pppconfig})"
  for RUN in $(seq 1 "$SCREEN_RUNS"); do
    order=(floor ppptui pppconfig)
    for ((k = 0; k < RUN % 3; k++)); do order=("${order[@]:1}" "${order[0]}"); done
    for who in "${order[@]}"; do
      case $who in
        floor) frame floor --marker "one window" --marker "Quit" -- "${FLOOR_ARGV[@]}" ;;
        ppptui) frame ppptui "${M100[@]}" -- "${PPPTUI_ARGV[@]}" --root "$REPO/$T100" ;;
        pppconfig) [ -n "$PPPCONFIG" ] && frame pppconfig --marker "Main Menu" --marker "Exit this utility" --marker "<Ok>" -- "$PPPCONFIG" ;;
      esac
    done
  done
  # Informational: the same with many profiles (not in the smoke run).
  if [ "$QUICK" != 1 ]; then
    TBIG=$(tui_root "$BIG")
    mapfile -t MBIG < <(markers "${TUI_MARKERS//Profiles · 100/Profiles · $BIG}")
    for RUN in $(seq 1 $(( (SCREEN_RUNS + 1) / 2 ))); do frame ppptui-big "${MBIG[@]}" -- "${PPPTUI_ARGV[@]}" --root "$REPO/$TBIG"; done
  fi
  echo "$TUI_MARKERS" > "$RAW/tui-markers"
fi

# ---- bytes: what reaches the terminal at 80x24 (what a slow SSH link carries) -------------------
if want bytes; then
  BYTES_IDLE=${BENCH_BYTES_IDLE:-60}; [ "$QUICK" = 1 ] && BYTES_IDLE=${BENCH_BYTES_IDLE:-10}
  command -v script >/dev/null || apt_get bsdutils || true
  MC=$(command -v mc || { apt_get mc && command -v mc; } || true)
  [ -n "$MC" ] || echo "mc not measured: not installed (apt-get install mc)" > "$RAW/mc-skipped"
  # The field report's never-imported peers file and an empty syslog the pppd line is appended to.
  BROOT="$OUT/bytes"
  rm -rf "$BROOT"; mkdir -p "$BROOT/etc/ppp/peers" "$BROOT/var/log" "$BROOT/home"; : > "$BROOT/var/log/syslog"
  printf '%s\n' "remotename myvpn" "linkname myvpn" "ipparam myvpn" 'pty "pptp vpn.example.net --nolaunchpppd --loglevel 0"' \
    lock nodeflate "name alice" usepeerdns require-mppe noauth require-mppe-128 defaultroute "mtu 1416 #特别关键！！！" \
    > "$BROOT/etc/ppp/peers/myvpn"
  echo "$BYTES_IDLE" > "$RAW/bytes-idle-seconds"
  say "bytes: first frame, $BYTES_IDLE s idle, one new log line at 80x24 (ppptui, floor${MC:+, mc}, side by side)"
  # Alt+6 shows the log pane, so the appended line is drawn.
  tests/bench/bytes.sh ppptui "$BYTES_IDLE" "$BROOT/var/log/syslog" M-6 -- "${PPPTUI_ARGV[@]}" --root "$REPO/$BROOT" > "$RAW/bytes-ppptui" 2>&1 &
  tests/bench/bytes.sh floor "$BYTES_IDLE" - "" -- "${FLOOR_ARGV[@]}" > "$RAW/bytes-floor" 2>&1 &
  [ -n "$MC" ] && HOME="$REPO/$BROOT/home" tests/bench/bytes.sh mc "$BYTES_IDLE" - "" -- "$MC" > "$RAW/bytes-mc" 2>&1 &
  wait
fi

# ---- idle: CPU while nothing happens -----------------------------------------------------------
if want idle; then
  IDLE=${BENCH_IDLE_SECONDS:-30}; [ "$QUICK" = 1 ] && IDLE=${BENCH_IDLE_SECONDS:-5}
  MC=$(command -v mc || { apt_get mc && command -v mc; } || true)
  [ -n "$MC" ] || echo "mc not measured: not installed (apt-get install mc)" > "$RAW/idle-mc-skipped"
  # The live system, as an admin runs it (the kernel's notices are the live system's only); as
  # another user the sandbox, which polls.
  if is_root; then IDLE_ROOT=(); echo "the live system (no ppp link up: $(ip -o link show | grep -c ': ppp' || true) ppp interfaces)" > "$RAW/idle-where"
  else IDLE_ROOT=(--root "$REPO/$P100"); echo "a sandbox with 100 profiles (not root: the live system's pid files and logs are not readable)" > "$RAW/idle-where"; fi
  echo "$IDLE" > "$RAW/idle-seconds"; echo "${SETTLE:-10}" > "$RAW/idle-settle"
  say "idle: CPU ticks over $IDLE s with nothing happening (ppptui, ppptui status --watch, floor${MC:+, mc}, side by side)"
  tests/bench/idle.sh ppptui "$IDLE" -- "${PPPTUI_ARGV[@]}" "${IDLE_ROOT[@]}" > "$RAW/idle-ppptui" 2>&1 &
  tests/bench/idle.sh watch "$IDLE" -- "${PPPTUI_ARGV[@]}" "${IDLE_ROOT[@]}" status --watch > "$RAW/idle-watch" 2>&1 &
  tests/bench/idle.sh floor "$IDLE" -- "${FLOOR_ARGV[@]}" > "$RAW/idle-floor" 2>&1 &
  [ -n "$MC" ] && HOME="$REPO/$OUT/idle-home" tests/bench/idle.sh mc "$IDLE" -- "$MC" > "$RAW/idle-mc" 2>&1 &
  mkdir -p "$OUT/idle-home"
  wait
fi

# ---- soak: the TUI open on a log growing by 1,000 lines/s ---------------------------------------
if want soak; then
  say "soak: $SOAK s at 1,000 lines/s"
  SOAK_ROOT="$OUT/soak"
  rm -rf "$SOAK_ROOT"; cp -r "$P100" "$SOAK_ROOT"; mkdir -p "$SOAK_ROOT/var/log"
  head -n 20000 "$FILE" > "$SOAK_ROOT/var/log/syslog"
  mapfile -t MS < <(markers "$TUI_MARKERS")
  # Alt+6 shows the log pane, so every line that reaches it is also drawn.
  "${BENCH[@]}" soak --seconds "$SOAK" --rate 1000 --log "$SOAK_ROOT/var/log/syslog" --keys M-6 --settle-ms $SETTLE_MS \
    --samples "$RAW/soak-samples" --cols $COLS --rows $ROWS --screen "$RAW/screen-soak.txt" "${MS[@]}" -- "${PPPTUI_ARGV[@]}" --root "$REPO/$SOAK_ROOT" \
    > "$RAW/soak" 2> "$RAW/soak.err" || echo "failed" > "$RAW/soak"
  # An hour or more is kept (table.py shows it beside later, shorter soaks), with where it came from.
  if [ "$SOAK" -ge 3600 ] && grep -q "=" "$RAW/soak"; then
    mkdir -p docs/soak-1h
    cp "$RAW/soak" "$RAW/soak-samples" docs/soak-1h/
    echo "run $(date -u '+%Y-%m-%d %H:%M') UTC at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $BUILD_TEXT" > docs/soak-1h/origin
  fi
fi

# ---- lab: figures from the real-kernel lab --------------------------------------------------------
if [ "${BENCH_LAB:-0}" = 1 ]; then
  say "lab (./build.sh lab-test)"
  tests/lab/lab.sh test > "$RAW/lab.log" 2>&1 || echo "bench.sh: the lab run failed (see $RAW/lab.log); its figures may be missing or old" >&2
fi
if [ -s .lab/last/figures.txt ]; then
  cp .lab/last/figures.txt "$RAW/lab-figures.txt"
  date -r .lab/last/figures.txt '+%Y-%m-%d %H:%M' > "$RAW/lab-figures-date"
fi

# ---- micro-benchmarks -----------------------------------------------------------------------------
JOB=none
if want micro; then
  say "BenchmarkDotNet micro-benchmarks"
  rm -rf "$OUT/bdn$SUFFIX"
  if [ "$QUICK" = 1 ]; then JOB=Dry; extra=(--inProcess); else JOB=Short; extra=(); fi
  if ! "${BENCH[@]}" micro --filter '*' --job "$JOB" "${extra[@]}" --artifacts "$OUT/bdn$SUFFIX" > "$RAW/bdn.log" 2>&1; then
    echo "bench.sh: some micro-benchmarks failed (see $RAW/bdn.log); the table says which" >&2
    grep -A20 "Benchmarks with issues" "$RAW/bdn.log" | grep -E "^  [A-Za-z]+\." | sort -u > "$RAW/bdn-failed" || true
    [ -s "$RAW/bdn-failed" ] || echo "the micro-benchmark run failed before any result" > "$RAW/bdn-failed"
  fi
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load after: $LOAD_AFTER" >> "$RAW/load"
say "table"
python3 tests/bench/table.py --raw "$RAW" --bdn "$OUT/bdn$SUFFIX" --out "$OUT/perf-table$SUFFIX.md" \
  --readme "$([ "$README" = 1 ] && echo README.md || echo '')" \
  --quick "$QUICK" --size "$SIZE" --runs "$RUNS" --screen-runs "$SCREEN_RUNS" --soak "$SOAK" --big "$BIG" \
  --svg "$([ "$README" = 1 ] && echo docs/soak-rss.svg || echo "$OUT/soak-rss$SUFFIX.svg")" \
  --build "$BUILD_TEXT" --job "$JOB" --load "$LOAD_BEFORE / $LOAD_AFTER" --elapsed $((SECONDS - START_SECONDS))
