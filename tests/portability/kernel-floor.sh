#!/usr/bin/env bash
# The kernel floor, with evidence: which system calls newer than Linux 3.10 the release binary
# makes (strace), and that it still works when every one of them answers ENOSYS, as an old kernel
# does (a seccomp filter, tests/portability/enosys.py). Runs --version, `list`, the full-screen app
# (tmux, 80x24) and the first steps of `connect` (as far as this kernel goes without PPP),
# each in a --root sandbox.
#
#   tests/portability/kernel-floor.sh [BINARY]     (default dist/ppptui-linux-x64; ./build.sh portability)
#
# Needs strace, tmux and python3-seccomp (installed when run as root). Exit 1 when a scenario fails
# under the filter. About 30 seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-dist/ppptui-linux-x64}")
[ -x "$BIN" ] || { echo "kernel-floor: no binary $BIN (run ./build.sh publish first)" >&2; exit 1; }
ENOSYS=$PWD/tests/portability/enosys.py
FLOOR=3.10

need=()
command -v strace >/dev/null || need+=(strace)
command -v tmux >/dev/null || need+=(tmux)
/usr/bin/python3 -c 'import seccomp' 2>/dev/null || need+=(python3-seccomp)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "kernel-floor: run: sudo apt-get install ${need[*]}" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
SESSION=kernel-floor-$$
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$work"' EXIT
sandbox=$work/root
mkdir -p "$sandbox/etc/ppp/peers"
printf 'secret\n' | "$BIN" --root "$sandbox" new office --kind pptp --server 192.0.2.1 --user alice --password-stdin >/dev/null

# run MODE NAME EXPECTED_EXIT ARGS...: MODE plain or enosys; the strace log goes to $work/MODE-NAME.log.
failed=0
run() {
  local mode=$1 name=$2 expect=$3; shift 3
  local wrap=(); [ "$mode" = enosys ] && wrap=("$ENOSYS" --floor "$FLOOR" --)
  local status=0
  timeout 60 strace -f -qq -o "$work/$mode-$name.log" "${wrap[@]}" "$BIN" --root "$sandbox" "$@" \
    >"$work/$mode-$name.out" 2>&1 </dev/null || status=$?
  if [ "$status" != "$expect" ]; then
    echo "FAIL $mode $name: exit $status, expected $expect" >&2; sed 's/^/  /' "$work/$mode-$name.out" >&2; failed=1
  fi
}

# run_live MODE NAME EXPECTED_EXIT ARGS...: as run, without --root: dialing acts on this machine's
# pppd, which --root rightly refuses (it fences files only). A private mount namespace puts the
# sandbox's /etc/ppp over this machine's and a fresh /run under it, so pppd reads the sandbox's peers
# file and nothing of this machine changes.
run_live() {
  local mode=$1 name=$2 expect=$3; shift 3
  local wrap=(); [ "$mode" = enosys ] && wrap=("$ENOSYS" --floor "$FLOOR" --)
  local status=0
  timeout 90 unshare -m --propagation private sh -c 'mount --bind "$0" /etc/ppp && mount -t tmpfs tmpfs /run && exec "$@"' \
    "$sandbox/etc/ppp" strace -f -qq -o "$work/$mode-$name.log" "${wrap[@]}" "$BIN" "$@" \
    >"$work/$mode-$name.out" 2>&1 </dev/null || status=$?
  if [ "$status" != "$expect" ]; then
    echo "FAIL $mode $name: exit $status, expected $expect" >&2; sed 's/^/  /' "$work/$mode-$name.out" >&2; failed=1
  fi
}

# The screen: wait for the profile list to show the profile, then F10 (leave).
run_tui() {
  local mode=$1
  local wrap=""; [ "$mode" = enosys ] && wrap="$ENOSYS --floor $FLOOR --"
  tmux new-session -d -s "$SESSION" -x 80 -y 24 \
    "strace -f -qq -o $work/$mode-tui.log $wrap $BIN --root $sandbox; echo \$? >$work/$mode-tui.exit"
  local screen="" i
  for i in $(seq 1 100); do
    screen=$(tmux capture-pane -p -t "$SESSION" 2>/dev/null || true)
    grep -q office <<<"$screen" && break
    sleep 0.2
  done
  printf '%s\n' "$screen" >"$work/$mode-tui.out"
  tmux send-keys -t "$SESSION" F10
  for i in $(seq 1 50); do [ -f "$work/$mode-tui.exit" ] && break; sleep 0.2; done
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  if ! grep -q office "$work/$mode-tui.out" || [ "$(cat "$work/$mode-tui.exit" 2>/dev/null)" != 0 ]; then
    echo "FAIL $mode tui: screen without the profile, or exit $(cat "$work/$mode-tui.exit" 2>/dev/null || echo '(still running)')" >&2
    sed 's/^/  /' "$work/$mode-tui.out" >&2; failed=1
  fi
}

# connect: no PPP in a container or CI kernel, so the first steps only (pppd starts and fails);
# 7 = the diagnosed failure. It needs root and /etc/ppp for the mount namespace.
live=no
[ "$(id -u)" = 0 ] && [ -d /etc/ppp ] && command -v unshare >/dev/null && command -v pppd >/dev/null && live=yes
for mode in plain enosys; do
  run "$mode" version 0 --version
  run "$mode" list 0 list
  run_tui "$mode"
  if [ $live = yes ]; then run_live "$mode" connect 7 connect office --wait 5
  else echo "connect not run: it needs root, pppd and /etc/ppp (a private mount namespace)" >"$work/$mode-connect.out"; : >"$work/$mode-connect.log"; fi
done
grep -q office "$work/enosys-list.out" || { echo "FAIL enosys list: the profile is missing" >&2; failed=1; }

# Which of the calls newer than the floor ppptui's own processes made (children that exec'd pppd,
# pptp or the python wrapper are left out), and what each did when it got ENOSYS: the next call
# in the same thread is the fallback.
"$ENOSYS" --list --floor "$FLOOR" >"$work/newer"
/usr/bin/python3 - "$work" "$(basename "$BIN")" <<'PY'
import re, sys, collections
work, image = sys.argv[1], sys.argv[2]
added = dict(l.split() for l in open(work + "/newer"))
line_re = re.compile(r"^(\d+)\s+(?:<\.\.\. )?(\w+)(?:\(| resumed>)(.*)$")

def own_calls(path):
    """(pid, syscall, rest) of the lines made while the process image was ppptui."""
    ours, parent_of, out = {}, {}, []
    for line in open(path, errors="replace"):
        m = line_re.match(line)
        if not m:
            continue
        pid, call, rest = int(m.group(1)), m.group(2), m.group(3)
        if pid not in ours:
            ours[pid] = ours.get(parent_of.get(pid), False)
        if call == "execve" and "= 0" in rest:
            ours[pid] = re.search(r'"[^"]*/' + re.escape(image) + '"', line) is not None
        if call in ("clone", "clone3", "vfork", "fork"):
            r = re.search(r"= (\d+)$", rest.strip())
            if r:
                parent_of[int(r.group(1))] = pid
        if ours[pid] and " resumed>" not in line:
            out.append((pid, call, rest))
    return out

scenarios = ["version", "list", "tui", "connect"]
print(f"System calls newer than Linux 3.10 that ppptui made (strace -f, {image}):")
for s in scenarios:
    calls = collections.Counter(c for _, c, _ in own_calls(f"{work}/plain-{s}.log") if c in added)
    print(f"  {s:8} " + (", ".join(f"{c} ({added[c]})" for c in sorted(calls, key=lambda c: tuple(map(int, added[c].split('.'))))) or "none"))
print("Under the ENOSYS filter, each refused call and the call that followed it in the same thread:")
for s in scenarios:
    calls = own_calls(f"{work}/enosys-{s}.log")
    seen = collections.OrderedDict()
    for i, (pid, call, rest) in enumerate(calls):
        if "ENOSYS" in rest and call in added:
            nxt = next((c for p, c, _ in calls[i + 1:] if p == pid), "(end)")
            seen.setdefault((call, nxt), 0)
            seen[(call, nxt)] += 1
    print(f"  {s:8} " + ("; ".join(f"{c} -> {n} (x{k})" for (c, n), k in seen.items()) or "none"))
PY

for mode in plain enosys; do
  printf '%-7s --version: %s; list: %s; connect: %s\n' "$mode" "$(head -1 "$work/$mode-version.out")" \
    "$(head -1 "$work/$mode-list.out" | tr -s ' ')" "$(head -1 "$work/$mode-connect.out" | tr -s ' ')"
done
echo "enosys  the screen (80x24) under the filter, first lines:"; sed -n '1,6p' "$work/enosys-tui.out" | sed 's/^/  | /'
if [ $failed = 0 ]; then
  echo "kernel floor $FLOOR: ppptui starts, lists, opens the screen and dials with every newer system call answering ENOSYS"
else
  echo "kernel floor $FLOOR: FAILED (see above)" >&2; exit 1
fi
