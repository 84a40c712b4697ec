DESCRIPTION="Split routes for every kind: PPTP, PPPoE and modem profiles made with ppptui new --routes and no default route; each link adds exactly its networks through its own interface, and they are gone after disconnect"
EXPECT=custom
CLIENTS=ppptui
PROFILE=rt-pptp
SCENARIO_LIMIT=240
# Networks nothing else in the lab routes (parts of the documentation ranges the lab keeps to), so
# a route to them can only come from the profile.
ROUTES="198.51.100.128/25,203.0.113.128/26"

# NAME: connect, check the routes, disconnect, check they are gone.
split_routes_check() {
  local name=$1 want got net
  connect_up "$name" || return 0
  local pid=$S_PID ifc=$S_IF
  # ip-up runs the route script after the link is up; give it the moment it takes.
  wait_for 10 sh -c "ip -4 route show 203.0.113.128/26 | grep -q 'dev $ifc'"
  for net in ${ROUTES//,/ }; do
    got=$(ip -4 route show "$net")
    [[ $got == *"dev $ifc"* ]] || fail "$name: no route to $net through $ifc after connect (ip route: '${got:-none}')"
  done
  ip -4 route show default | grep -q "dev $ifc" && fail "$name has --default-route none, yet the default route goes through $ifc"
  # What ppptui lists for the link is what the kernel has.
  read_status "$name" routes
  want=$(ip -4 route show dev "$ifc" | awk '{print $1}' | sort | paste -sd ' ')
  got=$(jq -r '.routes[]?' "$SCEN_DIR/$name.status-routes.json" 2>/dev/null | awk '{print $1}' | sort | paste -sd ' ')
  [ "$want" = "$got" ] || fail "$name: ppptui status lists routes '$got', ip says '$want'"
  summary="$summary $name=$ifc($want)"
  disconnect_down "$name" "$pid" "$ifc"
  for net in ${ROUTES//,/ }; do
    ip -4 route show "$net" | grep -q . && fail "$name: the route to $net is still there after disconnect"
  done
  return 0
}

scenario_main() {
  local summary=""
  pt_in lab-pass-1 new rt-pptp --kind pptp --server 192.0.2.1 --user labuser --password-stdin \
    --routes "$ROUTES" --default-route none ||
    { fail "ppptui new rt-pptp exited $PT_EXIT: $PT_ERR"; return 0; }
  pt_in bob-pass new rt-dsl --kind pppoe --interface lan0 --user bob --password-stdin \
    --routes "$ROUTES" --default-route none ||
    { fail "ppptui new rt-dsl exited $PT_EXIT: $PT_ERR"; return 0; }
  pt new rt-cell --kind modem --device /dev/ttyMODEM --apn internet --number '*99#' \
    --remove-option crtscts --add-option nocrtscts --add-option local \
    --routes "$ROUTES" --default-route none ||
    { fail "ppptui new rt-cell exited $PT_EXIT: $PT_ERR"; return 0; }
  for name in rt-pptp rt-dsl rt-cell; do
    cp "/etc/ppp/peers/$name" "$SCEN_DIR/$name.peers"
    # No ipparam needed from the admin: the route script knows its link by the tag we render.
    grep -q '^ipparam ' "/etc/ppp/peers/$name" || fail "the peers file of $name has no ipparam, so its route script cannot tell its link"
    split_routes_check "$name"
  done
  DETAIL="routes through each link:$summary"
  return 0
}
