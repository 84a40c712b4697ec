#!/usr/bin/env python3
"""Turns the raw runs of tests/bench/bench.sh into the performance table (markdown).

Every row: what was measured, ppptui's figure, the baseline measured in the same invocation,
the ratio, the target, whether it is met, the machine, the command. Figures are medians with
(min-max) over the runs. Writes --out, and with --readme replaces the text between
<!-- perf:begin --> and <!-- perf:end --> in that file.
"""
import argparse
import csv
import glob
import os
import platform
import re
import statistics
import subprocess
import sys

ap = argparse.ArgumentParser()
for name in ["raw", "bdn", "out", "readme", "quick", "size", "runs", "screen-runs", "soak", "big", "build", "job", "load", "elapsed", "svg"]:
    ap.add_argument("--" + name, default="")
a = ap.parse_args()
RAW = a.raw
quick = a.quick == "1"
med = statistics.median


def path(name):
    return os.path.join(RAW, name)


def exists(name):
    return os.path.exists(path(name)) and os.path.getsize(path(name)) > 0


def text(name, default=""):
    return open(path(name)).read().strip() if exists(name) else default


def errors():
    return text("errors")


def measured(name):
    """Runs of `measure`: lists of wall s, cpu s, peak RSS MiB; None when absent."""
    if not exists(name):
        return None
    wall, cpu, rss = [], [], []
    for line in open(path(name)):
        parts = line.split()
        if len(parts) != 4:
            continue
        wall.append(int(parts[0]) / 1000)
        cpu.append(float(parts[1]) + float(parts[2]))
        rss.append(int(parts[3]) / 1024)
    return (wall, cpu, rss) if wall else None


def keyvalues(name):
    """Lines of key=value pairs (first-frame, soak, follow); 'failed' lines are counted apart."""
    ok, failed = [], 0
    if not exists(name):
        return ok, failed
    for line in open(path(name)):
        line = line.strip()
        if not line:
            continue
        if line == "failed":
            failed += 1
            continue
        ok.append(dict(p.split("=", 1) for p in line.split() if "=" in p))
    return ok, failed


def spread(values, unit, digits=0, scale=1.0):
    v = [x * scale for x in values]
    m = med(v)
    if len(v) == 1:
        return f"{m:.{digits}f} {unit}"
    return f"{m:.{digits}f} {unit} ({min(v):.{digits}f}–{max(v):.{digits}f})"


def ms(values):
    return spread(values, "ms", 0, 1000) if med(values) >= 0.1 else spread(values, "ms", 1, 1000)


def yes(ok):
    return "yes" if ok else "**no**"


def faster(ratio):
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


def code(cmd):
    return "`" + cmd + "`"


rows = []  # (what, ppptui, baseline, ratio, target, met, machine, command)
HOST = "host"


def row(what, figure, baseline="", ratio="", target="", met="", machine=HOST, command=""):
    rows.append((what, figure, baseline, ratio, target, met, machine, command))


size_label = "1 GiB" if a.size == "1G" else a.size + "iB"
big = int(a.big or 0)

# ---- screen -------------------------------------------------------------------------------------
frames = {k: keyvalues("frame-" + k) for k in ["ppptui", "floor", "pppconfig", "ppptui-big"]}


def frame_values(who, key):
    return [float(r[key]) for r in frames[who][0] if key in r]


def failed_note(who):
    f = frames[who][1]
    return f" ({f} run{'s' if f > 1 else ''} failed)" if f else ""


if frames["ppptui"][0] or frames["ppptui"][1]:
    p = frame_values("ppptui", "first_frame_ms")
    fl = frame_values("floor", "first_frame_ms")
    if p and fl:
        ratio = med(p) / med(fl)
        row(f"TUI start to first full frame, 100 profiles, {size_label} syslog, {a.screen_runs} runs (tmux 100x30)",
            spread(p, "ms") + failed_note("ppptui"), "floor app: " + spread(fl, "ms") + failed_note("floor"),
            f"{ratio:.1f}x floor", "≤ 1.3x floor", yes(ratio <= 1.3), HOST,
            code("ppptui --root SANDBOX") + " vs " + code("floor") + " (tests/bench/floor)")
    elif not p:
        row("TUI start to first full frame", "**failed**: " + text("frame-ppptui.err")[:200].replace("\n", " "), machine=HOST)
    pc = frame_values("pppconfig", "first_frame_ms")
    if p and pc:
        r = med(p) / med(pc)
        row("TUI first menu vs Debian's pppconfig (whiptail) first menu", spread(p, "ms"),
            "pppconfig: " + spread(pc, "ms") + failed_note("pppconfig"), f"{r:.1f}x pppconfig's time", "", "", HOST,
            code("ppptui --root SANDBOX") + " vs " + code("pppconfig"))
    elif exists("pppconfig-skipped"):
        row("TUI first menu vs Debian's pppconfig", spread(p, "ms") if p else "", "not measured: " + text("pppconfig-skipped"))
    rss = [v / 1024 for v in frame_values("ppptui", "tree_rss_kib")]
    hwm = [v / 1024 for v in frame_values("ppptui", "hwm_kib")]
    frss = [v / 1024 for v in frame_values("floor", "tree_rss_kib")]
    prss = [v / 1024 for v in frame_values("pppconfig", "tree_rss_kib")]
    if rss:
        base = "floor app: " + spread(frss, "MiB") if frss else ""
        if prss:
            base += "; pppconfig + whiptail: " + spread(prss, "MiB")
        row(f"TUI resident memory 2 s after the first frame (100 profiles, {size_label} syslog); peak",
            spread(rss, "MiB") + f"; peak {med(hwm):.0f} MiB", base, f"{med(rss) / med(frss):.1f}x floor" if frss else "",
            "< 60 MiB", yes(max(med(rss), med(hwm)) < 60), HOST, "VmRSS/VmHWM from /proc/PID/status")
    pb = frame_values("ppptui-big", "first_frame_ms")
    if pb:
        brss = [v / 1024 for v in frame_values("ppptui-big", "tree_rss_kib")]
        # The target is against the floor app (a bare window), as the 100-profile row's.
        fl_ = frame_values("floor", "first_frame_ms")
        bratio = med(pb) / med(fl_) if fl_ else None
        row(f"TUI first frame with {big:,} profiles", spread(pb, "ms") + failed_note("ppptui-big") + f"; RSS {med(brss):.0f} MiB",
            ("floor app: " + spread(fl_, "ms") if fl_ else "") + ("; 100 profiles: " + spread(p, "ms") if p else ""),
            f"{bratio:.1f}x floor" if bratio else "", "≤ 3x floor" if bratio else "", yes(bratio <= 3) if bratio else "", HOST, code("ppptui --root SANDBOX"))

# ---- CLI ---------------------------------------------------------------------------------------
def cli_row(what, ours, base, base_label, most=None, command=""):
    o, b = measured(ours), measured(base)
    if not o or not b:
        return
    ratio = med(o[0]) / med(b[0])
    failed = [e for e in errors().splitlines() if e.startswith(ours + ":") or e.startswith(base + ":")]
    note = f" (**a run failed**, see {RAW}/errors)" if failed else ""
    row(what, ms(o[0]) + f"; peak RSS {med(o[2]):.0f} MiB" + note, f"{base_label}: " + ms(b[0]) + f"; {med(b[2]):.1f} MiB",
        f"{ratio:.1f}x baseline's time", f"≤ {most:g}x" if most else "", yes(ratio <= most) if most else "", HOST, command)


cli_row("`list --json`, 100 profiles", "list100-ppptui", "list100-grep", "grep over every profile file", most=2,
        command=code("ppptui --root SANDBOX --json list") + " vs " + code("grep -H -E '^(kind|description) = ' SANDBOX/etc/ppptui/profiles/*.toml"))
cli_row(f"`list --json`, {big:,} profiles", "listbig-ppptui", "listbig-grep", "grep over every profile file", most=2,
        command=code("ppptui --root SANDBOX --json list") + " vs the same grep")
links = text("status-ppp-links", "?")
cli_row(f"`status --json` on this host ({links} ppp links up)", "status-ppptui", "status-ip", "`ip -j addr` + `ip -j route`",
        command=code("ppptui --json status") + " vs " + code("ip -j addr show; ip -j route show"))
cli_row("process start-up floor: `ppptui --version`", "version-ppptui", "version-true", "`/bin/true`", most=3,
        command=code("ppptui --version") + " vs " + code("/bin/true"))

# ---- logs --------------------------------------------------------------------------------------
bp, bg = measured("backlog-ppptui"), measured("backlog-grep")
if bp and bg:
    fp, fg = measured("filter-ppptui"), measured("filter-grep")
    ap_, ag = measured("all-ppptui"), measured("all-grep")
    r = med(bg[0]) / med(bp[0])
    row(f"newest 1,000 pppd lines of a {size_label} syslog", ms(bp[0]) + f"; CPU {ms(bp[1])}", "`grep | tail`: " + ms(bg[0]),
        faster(r), "≥ 5x faster", yes(r >= 5), HOST,
        code("ppptui logs --source FILE --grep 'pppd\\[' --lines 1000") + " vs " + code("grep 'pppd\\[' FILE | tail -n 1000"))
    r = med(fp[0]) / med(fg[0])
    row(f"regex over the whole {size_label} syslog (log filter), both warmed up first, order alternating; lines out: "
        f"{int(text('filter-lines-ppptui', '0')):,} vs grep's {int(text('filter-lines-grep', '0')):,} (same output: {text('same-filter', '?')})", ms(fp[0]) + f"; {1024 * med(fp[0]) / (1024 if a.size == '1G' else int(a.size.rstrip('M'))):.1f} ms/MiB",
        "`grep -E`: " + ms(fg[0]), f"{r:.2f}x grep's time", "≤ 1.2x", yes(r <= 1.2), HOST,
        code("ppptui logs --source FILE --grep RE") + " vs " + code("grep -E RE FILE"))
    r = med(ag[0]) / med(ap_[0])
    row(f"informational: every pppd line ({int(text('all-lines', '0')):,} lines out)", ms(ap_[0]) + f"; peak RSS {med(ap_[2]):.0f} MiB",
        "`grep`: " + ms(ag[0]), faster(r), "", "", HOST, code("ppptui logs --source FILE --grep 'pppd\\['") + " vs " + code("grep 'pppd\\[' FILE"))
    fol = dict(p.split("=") for p in text("follow-cli").split()) if exists("follow-cli") else {}
    core = dict(p.split("=") for p in text("follow-core").split()) if exists("follow-core") else {}
    if fol:
        row(f"follow latency: append → line printed ({fol['probes']} appends, {fol['lost']} lost)",
            f"median {fol['median_ms']} ms, p95 {fol['p95_ms']} ms, max {fol['max_ms']} ms",
            f"core FileFollower alone: median {core.get('median_ms', '?')} ms, p95 {core.get('p95_ms', '?')} ms", "", "p95 < 50 ms",
            yes(float(fol["p95_ms"]) < 50), HOST, code("ppptui logs --source FILE --follow --lines 0"))
        peak = max(bp[2] + fp[2] + [int(fol["peak_rss_kib"]) / 1024])
        row("peak RSS of `ppptui logs`", f"backlog {med(bp[2]):.0f} MiB, filter {med(fp[2]):.0f} MiB, follow {int(fol['peak_rss_kib']) / 1024:.0f} MiB",
            f"`grep | tail` {med(bg[2]):.1f} MiB, `grep -E` {med(fg[2]):.1f} MiB", "", "< 64 MiB", yes(peak < 64), HOST, "/usr/bin/time -f %M")
    same = ", ".join(f"{k} {text('same-' + k)}" for k in ["backlog", "filter", "all"])

# ---- bytes to the terminal at 80x24 --------------------------------------------------------------
sent = {k: keyvalues("bytes-" + k)[0] for k in ["ppptui", "floor", "mc"]}


def sent_bytes(who, key):
    r = sent[who]
    if not r or r[0].get(key, "-") == "-":
        return None
    return int(r[0][key])


def sent_text(who, key):
    n = sent_bytes(who, key)
    return "not measured" if n is None else f"{n:,} B"


if sent["ppptui"]:
    idle_s = text("bytes-idle-seconds", "60")
    base = lambda key: f"floor app: {sent_text('floor', key)}; mc: {sent_text('mc', key)}"
    cmd = code("tests/bench/bytes.sh") + " (tmux 80x24, `script`; the three side by side)"
    first, idle, line = (sent_bytes("ppptui", k) for k in ["first", "idle", "logline"])
    if first is not None:
        mc_first = sent_bytes("mc", "first")
        row("bytes to the terminal at 80x24: first frame (first 5 s, the report's myvpn peers file)", f"{first:,} B", base("first"),
            f"{first / mc_first:.1f}x mc" if mc_first else "", "< 8 KB (goal: ≤ mc)", yes(first < 8192), HOST, cmd)
    if idle is not None:
        row(f"bytes to the terminal at 80x24: {idle_s} s idle", f"{idle:,} B", base("idle"), "", "0 B", yes(idle == 0), HOST, cmd)
    if line is not None:
        row("bytes to the terminal at 80x24: one new log line (log pane shown)", f"{line:,} B", "", "", "< 200 B", yes(line < 200), HOST, cmd)

# ---- idle CPU ------------------------------------------------------------------------------------
def idle_ticks(who):
    r = keyvalues("idle-" + who)[0]
    if not r:
        return None, "not measured" + (" (not installed)" if exists("idle-mc-skipped") and who == "mc" else "")
    if "failed" in r[0]:
        return None, "failed: " + r[0]["failed"]
    main = f" (main thread: {r[0]['main']})" if "main" in r[0] else ""
    return int(r[0]["ticks"]), f"{r[0]['ticks']} ticks{main}"


def idle_main(who):
    r = keyvalues("idle-" + who)[0]
    return int(r[0]["main"]) if r and "main" in r[0] else None


if exists("idle-ppptui") or exists("idle-watch"):
    idle_seconds = int(text("idle-seconds", "30"))
    hz = next((kv[0].get("hz") for kv in (keyvalues("idle-" + w)[0] for w in ["ppptui", "watch", "floor", "mc"]) if kv and "hz" in kv[0]), "100")
    # The target (10 ticks in 30 s) scales with the length of the run.
    limit = 10 * idle_seconds / 30
    floor_t, floor_s = idle_ticks("floor")
    mc_t, mc_s = idle_ticks("mc")
    cmd = code("tests/bench/idle.sh") + f" (utime+stime from /proc/PID/stat after a {text('idle-settle', '10')} s settle; the four side by side under tmux)"
    for who, label in [("ppptui", "the TUI"), ("watch", "`status --watch`")]:
        t, s_ = idle_ticks(who)
        ratio = ""
        if t is not None and floor_t is not None:
            ratio = f"{t - floor_t:+d} ticks vs floor"
        met = "" if t is None else yes(t <= limit)
        main = idle_main(who)
        if who == "ppptui" and t is not None and t > limit and main is not None and main <= limit:
            # Say where the ticks went: a Terminal.Gui app's main loop runs on the main thread,
            # the link and log watchers on worker threads.
            met += f" (the main thread, where the screen's loop runs, took {main}; the other {t - main} ran on worker threads: the link and log watchers)"
        row(f"CPU with nothing happening: {label}, {idle_seconds} s on {text('idle-where', '?')} (clock ticks of 1/{hz} s)", s_,
            f"bare Terminal.Gui window (floor app): {floor_s}; mc: {mc_s}", ratio, f"≤ {limit:g} ticks",
            met, HOST, cmd)

# ---- soak --------------------------------------------------------------------------------------
# The hour-long soak is too long for every run: bench.sh keeps the newest run of at least an hour
# in docs/soak-1h/ (its raw lines, samples and where it came from), and every later table shows it
# beside the run's own shorter soak.
KEPT_SOAK = "docs/soak-1h"


def soak_row(s, machine, command):
    kib = lambda k: int(s[k]) / 1024
    growth, late = kib("rss_end_kib") - kib("rss_start_kib"), kib("rss_end_kib") - kib("rss_mid_kib")
    secs = float(s["seconds"])
    length = f"{secs / 60:.0f} min" if secs >= 600 else f"{secs:.0f} s"
    row(f"soak: TUI open on the log pane, {int(s['lines']):,} lines at {s['rate']}/s for {length}; lines reached the screen: {s['shown']}",
        f"RSS {kib('rss_start_kib'):.0f} → {kib('rss_end_kib'):.0f} MiB: **{growth:+.1f} MiB** (second half {late:+.1f} MiB); CPU {100 * float(s['cpu_s']) / secs:.0f}% of a core",
        "", "", "growth < 5 MiB (1 hour)",
        # Memory that stays flat because the lines never arrived says nothing about a leak.
        ("not shown: the lines never reached the screen" if s["shown"] != "yes"
         else yes(growth < 5) + ("" if secs >= 3600 else f" (over {secs:.0f} s)")), machine, command)


soak, soak_failed = keyvalues("soak")
if soak:
    soak_row(soak[0], HOST, code(f"BENCH_SOAK_SECONDS={int(float(soak[0]['seconds']))} ./build.sh bench"))
elif soak_failed:
    row("soak", "**failed**: " + text("soak.err")[:200].replace("\n", " "))
kept_soak = None
if (not soak or float(soak[0]["seconds"]) < 3600) and os.path.exists(os.path.join(KEPT_SOAK, "soak")):
    kept = [l for l in open(os.path.join(KEPT_SOAK, "soak")).read().splitlines() if "=" in l]
    origin = open(os.path.join(KEPT_SOAK, "origin")).read().strip() if os.path.exists(os.path.join(KEPT_SOAK, "origin")) else "an earlier run"
    if kept:
        kept_soak = dict(p.split("=", 1) for p in kept[0].split() if "=" in p)
        soak_row(kept_soak, f"host ({origin}; kept in {KEPT_SOAK}/)", code("BENCH_ONLY=soak BENCH_SOAK_SECONDS=3600 ./build.sh bench"))

# The soak's RSS curve, drawn from its samples ("SECONDS KIB" lines) as a small SVG (no plotting library).
soak_svg = ""


def draw_soak(samples, out):
    pts = [(float(t), int(k) / 1024) for t, k in (l.split() for l in samples if l.strip())]
    if len(pts) < 2:
        return False
    w, h, left, bottom, top, right = 640, 240, 56, 36, 24, 16
    t_max = max(t for t, _ in pts) or 1
    lo, hi = min(m for _, m in pts), max(m for _, m in pts)
    lo, hi = max(0.0, lo - 2), hi + 2
    x = lambda t: left + (w - left - right) * t / t_max
    y = lambda m: h - bottom - (h - bottom - top) * (m - lo) / (hi - lo)
    minutes = t_max >= 180
    ticks_x = [t_max * i / 4 for i in range(5)]
    ticks_y = [lo + (hi - lo) * i / 4 for i in range(5)]
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="14">ppptui TUI resident memory (MiB) while its log grows by 1,000 lines/s; '
           f'{"minutes" if minutes else "seconds"} on the x axis</text>']
    for t in ticks_x:
        label = f"{t / 60:.0f}" if minutes else f"{t:.0f}"
        svg.append(f'<line x1="{x(t):.1f}" y1="{h - bottom}" x2="{x(t):.1f}" y2="{top}" stroke="#ddd"/>'
                   f'<text x="{x(t):.1f}" y="{h - bottom + 14}" text-anchor="middle">{label}</text>')
    for m in ticks_y:
        svg.append(f'<line x1="{left}" y1="{y(m):.1f}" x2="{w - right}" y2="{y(m):.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y(m) + 4:.1f}" text-anchor="end">{m:.0f}</text>')
    svg.append('<polyline fill="none" stroke="#1f6feb" stroke-width="1.5" points="' +
               " ".join(f"{x(t):.1f},{y(m):.1f}" for t, m in pts) + '"/>')
    svg.append("</svg>")
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    open(out, "w").write("\n".join(svg) + "\n")
    return True


if a.svg and exists("soak-samples") and draw_soak(open(path("soak-samples")).read().splitlines(), a.svg):
    soak_svg = a.svg
# The kept hour's curve is drawn again from its own samples (the figure follows the drawing code).
soak_svg_1h = ""
if a.svg and kept_soak and os.path.exists(os.path.join(KEPT_SOAK, "soak-samples")):
    out_1h = os.path.join(os.path.dirname(a.svg) or ".", "soak-rss-1h.svg")
    if draw_soak(open(os.path.join(KEPT_SOAK, "soak-samples")).read().splitlines(), out_1h):
        soak_svg_1h = out_1h

# ---- lab ---------------------------------------------------------------------------------------
lab_date = text("lab-figures-date")
if exists("lab-figures.txt"):
    machine = f"lab (user-mode Linux guest, run {lab_date})"
    # figures.txt lines: "LABEL   MEDIAN  [SAMPLE SAMPLE ...]", seconds.
    lab = {}
    for line in open(path("lab-figures.txt")):
        line = line.rstrip("\n")
        m = re.match(r"^(\S.*?)\s{2,}([0-9.]+)\s+\[([^]]*)\]\s*$", line)
        if m:
            lab[m.group(1).strip()] = (float(m.group(2)), m.group(3).strip())

    def lab_s(key):
        v = lab[key]
        return f"{v[0]:.2f} s [{v[1]}]"

    lab_cmd = "`./build.sh lab-test` (scenario figures)"
    up_ui, up_pppd, detached = "connect-to-Up, ppptui connect", "connect-to-Up, pppd until ip-up done", "connect-to-Up, pppd updetach (detached)"
    if up_ui in lab and up_pppd in lab:
        r = lab[up_ui][0] / lab[up_pppd][0]
        runs = len(lab[up_ui][1].split())
        row(f"lab: connect-to-Up, myvpn (PPTP, MS-CHAPv2, MPPE-128), {runs} runs each, alternating which goes first",
            "`ppptui connect`: " + lab_s(up_ui),
            "`pppd call myvpn updetach` until its ip-up scripts are done: " + lab_s(up_pppd)
            + (f"; until it detaches (before ip-up): {lab_s(detached)}" if detached in lab else ""),
            f"{r:.2f}x ({(r - 1) * 100:+.0f}%)", "overhead < 5%", "yes" if r <= 1.05 else "**no**", machine, lab_cmd)
    for key, what in [("latency Up, kernel address -> connect", "lab: state change shown after the kernel event: Up, `ppptui connect` progress"),
                      ("latency Up, kernel address -> watch", "lab: state change shown after the kernel event: Up, `ppptui status --watch`"),
                      ("latency Down, kernel change -> watch", "lab: state change shown after the kernel event: Down, `ppptui status --watch`"),
                      ("latency Up, kernel address -> TUI", "lab: state change shown after the kernel event: Up, the TUI's list (under tmux)"),
                      ("latency Down, kernel change -> TUI", "lab: state change shown after the kernel event: Down, the TUI's list (under tmux)")]:
        if key in lab:
            row(what, lab_s(key), "", "", "< 100 ms", "yes" if lab[key][0] < 0.1 else "**no**", machine, lab_cmd)
    if "ppptui start (ppptui --version)" in lab:
        row("lab: process start-up in the guest, `ppptui --version` (page faults cost far more under user-mode Linux)",
            lab_s("ppptui start (ppptui --version)"), "", "", "", "", machine, lab_cmd)

# ---- micro-benchmarks ---------------------------------------------------------------------------
TIME = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}


def to_ms(value):
    m = re.match(r"\s*([0-9.,]+)\s*(ns|us|μs|ms|s)\s*$", value or "")
    return float(m.group(1).replace(",", "")) * TIME[m.group(2)] if m else None


micro = {}
for report in glob.glob(os.path.join(a.bdn, "results", "*-report.csv")):
    for r in csv.DictReader(open(report, encoding="utf-8-sig")):
        micro.setdefault(os.path.basename(report).split("-report")[0].split(".")[-1], []).append(r)


def bench(cls, method, **params):
    for r in micro.get(cls, []):
        if r.get("Method") == method and all(r.get(k, "").strip('"') == str(v) for k, v in params.items()):
            return to_ms(r.get("Mean")), r.get("Allocated", "")
    return None, ""


def fmt_time(value):
    return f"{value * 1000:.1f} µs" if value < 1 else f"{value:.2f} ms"


job_note = "" if a.job == "Short" else f" ({a.job} job: one iteration, not a measurement)"
micro_cmd = code(f"dotnet run -c Release --project tests/PppTui.Benchmarks -- micro --filter '*{{}}*' --job {a.job}")
for kib in [3, 1024]:
    t, alloc = bench("PreviewKeystroke", "OneKeystroke", PeersKiB=kib)
    if t is not None:
        label = "3 KiB peers file (the corpus's largest)" if kib == 3 else "1 MiB peers file"
        row(f"preview recompute for one keystroke, {label}, 100-record chap-secrets" + job_note, fmt_time(t) + f", {alloc} allocated",
            "", "", "< 1 ms", yes(t < 1), HOST, micro_cmd.replace("{}", "PreviewKeystroke"))
for method, label in [("ReadWords", "pppd word reader"), ("ParseOptionFile", "option-file parse (word reader + options)")]:
    t, alloc = bench("WordReader", method, SizeKiB=16384)
    if t is not None:
        row(f"{label}, 16 MiB corpus-style peers text" + job_note, f"{fmt_time(t / 16)} per MiB ({fmt_time(t)} for 16 MiB)", "", "", "", "", HOST,
            micro_cmd.replace("{}", "WordReader"))
for method, label in [("RegexFilter64MiB", "log filter, regex"), ("PppProgramsFilter64MiB", "log filter, PPP programs (parse + diagnose)")]:
    t, alloc = bench("FileScan", method)
    if t is not None:
        row(f"{label}, in process" + job_note, f"{fmt_time(t / 64)} per MiB", "", "", "", "", HOST, micro_cmd.replace("{}", "FileScan"))
diag = [bench("DiagnosisPerLine", "MatchLine", Message=m)[0] for m in
        [r.get("Message", "").strip('"') for r in micro.get("DiagnosisPerLine", [])]]
diag = [d for d in diag if d is not None]
if diag:
    row("diagnosis matching per log line (worst of 3 line kinds)" + job_note, fmt_time(max(diag)) + f" (best {fmt_time(min(diag))})",
        "", "", "", "", HOST, micro_cmd.replace("{}", "DiagnosisPerLine"))

if exists("bdn-failed"):
    failed = [l.strip().split(":")[0] for l in open(path("bdn-failed")) if l.strip()]
    row(f"micro-benchmarks that **failed** (see {RAW}/bdn.log)", ", ".join(sorted(set(failed))), machine=HOST)

# ---- the page ------------------------------------------------------------------------------------
def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def first_line(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except Exception:
        return "?"


mem = int(open("/proc/meminfo").readline().split()[1]) // 1024 // 1024
commit = first_line(["git", "rev-parse", "--short", "HEAD"])
dirty = " (with uncommitted changes)" if first_line(["git", "status", "--porcelain"]) not in ("", "?") else ""
when = first_line(["date", "-u", "+%Y-%m-%d %H:%M UTC"])
lines = []
if quick:
    lines += ["**Smoke run (BENCH_QUICK=1): small data, few runs, JIT build. These figures check that the benchmarks run; they are not the product's figures.**", ""]
lines += [
    f"Measured {when} by `./build.sh bench` at commit {commit}{dirty} in {int(a.elapsed or 0) // 60} min.",
    f"Machine (\"host\" below): {cpu()}, {os.cpu_count()} cores, {mem} GiB RAM, Linux {platform.release()}, .NET SDK {first_line(['dotnet', '--version'])}, "
    f"{first_line(['tmux', '-V'])}, {first_line(['grep', '--version'])}. Load average before / after: {a.load} "
    f"(the cores are shared with other work, so figures vary between runs; the spread is shown).",
    f"ppptui is {a.build}. Median (min–max) over {a.runs} runs per side for the CLI and logs, {a.screen_runs} per program for the screen; "
    "each baseline ran in the same invocation, alternating order. Data generated by the bench, never committed: "
    f"a {size_label} Debian-style syslog with pppd/pptp/chat sessions (~3% of lines), sandboxes with 100 and {big:,} profiles.",
    "",
    "| what | ppptui | baseline | ratio | target | met | machine | command |",
    "|---|---|---|---|---|---|---|---|",
]
# A bare | would end the cell, inside code spans too; GitHub renders \| as |.
lines += ["| " + " | ".join(c.replace("\n", " ").replace("|", "\\|") for c in r) + " |" for r in rows]
lines += [""]
missed = [r[0] for r in rows if r[5].startswith("**no**")]
if missed:
    lines += ["Targets missed in this run: " + "; ".join(missed) + ".", ""]
if soak_svg:
    # The README sits at the repository root; the image path is relative to it.
    lines += [f"The soak's resident memory, one sample a second (drawn by the bench): ![soak RSS curve]({soak_svg})", ""]
if soak_svg_1h:
    lines += [f"The kept one-hour soak's resident memory (drawn by the bench from {KEPT_SOAK}/soak-samples): ![one-hour soak RSS curve]({soak_svg_1h})", ""]
if bp:
    lines += [f"Log outputs identical to grep's: {same}. RE = `{text('logs-regex')}`."]
if frames["ppptui"][0]:
    lines += [
        "",
        "How the first frame is timed: each program runs in a private tmux server (100x30, TERM=xterm-256color, no status line). "
        "Its shell waits on a FIFO; the clock starts when the bench writes to it, and the shell execs the program. "
        "A tmux control-mode client receives every burst of the program's output as it happens (no polling); after each burst the "
        "screen is read with `capture-pane`, and the time is taken when the screen shows every marker (ppptui: "
        f"`{text('tui-markers')}`; the floor app: its text and status bar; pppconfig: its menu and `<Ok>`). tmux reports output "
        "before answering a later command, so the figure is an upper bound, late by the time tmux takes to pass the output on "
        "(well under a millisecond when the machine is idle). Memory: resident set of the program and its children 2 s after the frame.",
    ]
if not exists("lab-figures.txt"):
    lines += ["", "Lab figures (connect-to-Up overhead against plain `pppd call NAME updetach`, target < 5%; state-change latency "
              "after the kernel event, target < 100 ms) appear here once `./build.sh lab-test` has written `.lab/last/figures.txt` "
              "(or run `BENCH_LAB=1 ./build.sh bench`); none existed for this run."]
reports = sorted(glob.glob(os.path.join(a.bdn, "results", "*-report-github.md")))
if reports:
    lines += ["", "<details><summary>BenchmarkDotNet reports</summary>", ""]
    for report in reports:
        body = [l.rstrip() for l in open(report, encoding="utf-8") if not l.startswith("```")]
        lines += body + [""]
    lines += ["</details>"]
table = "\n".join(lines) + "\n"
open(a.out, "w").write(table)
print(table)

if a.readme:
    readme = open(a.readme).read()
    begin, end = "<!-- perf:begin -->", "<!-- perf:end -->"
    if begin not in readme or end not in readme:
        sys.exit(f"table.py: {a.readme} has no {begin} ... {end} markers; the table is in {a.out}")
    head, rest = readme.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(a.readme, "w").write(head + begin + "\n" + table + end + tail)
    print(f"rewrote the table in {a.readme}")
