#!/usr/bin/env bash
# idle.sh NAME SECONDS -- COMMAND...: the CPU a program uses while nothing happens. It runs under
# tmux at 100x30; after a settle time (start-up is not idle: SETTLE seconds, default 10), utime +
# stime of the program's process (fields 14 and 15 of /proc/PID/stat, in clock ticks of
# 1/`getconf CLK_TCK` s) are read, again SECONDS later, and the difference printed.
# The main thread's share (/proc/PID/task/PID/stat: where a Terminal.Gui app runs its main loop) is
# read the same way.
# Prints: NAME ticks=N main=M seconds=SECONDS hz=CLK_TCK (or NAME failed=REASON).
set -euo pipefail
name=$1 seconds=$2; shift 3
settle=${SETTLE:-10}
socket="bench-idle-$$"
tmux -L "$socket" new-session -d -x 100 -y 30 -- "$@"
pid=$(tmux -L "$socket" display-message -p '#{pane_pid}')
ticks() { # [FILE] the comm field may hold spaces: count fields after its closing parenthesis
  local stat; stat=$(cat "${1:-/proc/$pid/stat}" 2>/dev/null) || return 1
  stat=${stat##*) }
  set -- $stat
  echo $(( ${12} + ${13} ))
}
sleep "$settle"
if ! before=$(ticks); then tmux -L "$socket" kill-server 2>/dev/null || true; echo "$name failed=exited-before-idle"; exit 0; fi
main_before=$(ticks "/proc/$pid/task/$pid/stat") || main_before=
sleep "$seconds"
after=$(ticks) || after=
main_after=$(ticks "/proc/$pid/task/$pid/stat") || main_after=
tmux -L "$socket" kill-server 2>/dev/null || true
[ -n "$after" ] || { echo "$name failed=exited-while-idle"; exit 0; }
main=""; [ -n "$main_before" ] && [ -n "$main_after" ] && main=" main=$((main_after - main_before))"
echo "$name ticks=$((after - before))$main seconds=$seconds hz=$(getconf CLK_TCK)"
