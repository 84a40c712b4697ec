#!/usr/bin/env bash
# End-to-end checks of the real ppptui binary: it runs in tmux on a sandbox root, keys go in with
# send-keys, the screen comes back with capture-pane.
#
#   tests/tui-e2e/run.sh                 run every scenario below
#   tests/tui-e2e/run.sh NAME...         run the named scenarios (without the "scenario_" prefix)
#   tests/tui-e2e/run.sh --list          list the scenarios
#
# Environment:
#   PPPTUI_BIN   the binary (default: dist/ppptui-linux-x64, else the Debug build run with dotnet)
#   E2E_COLS / E2E_ROWS   terminal size (default 100x30)
#   E2E_TIMEOUT  seconds wait_for waits (default 10)
#   E2E_TERM     TERM inside tmux (default xterm-256color)
#   E2E_KEEP=1   keep the sandbox and the tmux session of a failed scenario for a look
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)

COLS=${E2E_COLS:-100}
ROWS=${E2E_ROWS:-30}
TIMEOUT=${E2E_TIMEOUT:-10}
SESSION=""
SANDBOX=""

command -v tmux >/dev/null || { echo "run.sh: tmux is required" >&2; exit 2; }

if [ -n "${PPPTUI_BIN:-}" ]; then
  read -r -a BIN <<<"$PPPTUI_BIN"
elif [ -x dist/ppptui-linux-x64 ]; then
  BIN=("$REPO/dist/ppptui-linux-x64")
else
  dotnet build src/PppTui/PppTui.csproj -v quiet -nologo >/dev/null
  BIN=(dotnet "$REPO/src/PppTui/bin/Debug/net10.0/ppptui.dll")
fi

# ---- helpers ---------------------------------------------------------------------------------
# Each scenario runs in a subshell; a failing helper exits that subshell, so a scenario stops at
# its first failed step (errexit alone would not: it is off inside an `if`).

fail() { echo "$*" >&2; exit 1; }

# start [ARGS...]: a fresh sandbox root and a tmux session running ppptui --root SANDBOX ARGS.
# When ppptui exits the pane prints "PPPTUI-EXITED:<code>" and stays, so the exit can be checked.
start() {
  SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/ppptui-e2e.XXXXXX")
  mkdir -p "$SANDBOX/etc/ppp/peers" "$SANDBOX/etc/ppptui/profiles" "$SANDBOX/run" "$SANDBOX/var/log"
  [ "$(type -t seed)" = function ] && seed "$SANDBOX"
  SESSION="ppptui-e2e-$$-$RANDOM"
  local cmd
  printf -v cmd '%q ' "${BIN[@]}" --root "$SANDBOX" "$@"
  tmux new-session -d -s "$SESSION" -x "$COLS" -y "$ROWS" \
    "env TERM=${E2E_TERM:-xterm-256color} ${E2E_ENV:-} $cmd; echo PPPTUI-EXITED:\$?; sleep 3600"
}

# send KEY...: tmux key names (F1, Escape, Enter, M-t for Alt+T, C-q, Down ...).
send() { tmux send-keys -t "$SESSION" "$@"; }

# type TEXT: literal text, as if typed.
type_text() { tmux send-keys -t "$SESSION" -l "$1"; }

# capture: the screen as text.
capture() { tmux capture-pane -p -t "$SESSION"; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string); fails with the screen.
wait_for() {
  local text=$1 limit=${2:-$TIMEOUT} waited=0
  while ! capture | grep -qF -- "$text"; do
    sleep 0.2; waited=$((waited + 1))
    if [ $((waited / 5)) -ge "$limit" ]; then
      echo "wait_for: '$text' did not appear within ${limit}s${E2E_TERM:+ (TERM=$E2E_TERM)}; the screen:" >&2
      capture >&2
      exit 1
    fi
  done
}

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
  local text=$1 limit=${2:-$TIMEOUT} waited=0
  while capture | grep -qF -- "$text"; do
    sleep 0.2; waited=$((waited + 1))
    if [ $((waited / 5)) -ge "$limit" ]; then
      echo "wait_gone: '$text' still shown after ${limit}s; the screen:" >&2
      capture >&2
      exit 1
    fi
  done
}

# quit: F10, then the exit code must be 0.
quit() {
  send F10
  wait_for "PPPTUI-EXITED:0"
}

stop() {
  [ -n "$SESSION" ] && tmux kill-session -t "$SESSION" 2>/dev/null || true
  [ -n "$SANDBOX" ] && rm -rf "$SANDBOX"
  SESSION=""; SANDBOX=""
}

# ---- scenarios -------------------------------------------------------------------------------

scenario_starts_shows_every_pane_and_quits() {
  start
  wait_for "Profiles"
  wait_for "Editor"
  wait_for "Preview"
  wait_for "[Links] Routes Log"
  send M-6
  wait_for "Links Routes [Log]"
  wait_for "Filter:"
  quit
}

scenario_help_opens_on_F1_and_closes_on_Escape() {
  start
  wait_for "Profiles"
  send F1
  wait_for "Help: keys"
  wait_for "Connect the selected profile"
  send Escape
  wait_gone "Help: keys"
  quit
}

scenario_zoom_and_back() {
  start
  wait_for "Profiles"
  send F11
  wait_gone "Preview"
  send Escape
  wait_for "Preview"
  quit
}

scenario_theme_switch_is_remembered() {
  start
  wait_for "Profiles"
  send M-t
  wait_for "Theme: dark"
  quit
  grep -qx 'theme = "dark"' "$SANDBOX/etc/ppptui/ppptui.toml" ||
    fail "ppptui.toml does not remember the theme: $(cat "$SANDBOX/etc/ppptui/ppptui.toml" 2>&1)"
}

scenario_every_terminal_type_draws() {
  local term
  for term in xterm-256color xterm screen linux vt100; do
    E2E_TERM=$term start
    wait_for "Profiles"
    quit
    stop
  done
}

scenario_no_color_starts_in_monochrome() {
  E2E_ENV="NO_COLOR=1" start
  wait_for "Profiles"
  # Monochrome uses no colour escapes: capture with -e and look for 38;/48; colour codes.
  if tmux capture-pane -p -e -t "$SESSION" | grep -qE $'\e\\[[0-9;]*(3[0-7]|9[0-7]|38;|4[0-7]|10[0-7]|48;)'; then
    fail "NO_COLOR set, but the screen has colour escapes"
  fi
  quit
}

# ---- runner ----------------------------------------------------------------------------------

mapfile -t ALL < <(declare -F | awk '{print $3}' | grep '^scenario_' | sed 's/^scenario_//')
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${ALL[@]}"; exit 0; fi
SELECTED=("$@")
[ ${#SELECTED[@]} -eq 0 ] && SELECTED=("${ALL[@]}")

passed=0; failed=0
for name in "${SELECTED[@]}"; do
  if ! declare -F "scenario_$name" >/dev/null; then echo "run.sh: no scenario '$name' (see --list)" >&2; exit 2; fi
  if ( trap '[ "${E2E_KEEP:-}" = 1 ] || stop' EXIT; "scenario_$name" ); then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
