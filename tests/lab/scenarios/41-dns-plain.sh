DESCRIPTION="DNS on the link with a plain resolv.conf and no pppd hook: ppptui connect merges the peer's server in front (status says so and why), disconnect takes exactly that out again"
EXPECT=custom
CLIENTS=ppptui
PEER_DNS=198.51.100.53
scenario_main() {
  local kept="$LAB_RUN/tmp/usepeerdns-hooks"
  hide_usepeerdns_hooks "$kept"
  local before; before=$(cat /etc/resolv.conf)
  if connect_up myvpn; then
    local pid=$S_PID ifc=$S_IF f="$SCEN_DIR/myvpn.status-up.json"
    cp /etc/resolv.conf "$SCEN_DIR/resolv.conf.up"
    [ "$(sed -n 's/^nameserver //p' /etc/resolv.conf | head -n 1)" = "$PEER_DNS" ] ||
      fail "the first nameserver in /etc/resolv.conf is not the peer's $PEER_DNS: $(tr '\n' '|' </etc/resolv.conf)"
    grep -q '^search lab.example$' /etc/resolv.conf || fail "the merge lost the file's own search line"
    [ "$(json "$f" .peerDnsApplied)" = true ] || fail "ppptui status: peerDnsApplied '$(json "$f" .peerDnsApplied)', expected true"
    [[ $(json "$f" .dnsNote) == *"by ppptui"* ]] || fail "ppptui status does not say why the servers are in effect: '$(json "$f" .dnsNote)'"
    [ "$(json "$f" '.dns[0]')" = "$PEER_DNS" ] || fail "ppptui status: first DNS server '$(json "$f" '.dns[0]')', expected $PEER_DNS"
    disconnect_down myvpn "$pid" "$ifc"
    [ "$(cat /etc/resolv.conf)" = "$before" ] ||
      fail "/etc/resolv.conf after disconnect is not what it was: $(tr '\n' '|' </etc/resolv.conf)"
    grep -q "$PEER_DNS" /etc/resolv.conf && fail "the peer's $PEER_DNS is still in /etc/resolv.conf after disconnect"
    DETAIL="in effect while up ($(json "$f" .dnsNote)); gone after disconnect"
  fi
  restore_usepeerdns_hooks "$kept"
  return 0
}
