#!/usr/bin/env bash
# Log benchmarks: ppptui side by side with grep on a generated syslog, then the
# BenchmarkDotNet micro-benchmarks. Writes a markdown table to .bench/logs-table.md and prints it.
#   BENCH_QUICK=1   64 MiB file, 3 runs, dry micro-benchmarks (a CI smoke test: well under a minute)
#   BENCH_RUNS=N    runs per side (default 5)
#   BENCH_MICRO=0   skip the BenchmarkDotNet part
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then SIZE=64M; RUNS=${BENCH_RUNS:-3}; PROBES=50; else SIZE=1G; RUNS=${BENCH_RUNS:-5}; PROBES=200; fi
OUT=.bench
mkdir -p "$OUT"
FILE="$OUT/syslog-$SIZE.log"
TABLE="$OUT/logs-table.md"
RAW="$OUT/raw"
rm -rf "$RAW"; mkdir -p "$RAW"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
  else
    echo "bench.sh: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 1
  fi
fi

echo "== build (Release)"
dotnet build tests/PppTui.Benchmarks/PppTui.Benchmarks.csproj -c Release -v quiet -nologo >/dev/null
# The release artifact is the Native AOT binary; it needs clang. Without clang (or with
# BENCH_BUILD=r2r) the framework-dependent Release build, ReadyToRun-compiled, is measured instead.
CLANG=$(command -v clang || ls /usr/bin/clang-[0-9]* 2>/dev/null | grep -E 'clang-[0-9]+$' | sort -V | tail -n 1 || true)
BUILD=${BENCH_BUILD:-$([ -n "$CLANG" ] && echo aot || echo r2r)}
if [ "$BUILD" = aot ]; then
  dotnet publish src/PppTui/PppTui.csproj -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker="$(basename "$CLANG")" \
    -o "$OUT/ppptui-aot" -v quiet -nologo >/dev/null
  PPPTUI="$OUT/ppptui-aot/ppptui"
  PPPTUI_ARGV=("$OUT/ppptui-aot/ppptui")
  BUILD_TEXT="the Native AOT release binary ($(stat -c %s "$PPPTUI") bytes), start-up included"
else
  dotnet publish src/PppTui/PppTui.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$OUT/ppptui" -v quiet -nologo >/dev/null
  PPPTUI="dotnet $OUT/ppptui/ppptui.dll"
  PPPTUI_ARGV=(dotnet "$OUT/ppptui/ppptui.dll")
  BUILD_TEXT="the framework-dependent Release build (ReadyToRun) run as \`dotnet ppptui.dll\`, start-up included; not the AOT binary"
fi
echo "   measuring $BUILD_TEXT"
BENCH=(dotnet tests/PppTui.Benchmarks/bin/Release/net10.0/PppTui.Benchmarks.dll)

if [ ! -f "$FILE" ]; then
  echo "== generate $FILE"
  "${BENCH[@]}" generate-syslog "$FILE" "$SIZE"
fi
cat "$FILE" > /dev/null   # both sides read from a warm page cache

# measure NAME COMMAND: wall ms, user s, sys s, max RSS KiB appended to $RAW/NAME
measure() {
  local name=$1 cmd=$2 start end
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$RAW/time" bash -c "$cmd"
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(cat "$RAW/time")" >> "$RAW/$name"
}

RE='pppd\[[0-9]+\]: (LCP|IPCP): timeout|MS-CHAP authentication failed'
P_BACKLOG="$PPPTUI logs --source $FILE --grep 'pppd\\[' --lines 1000 > $RAW/out-backlog-ppptui"
G_BACKLOG="grep 'pppd\\[' $FILE | tail -n 1000 > $RAW/out-backlog-grep"
P_FILTER="$PPPTUI logs --source $FILE --grep '$RE' > $RAW/out-filter-ppptui"
G_FILTER="grep -E '$RE' $FILE > $RAW/out-filter-grep"
# Informational (no target): a whole-file scan whose output is every pppd line (~3% of the file).
P_ALL="$PPPTUI logs --source $FILE --grep 'pppd\\[' > $RAW/out-all-ppptui"
G_ALL="grep 'pppd\\[' $FILE > $RAW/out-all-grep"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== $RUNS runs each, alternating which side goes first"
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) = 1 ]; then
    measure backlog-ppptui "$P_BACKLOG"; measure backlog-grep "$G_BACKLOG"
    measure filter-ppptui "$P_FILTER"; measure filter-grep "$G_FILTER"
    measure all-ppptui "$P_ALL"; measure all-grep "$G_ALL"
  else
    measure backlog-grep "$G_BACKLOG"; measure backlog-ppptui "$P_BACKLOG"
    measure filter-grep "$G_FILTER"; measure filter-ppptui "$P_FILTER"
    measure all-grep "$G_ALL"; measure all-ppptui "$P_ALL"
  fi
  echo "   run $i done"
done
SAME_BACKLOG=$(cmp -s "$RAW/out-backlog-ppptui" "$RAW/out-backlog-grep" && echo yes || echo NO)
SAME_FILTER=$(cmp -s "$RAW/out-filter-ppptui" "$RAW/out-filter-grep" && echo yes || echo NO)
SAME_ALL=$(cmp -s "$RAW/out-all-ppptui" "$RAW/out-all-grep" && echo yes || echo NO)
ALL_LINES=$(wc -l < "$RAW/out-all-grep")

echo "== follow latency ($PROBES appends)"
"${BENCH[@]}" follow-latency "$OUT/follow.log" "$PROBES" -- "${PPPTUI_ARGV[@]}" logs --source '{file}' --follow --lines 0 \
  | tail -n 1 > "$RAW/follow-cli"
"${BENCH[@]}" follow-latency-core "$OUT/follow-core.log" "$PROBES" | tail -n 1 > "$RAW/follow-core"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

MICRO_MD=""
if [ "${BENCH_MICRO:-1}" != 0 ]; then
  echo "== BenchmarkDotNet micro-benchmarks"
  JOB=Short; [ "$QUICK" = 1 ] && JOB=Dry
  rm -rf "$OUT/bdn"
  "${BENCH[@]}" micro --filter '*' --job "$JOB" --artifacts "$OUT/bdn" > "$RAW/bdn.log" 2>&1 || { tail -n 30 "$RAW/bdn.log"; exit 1; }
  MICRO_MD=$(ls "$OUT"/bdn/results/*-report-github.md 2>/dev/null || true)
fi

python3 - "$RAW" "$TABLE" "$SIZE" "$RUNS" "$SAME_BACKLOG" "$SAME_FILTER" "$LOAD_BEFORE" "$LOAD_AFTER" "$RE" "${JOB:-none}" "$SAME_ALL" "$ALL_LINES" "$BUILD_TEXT" $MICRO_MD <<'PY'
import os, platform, statistics, subprocess, sys
raw, table, size, runs, same_backlog, same_filter, load_before, load_after, regex, job, same_all, all_lines, build_text = sys.argv[1:14]
micro = sys.argv[14:]

def rows(name):
    out = []
    for line in open(os.path.join(raw, name)):
        wall, user, sys_, rss = line.split()
        out.append((int(wall) / 1000, float(user) + float(sys_), int(rss) / 1024))
    return out

def fmt(values, unit="s", digits=2):
    med = statistics.median(values)
    return f"{med:.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"

def side(name):
    r = rows(name)
    return [x[0] for x in r], [x[1] for x in r], [x[2] for x in r]

def kv(path):
    return dict(p.split("=") for p in open(path).read().split())

bw_p, bc_p, br_p = side("backlog-ppptui"); bw_g, bc_g, br_g = side("backlog-grep")
fw_p, fc_p, fr_p = side("filter-ppptui"); fw_g, fc_g, fr_g = side("filter-grep")
aw_p, ac_p, ar_p = side("all-ppptui"); aw_g, ac_g, ar_g = side("all-grep")
fol, core = kv(os.path.join(raw, "follow-cli")), kv(os.path.join(raw, "follow-core"))
med = statistics.median
backlog_ratio = med(bw_g) / med(bw_p)
filter_ratio = med(fw_p) / med(fw_g)
peak = max(br_p + fr_p + [int(fol["peak_rss_kib"]) / 1024])

def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"): return line.split(":", 1)[1].strip()
    return platform.processor()

mem = int(open("/proc/meminfo").readline().split()[1]) // 1024 // 1024
def ver(cmd):
    try: return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except Exception: return "?"
yes = lambda ok: "yes" if ok else "**no**"
speed = lambda r: f"{r:.1f}x faster" if r >= 1 else f"{1 / r:.1f}x slower"
label = "1 GiB" if size == "1G" else size + "iB"

lines = [
 f"Measured by `./build.sh bench` (tests/bench/bench.sh) on a generated {label} Debian-style syslog with pppd/pptp/chat sessions mixed in (~3% of lines);",
 f"{runs} runs per side, alternating order, warm page cache; median (min–max) of wall-clock time; CPU = user+sys.",
 f"Machine: {cpu()}, {os.cpu_count()} cores, {mem} GiB RAM, Linux {platform.release()}, .NET {ver(['dotnet', '--version'])}, {ver(['grep', '--version'])};",
 f"ppptui is {build_text}. Load average before/after (2 cores shared with other work): {load_before} / {load_after}.",
 "",
 "| what | ppptui | baseline | ratio | target | met |",
 "|---|---|---|---|---|---|",
 f"| newest 1,000 pppd lines: `ppptui logs --source FILE --grep 'pppd\\[' --lines 1000` vs `grep 'pppd\\[' FILE \\| tail -n 1000` | {fmt(bw_p)}; CPU {fmt(bc_p)} | {fmt(bw_g)}; CPU {fmt(bc_g)} | {speed(backlog_ratio)} | ≥ 5x faster | {yes(backlog_ratio >= 5)} |",
 f"| regex over the whole file: `ppptui logs --source FILE --grep RE` vs `grep -E RE FILE` | {fmt(fw_p)}; CPU {fmt(fc_p)} | {fmt(fw_g)}; CPU {fmt(fc_g)} | {filter_ratio:.2f}x grep's time | ≤ 1.2x | {yes(filter_ratio <= 1.2)} |",
 f"| follow latency, append → line printed by `ppptui logs --follow` ({fol['probes']} appends, {fol['lost']} lost) | median {fol['median_ms']} ms, p95 {fol['p95_ms']} ms, max {fol['max_ms']} ms | core FileFollower alone: median {core['median_ms']} ms, p95 {core['p95_ms']} ms | | < 50 ms | {yes(float(fol['p95_ms']) < 50)} (p95) |",
 f"| informational, no target: every pppd line of the file ({int(all_lines):,} lines out): `ppptui logs --source FILE --grep 'pppd\\['` vs `grep 'pppd\\[' FILE` | {fmt(aw_p)}; CPU {fmt(ac_p)}; peak RSS {med(ar_p):.0f} MiB | {fmt(aw_g)}; CPU {fmt(ac_g)} | {speed(med(aw_g) / med(aw_p))} | | |",
 f"| peak RSS of ppptui | backlog {med(br_p):.0f} MiB, filter {med(fr_p):.0f} MiB, follow {int(fol['peak_rss_kib'])/1024:.0f} MiB | grep\\|tail {med(br_g):.1f} MiB, grep -E {med(fr_g):.1f} MiB | | < 64 MiB | {yes(peak < 64)} (max {peak:.0f} MiB) |",
 "",
 f"RE = `{regex}`. Outputs identical to grep's: backlog {same_backlog}, filter {same_filter}, every pppd line {same_all}.",
]
for path in micro:
    lines += ["", f"BenchmarkDotNet (`dotnet run -c Release --project tests/PppTui.Benchmarks -- micro --filter '*' --job {job}`):", ""]
    lines += [l.rstrip() for l in open(path) if not l.startswith("```")]
open(table, "w").write("\n".join(lines) + "\n")
PY
echo
cat "$TABLE"
