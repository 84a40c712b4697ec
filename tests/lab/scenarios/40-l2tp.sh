DESCRIPTION="L2TP (xl2tpd LAC and LNS): ppptui new --kind l2tp with the password on stdin, then connect: Up with address and MTU"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office2
SECRET=alice-pass-7
SCENARIO_LIMIT=180
# Split routes for this kind too (the others: split-routes): one network through the link, no default route.
L2TP_NEW_EXTRA=(--routes 198.51.100.128/25 --default-route none)
scenario_main() {
  l2tp_new_and_connect office2 192.0.2.1 "$SECRET" 40 || { stop_client_xl2tpd; return 0; }
  l2tp_is_up office2 || { stop_client_xl2tpd; return 0; }
  wait_for 10 sh -c "ip -4 route show 198.51.100.128/25 | grep -q 'dev $S_IF'" ||
    fail "no route to 198.51.100.128/25 through $S_IF (--routes): '$(ip -4 route show 198.51.100.128/25)'"
  ip -4 route show default | grep -q "dev $S_IF" && fail "--default-route none, yet the default route goes through $S_IF"
  DETAIL="up $S_IF $S_LOCAL peer $S_PEER mtu $S_MTU; route $(ip -4 route show 198.51.100.128/25 | awk '{print $1, $2, $3}')"
  grep -qsE "${SECRET%?}[${SECRET: -1}]" /proc/[0-9]*/cmdline && fail "the password shows in a process command line"
  disconnect_down office2 "$S_PID" "$S_IF"
  ip -4 route show 198.51.100.128/25 | grep -q . && fail "the route to 198.51.100.128/25 is still there after disconnect"
  stop_client_xl2tpd
  grep -qF "$SECRET" "$SCEN_OUT" "$SYSLOG" && fail "the password shows in ppptui's output or the log"
  return 0
}
