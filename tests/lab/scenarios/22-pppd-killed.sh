DESCRIPTION="Fault: pppd killed with SIGKILL while up; ppptui status reports it Down with the reason, and ppptui carries on"
EXPECT=custom
CLIENTS=ppptui
scenario_main() {
  connect_up myvpn || return 0
  local pid=$S_PID ifc=$S_IF
  kill -KILL "$pid"
  wait_gone "$pid" 5 || fail "pppd (pid $pid) survived SIGKILL"
  wait_for 5 sh -c "! ip link show dev $ifc" || fail "$ifc is still there after pppd was killed"
  read_status myvpn killed
  [ "$S_STATE" = Down ] && [ "$S_EXIT" = 7 ] || fail "ppptui status myvpn: '$S_STATE' (exit $S_EXIT), expected Down (7)"
  [ "$S_DIAG_CODE" = pppd-vanished ] || fail "ppptui status myvpn: diagnosis '$S_DIAG_CODE', expected pppd-vanished"
  [[ $S_REASON == *SIGKILL* && $S_REASON == *"$pid"* ]] || fail "ppptui status myvpn: reason '$S_REASON' does not name pid $pid and SIGKILL"
  local reason=$S_REASON
  # Every other verb still works: the list of links, disconnect (which clears the stale pid
  # files), and a new dial.
  pt status --json || fail "ppptui status (every link) exited $PT_EXIT after pppd was killed"
  pt disconnect myvpn || fail "ppptui disconnect myvpn exited $PT_EXIT for a killed link"
  [[ $PT_OUT == *stale* ]] || fail "ppptui disconnect myvpn did not say it removed the stale pid files: $PT_OUT"
  ls /run/ppp-myvpn.pid /run/"$ifc".pid >/dev/null 2>&1 && fail "stale pid files are still in /run"
  if connect_up myvpn again; then disconnect_down myvpn "$S_PID" "$S_IF"; fi
  DETAIL="after kill -9 of pppd $pid: $reason; reconnected"
}
