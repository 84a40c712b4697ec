DESCRIPTION="Fault: ppptui connect killed (SIGKILL) during LCP; ppptui started again finds the link and attaches"
EXPECT=custom
CLIENTS=ppptui
scenario_main() {
  local from pppd_pid cpid line status_state
  from=$(size "$SYSLOG")
  "$PPPTUI" connect myvpn --wait 40 >>"$SCEN_OUT" 2>&1 </dev/null &
  cpid=$!
  # LCP: pppd has its interface and the channel ("Connect: ppp0 <--> /dev/pts/N"), nothing is
  # authenticated yet.
  if ! wait_for 30 sh -c "tail -c +$((from + 1)) $SYSLOG | grep -q 'pppd\[[0-9]*\]: Connect: ppp'"; then
    fail "pppd never reached LCP"; kill -KILL "$cpid" 2>/dev/null; return 0
  fi
  kill -KILL "$cpid"
  wait "$cpid" 2>/dev/null
  line=$(tail -c +$((from + 1)) "$SYSLOG" | grep -c 'authentication succeeded')
  [ "$line" = 0 ] || fail "ppptui was killed too late: authentication had already succeeded"
  echo "# killed ppptui connect (pid $cpid) during LCP" >>"$SCEN_OUT"
  sleep 1
  # pppd may be detaching right now (updetach: the parent exits, its child lives on under a new
  # pid), a moment when /proc shows neither: look again for a few seconds before calling it dead.
  local tries
  for tries in $(seq 25); do
    pppd_pid=$(client_pppds | head -n 1)
    [ -n "$pppd_pid" ] && break
    sleep 0.2
  done
  [ -n "$pppd_pid" ] || { fail "pppd died with ppptui (it must live on: ppptui only watches it)"; tail -c +$((from + 1)) "$SYSLOG" >>"$SCEN_OUT"; return 0; }
  # A new ppptui sees the link (mid-dial or already up), and connect attaches instead of dialing again.
  read_status myvpn restarted
  status_state=$S_STATE
  [ "$S_STATE" != Down ] || fail "ppptui status myvpn says Down while pppd (pid $pppd_pid) runs"
  connect_up myvpn attached || return 0
  local pid=$S_PID ifc=$S_IF
  local started; started=$(tail -c +$((from + 1)) "$SYSLOG" | grep -c 'pppd 2.4.9 started')
  [ "$started" = 1 ] || fail "pppd was started $started times: the second connect dialed again instead of attaching"
  [ "$(client_pppds | wc -l)" = 1 ] || fail "more than one client pppd runs: $(client_pppds | tr '\n' ' ')"
  disconnect_down myvpn "$pid" "$ifc"
  DETAIL="killed during LCP, before authentication; pppd lived on; a new ppptui status said $status_state; connect attached to pppd $pid ($ifc), no second dial"
}
