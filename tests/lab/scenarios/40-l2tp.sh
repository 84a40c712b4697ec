DESCRIPTION="L2TP (xl2tpd LAC and LNS): ppptui new --kind l2tp with the password on stdin, then connect: Up with address and MTU"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office2
SECRET=alice-pass-7
SCENARIO_LIMIT=180
scenario_main() {
  l2tp_new_and_connect office2 192.0.2.1 "$SECRET" 40 || { stop_client_xl2tpd; return 0; }
  l2tp_is_up office2 || { stop_client_xl2tpd; return 0; }
  DETAIL="up $S_IF $S_LOCAL peer $S_PEER mtu $S_MTU"
  grep -qsE "${SECRET%?}[${SECRET: -1}]" /proc/[0-9]*/cmdline && fail "the password shows in a process command line"
  disconnect_down office2 "$S_PID" "$S_IF"
  stop_client_xl2tpd
  grep -qF "$SECRET" "$SCEN_OUT" "$SYSLOG" && fail "the password shows in ppptui's output or the log"
  return 0
}
