DESCRIPTION="ppptui probe: the PPTP link's MTU passes end to end; with a black hole in the server (packets over 1300 bytes dropped) probe finds 1300 within 8 bytes and recommends it"
EXPECT=custom
CLIENTS=ppptui
HOLE=1300
# A search through the black hole sends about 20 echoes, each lost one waits a second; twice, on a loaded host.
SCENARIO_LIMIT=300
scenario_main() {
  connect_up myvpn || return 0
  local pid=$S_PID ifc=$S_IF mtu=$S_MTU f
  f="$SCEN_DIR/myvpn.probe-clean.json"
  pt probe myvpn --json
  printf '%s\n' "$PT_OUT" >"$f"
  [ "$PT_EXIT" = 0 ] && [ "$(json "$f" .mtuFits)" = true ] && [ "$(json "$f" .largestPassing)" = "$mtu" ] ||
    fail "probe without a black hole: exit $PT_EXIT, mtuFits '$(json "$f" .mtuFits)', largest '$(json "$f" .largestPassing)', expected 0, true, $mtu"
  pt probe myvpn
  [[ $PT_OUT == *"link's MTU is fine"* ]] || fail "probe's text does not say the link's MTU is fine: $PT_OUT"

  # The black hole: the server drops every packet over HOLE bytes that comes in on its ppp link
  # (the tunnel's own GRE packets on eth0 pass), and sends no ICMP "too big" back.
  # iptables-legacy: this UML kernel's nf_tables refuses a filter table (EOPNOTSUPP); x_tables works.
  { load_module iptable_filter && load_module xt_length; } || { fail "iptable_filter or xt_length did not load"; disconnect_down myvpn "$pid" "$ifc"; return 0; }
  ip netns exec office iptables-legacy -A INPUT -i 'ppp+' -m length --length "$((HOLE + 1)):65535" -j DROP ||
    fail "iptables-legacy did not take the black hole rule"
  f="$SCEN_DIR/myvpn.probe-hole.json"
  pt probe myvpn --json
  printf '%s\n' "$PT_OUT" >"$f"
  local largest; largest=$(json "$f" .largestPassing)
  [ "$PT_EXIT" = 8 ] || fail "probe with a black hole exited $PT_EXIT, expected 8 (the MTU does not fit)"
  [ -n "$largest" ] && [ "$largest" -le "$HOLE" ] && [ "$largest" -ge $((HOLE - 8)) ] ||
    fail "probe found '$largest' bytes, expected within 8 bytes under the black hole at $HOLE"
  [ "$(json "$f" .recommendedMss)" = $((largest - 40)) ] || fail "MSS '$(json "$f" .recommendedMss)', expected $((largest - 40))"
  [[ $(json "$f" .nftRule) == *"maxseg size set $((largest - 40))"* ]] || fail "no nft clamp rule: $(json "$f" .nftRule)"
  [[ $(json "$f" .iptablesRule) == *"--set-mss $((largest - 40))"* ]] || fail "no iptables clamp rule: $(json "$f" .iptablesRule)"
  pt probe myvpn
  [[ $PT_OUT == *"black hole"* && $PT_OUT == *"--apply"* ]] || fail "probe's text does not name the black hole and the way to apply it: $PT_OUT"
  ip netns exec office iptables-legacy -D INPUT -i 'ppp+' -m length --length "$((HOLE + 1)):65535" -j DROP
  DETAIL="link mtu $mtu fits; black hole at $HOLE found as $largest ($(json "$f" '.tries | length') echoes), mss $((largest - 40))"
  disconnect_down myvpn "$pid" "$ifc"
}
