DESCRIPTION="Two PPTP profiles to one server share pptp's control connection: connect warns before dialing the second while the first is up, and if the first drops with the second's failure, ppptui says why in words, not 'disconnected on request'"
EXPECT=custom
CLIENTS=ppptui
PROFILE=myvpn
scenario_main() {
  connect_up myvpn shared || return 0
  local pid=$S_PID ifc=$S_IF reason code
  pt connect pptp-badpass --wait 40 --json
  printf '%s\n' "$PT_OUT" >"$SCEN_DIR/pptp-badpass.connect-shared.json"
  [ "$PT_EXIT" = 7 ] || fail "ppptui connect pptp-badpass (wrong password) exited $PT_EXIT, expected 7"
  # The warning names the link that may drop with it, before anything is dialed.
  grep -q "myvpn" <<<"$PT_ERR$PT_OUT" && grep -qi "control connection" <<<"$PT_ERR$PT_OUT" ||
    fail "connect pptp-badpass did not warn that myvpn shares its PPTP control connection: $PT_ERR"
  # Give a drop of myvpn the moment it takes to show.
  wait_for 10 sh -c "! ip link show dev $ifc" || true
  read_status myvpn after
  if [ "$S_STATE" = Up ]; then
    note "myvpn stayed up while pptp-badpass failed (pptp kept the shared control connection)"
    DETAIL="myvpn survived pptp-badpass's failure; the warning was given"
    disconnect_down myvpn "$pid" "$ifc"
    return 0
  fi
  reason=$(json "$SCEN_DIR/myvpn.status-after.json" .reason)
  code=$(json "$SCEN_DIR/myvpn.status-after.json" .diagnosis.code)
  [[ $reason == *"on request"* ]] && fail "myvpn dropped with pptp-badpass, and ppptui says '$reason': nobody asked for it"
  # Whichever line pppd or pptp logged last (Modem hangup, or the server closing the control
  # connection), the words say the connection was shared with every profile dialing the server.
  [[ $reason == *"control connection"*"every profile dialing 192.0.2.1"* ]] ||
    fail "myvpn dropped with pptp-badpass; ppptui says '$reason' ($code), not that the control connection it shared closed"
  DETAIL="myvpn dropped with pptp-badpass: '$reason' ($code)"
  # With persist its pppd dials again: stop it, as the admin would.
  pt disconnect myvpn
  wait_gone "$pid" 15 || fail "myvpn's pppd (pid $pid) still runs after ppptui disconnect"
  return 0
}
