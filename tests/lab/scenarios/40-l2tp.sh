DESCRIPTION="L2TP (xl2tpd LAC and LNS): ppptui new --kind l2tp with the password on stdin, then connect: Up with address and MTU"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office2
SECRET=alice-pass-7
SCENARIO_LIMIT=180
scenario_main() {
  l2tp_new_and_connect office2 192.0.2.1 "$SECRET" 40 || { stop_client_xl2tpd; return 0; }
  local f=$SCEN_DIR/office2.connect.json
  if [ "$PT_EXIT" != 0 ] || [ "$(json "$f" .state)" != Up ]; then
    fail "ppptui connect office2: exit $PT_EXIT, state '$(json "$f" .state)', expected 0 and Up ($(json "$f" .reason); $(json "$f" .diagnosis.code))"
    stop_client_xl2tpd; return 0
  fi
  read_status office2 up
  [ "$S_STATE" = Up ] || fail "ppptui status office2 says '$S_STATE' right after connect"
  link_matches_ip office2 "$S_IF" "$S_LOCAL" "$S_PEER" "$S_MTU"
  [[ $S_LOCAL =~ ^198\.51\.100\.2[0-9]$ ]] && [ "$S_PEER" = 198.51.100.1 ] ||
    fail "office2 got $S_LOCAL peer $S_PEER, expected 198.51.100.2x peer 198.51.100.1"
  # 1500 - 20 IPv4 - 57 ESP at worst - 8 UDP - 8 L2TP - 4 PPP: fits with or without IPsec.
  [ "$S_MTU" = 1403 ] || fail "office2 came up with mtu $S_MTU, expected the L2TP default 1403"
  DETAIL="up $S_IF $S_LOCAL peer $S_PEER mtu $S_MTU"
  grep -qsE "${SECRET%?}[${SECRET: -1}]" /proc/[0-9]*/cmdline && fail "the password shows in a process command line"
  disconnect_down office2 "$S_PID" "$S_IF"
  stop_client_xl2tpd
  grep -qF "$SECRET" "$SCEN_OUT" "$SYSLOG" && fail "the password shows in ppptui's output or the log"
  return 0
}
