DESCRIPTION="Two links up at once (PPTP and the pppd pair): ppptui status --json shows both, each with its own interface and routes"
EXPECT=custom
CLIENTS=ppptui
scenario_main() {
  connect_up myvpn one || return 0
  local vpn_pid=$S_PID vpn_if=$S_IF
  connect_up pair two || { disconnect_down myvpn "$vpn_pid" "$vpn_if"; return 0; }
  local pair_pid=$S_PID pair_if=$S_IF
  [ "$vpn_if" != "$pair_if" ] || fail "both links report interface $vpn_if"
  pt status --json || fail "ppptui status (every link) exited $PT_EXIT"
  printf '%s\n' "$PT_OUT" >"$SCEN_DIR/$NAME.status-all.json"
  # Every link as rtnetlink told it, and as `ip -j` tells it (PPPTUI_RTNETLINK=0): the same.
  local both='[.[] | {name, state, interface, localAddress, peerAddress, mtu, routes, ownsDefaultRoute, defaultRouteDevice, ipv6}]'
  PPPTUI_RTNETLINK=0 pt status --json
  printf '%s\n' "$PT_OUT" >"$SCEN_DIR/$NAME.status-all.ip.json"
  [ "$(jq -cS "$both" "$SCEN_DIR/$NAME.status-all.json")" = "$(jq -cS "$both" <<<"$PT_OUT")" ] ||
    fail "status of both links from rtnetlink differs from ip's (status-all.json, status-all.ip.json)"
  pt status --json
  local name ifc routes_ppptui routes_ip summary=""
  for name in myvpn pair; do
    ifc=$(jq -r --arg n "$name" '.[] | select(.name == $n and .state == "Up") | .interface' <<<"$PT_OUT")
    [ -n "$ifc" ] || { fail "ppptui status --json does not list $name as Up"; continue; }
    # The routes ppptui lists for the link are exactly the main table's routes through its interface.
    routes_ppptui=$(jq -r --arg n "$name" '.[] | select(.name == $n) | .routes[]' <<<"$PT_OUT" | awk '{print $1}' | sort | paste -sd ' ')
    routes_ip=$(ip -4 route show dev "$ifc" | awk '{print $1}' | sort | paste -sd ' ')
    [ "$routes_ppptui" = "$routes_ip" ] || fail "$name on $ifc: ppptui lists routes '$routes_ppptui', ip says '$routes_ip'"
    summary="$summary $name=$ifc($routes_ppptui)"
  done
  local others
  others=$(jq -r '[.[] | select(.name != "myvpn" and .name != "pair") | .name] | join(" ")' <<<"$PT_OUT")
  [ -z "$others" ] || fail "ppptui status lists links that are not this machine's: $others"
  ip -4 route >>"$SCEN_OUT"
  disconnect_down myvpn "$vpn_pid" "$vpn_if"
  # The other link is untouched by the first one's disconnect.
  read_status pair after
  [ "$S_STATE" = Up ] && [ "$S_IF" = "$pair_if" ] || fail "pair is '$S_STATE' on '$S_IF' after myvpn was disconnected"
  disconnect_down pair "$pair_pid" "$pair_if"
  pt status --json
  [ "$(jq 'length' <<<"$PT_OUT")" = 0 ] || fail "ppptui status still lists links after both were disconnected: $PT_OUT"
  DETAIL="both up:$summary"
}
