#!/usr/bin/env bash
# bytes.sh NAME IDLE_SECONDS LOGFILE|- [KEYS] -- COMMAND...: the bytes a program sends to the terminal at
# 80x24 under tmux, recorded by `script`: its first frame (the first 5 s), then IDLE_SECONDS with
# nothing changing, then (when LOGFILE is given) after KEYS are pressed, one line appended to LOGFILE.
# Prints: NAME first=N idle=N logline=N (logline=- without a log file).
set -euo pipefail
name=$1 idle=$2 log=$3 keys=$4; shift 5
out=$(mktemp); socket="bench-bytes-$$"
printf -v cmd '%q ' "$@"
tmux -L "$socket" new-session -d -x 80 -y 24 "script -q -f -c $(printf %q "$cmd") $out"
size() { stat -c %s "$out"; }
sleep 5; first=$(size)
sleep "$idle"; idle_bytes=$(( $(size) - first ))
logline=-
if [ "$log" != - ]; then
  [ -n "$keys" ] && tmux -L "$socket" send-keys $keys && sleep 2
  before=$(size)
  echo "$(date '+%b %e %H:%M:%S') bench pppd[4242]: sent [LCP EchoReq id=0x1 magic=0x5f3e]" >> "$log"
  sleep 3; logline=$(( $(size) - before ))
fi
# Closing tmux does not end `script`: it reads EOF on its input and goes on waiting for the
# program, which then lives on. End the program first, then tmux.
pane=$(tmux -L "$socket" list-panes -F '#{pane_pid}' 2>/dev/null || true)
[ -n "$pane" ] && pkill -TERM -P "$pane" 2>/dev/null; sleep 0.5
[ -n "$pane" ] && kill -TERM "$pane" 2>/dev/null
tmux -L "$socket" kill-server 2>/dev/null || true
# script's own header line ("Script started on ...") is not the program's output.
header=$(head -n 1 "$out" | wc -c)
rm -f "$out"
echo "$name first=$((first - header)) idle=$idle_bytes logline=$logline"
