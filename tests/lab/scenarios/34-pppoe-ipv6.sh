DESCRIPTION="IPv6 over PPPoE: a profile made with ppptui new, +ipv6 set through the CLI (set --ipv6 yes --apply), dials the concentrator (+ipv6 there too): both ends get link-local addresses, and ppptui status prints them, IPV6CP up, with the IPv6 route to the peer; on pppd 2.5 with lcp-rtt-file, status shows the keepalives' round trip"
EXPECT=custom
CLIENTS=ppptui
PROFILE=lab6
scenario_main() {
  load_module ipv6 || { fail "the ipv6 module did not load"; return 0; }
  pt_in bob-pass new lab6 --kind pppoe --interface lan0 --user bob --password-stdin ||
    { fail "ppptui new lab6 exited $PT_EXIT: $PT_ERR"; return 0; }
  pt set lab6 --ipv6 yes --apply || { fail "ppptui set lab6 --ipv6 yes --apply exited $PT_EXIT: $PT_ERR"; return 0; }
  cp /etc/ppp/peers/lab6 "$SCEN_DIR/lab6.peers"
  grep -qx '+ipv6' /etc/ppp/peers/lab6 || fail "the peers file has no +ipv6 line after set --ipv6 yes"
  # pppd 2.5 logs each LCP echo's round trip into lcp-rtt-file; an echo every 2 s gives one soon.
  local rtt_file=
  if [[ $(pppd --version 2>&1 | head -n 1) == *" 2.5."* ]]; then
    rtt_file=/run/ppp-lab6.rtt
    pt set lab6 --lcp-echo-interval 2 --add-option "lcp-rtt-file $rtt_file" --apply ||
      fail "ppptui set lab6 --lcp-echo-interval 2 --add-option 'lcp-rtt-file $rtt_file' --apply exited $PT_EXIT: $PT_ERR"
  fi
  # The concentrator's pppd negotiates IPv6 only with +ipv6 too; pppoe-server starts one per session,
  # each reading this file, so the line is taken out again for the scenarios after this one.
  local server_options=$LAB_RUN/server/etc-ppp/pppoe-server-options kept
  kept=$(cat "$server_options")
  echo '+ipv6' >>"$server_options"
  if connect_up lab6; then
    local pid=$S_PID ifc=$S_IF f="$SCEN_DIR/lab6.status-up.json" here there
    # What the kernel says, kept for the record (and as the captured output the unit tests read).
    ip -j addr show dev "$ifc" >"$SCEN_DIR/ip-j-addr.json" 2>&1
    ip -j -6 route show table main dev "$ifc" >"$SCEN_DIR/ip-j-6-route.json" 2>&1
    ip -6 addr show dev "$ifc" >"$SCEN_DIR/ip-6-addr.txt" 2>&1
    ip -6 route show table main dev "$ifc" >"$SCEN_DIR/ip-6-route.txt" 2>&1
    here=$(ip -o -6 addr show dev "$ifc" scope link | sed -n 's/.* inet6 \(fe80::[0-9a-f:]*\).*/\1/p' | head -n 1)
    [ -n "$here" ] || fail "$ifc has no IPv6 link-local address: $(tr '\n' '|' <"$SCEN_DIR/ip-6-addr.txt")"
    [ "$(json "$f" .ipv6.state)" = Up ] || fail "ppptui status: ipv6.state '$(json "$f" .ipv6.state)', expected Up ($(json "$f" .ipv6.summary))"
    [ "$(json "$f" .ipv6.linkLocal)" = "$here" ] || fail "ppptui status: link-local '$(json "$f" .ipv6.linkLocal)', ip says '$here'"
    there=$(json "$f" .ipv6.peerLinkLocal)
    [[ $there == fe80::* ]] || fail "ppptui status: the peer's link-local address is '$there', expected fe80::..."
    # The far end, in the concentrator's namespace, has the same two addresses the other way round.
    ip netns exec isp ip -6 addr show scope link >"$SCEN_DIR/isp-ip-6-addr.txt" 2>&1
    [ -n "$there" ] && grep -q "inet6 $there" "$SCEN_DIR/isp-ip-6-addr.txt" ||
      fail "the concentrator's side has no link-local $there: $(tr '\n' '|' <"$SCEN_DIR/isp-ip-6-addr.txt")"
    pt status lab6
    printf '%s\n' "$PT_OUT" >"$SCEN_DIR/lab6.status.txt"
    [[ $PT_OUT == *"ipv6      IPV6CP up: link-local $here, peer $there"* ]] ||
      fail "ppptui status lab6 does not print the link-local addresses ($here, peer $there)"
    DETAIL="up $S_IF $S_LOCAL; IPv6 link-local $here peer $there"
    if [ -n "$rtt_file" ]; then
      local tries rtt=
      for tries in 1 2 3 4 5 6 7 8 9 10; do
        read_status lab6 rtt
        rtt=$(json "$SCEN_DIR/lab6.status-rtt.json" .keepaliveRoundTrip.latestMs)
        [ -n "$rtt" ] && break
        sleep 1
      done
      if [ -n "$rtt" ]; then
        pt status lab6
        [[ $PT_OUT == *"LCP echo round trip "* ]] || fail "ppptui status lab6 does not print the LCP echo round trip"
        DETAIL+="; LCP echo round trip $rtt ms"
      else
        fail "pppd 2.5 with lcp-rtt-file $rtt_file: ppptui status shows no keepalive round trip after 10 s ($(od -A d -t x1 -N 32 "$rtt_file" 2>&1 | tr '\n' ' '))"
      fi
    fi
    disconnect_down lab6 "$pid" "$ifc"
  fi
  printf '%s\n' "$kept" >"$server_options"
  return 0
}
