DESCRIPTION="Fault: the server goes away mid-session (pptpd killed, pppoe-server stopped); Down with a clear diagnosis, ppptui keeps running"
EXPECT=custom
CLIENTS=ppptui
DIAGNOSIS_PPTP='pptp-control-lost|modem-hangup|terminated-by-peer'
DIAGNOSIS_PPPOE='terminated-by-peer|modem-hangup|peer-dead|pppoe-.*'

# Kills the server whose pid file / process is given, with every process below it (the pptpd
# control process and the server's pppd): the server machine is gone, not just one daemon.
kill_server() { # SIGNAL PID
  local p; for p in $(process_tree "$2"); do kill "-$1" "$p" 2>/dev/null; done
}

watch_start() {
  # A long-running ppptui: it must see the change and keep going.
  "$PPPTUI" status --watch --json >"$SCEN_DIR/$NAME.watch.json" 2>>"$SCEN_OUT" </dev/null &
  WATCH_PID=$!
}

server_gone() { # PROFILE SIGNAL SERVER_PID WANT_DIAGNOSIS
  local profile=$1 signal=$2 server=$3 want=$4
  connect_up "$profile" before || return 1
  local pid=$S_PID ifc=$S_IF
  watch_start
  sleep 1.5
  kill_server "$signal" "$server"
  if ! wait_gone "$pid" 60; then
    fail "$profile: pppd (pid $pid) still runs 60 s after its server went away"
    disconnect_down "$profile" "$pid" "$ifc"
  fi
  sleep 1.5 # a watch sample after the drop, and the last syslog lines
  pid_alive "$WATCH_PID" || fail "ppptui status --watch died when the $profile server went away"
  stop_bg "$WATCH_PID"
  [ "$(tail -n 1 "$SCEN_DIR/$NAME.watch.json" | jq --arg n "$profile" '[.[] | select(.name == $n and .state == "Up")] | length')" = 0 ] ||
    fail "the last ppptui status --watch sample still shows $profile Up"
  check_ppptui_down "$profile" "$want" gone
  RESULTS="$RESULTS $profile: $S_DIAG_CODE ($S_DIAG_CAUSE);"
}

scenario_main() {
  RESULTS=
  server_gone myvpn KILL "$(cat "$LAB_RUN/pptpd-ok.pid")" "$DIAGNOSIS_PPTP"
  start_pptpd ok
  wait_for 10 listening_on office 192.0.2.1 || fail "pptpd (ok) did not come back"
  server_gone pppoe TERM "$(pgrep -x pppoe-server | head -n 1)" "$DIAGNOSIS_PPPOE"
  wait_for 10 sh -c '! pgrep -x pppoe-server'
  start_pppoe_server
  wait_for 10 pgrep -x pppoe-server || fail "pppoe-server did not come back"
  # ppptui keeps working: the same profile dials again once the server is back.
  if connect_up myvpn after; then disconnect_down myvpn "$S_PID" "$S_IF"; fi
  DETAIL=${RESULTS% }
}
