DESCRIPTION="DNS on the link from the profile's ip-up.d hook, plain resolv.conf, no pppd hook: a PPPoE profile made with ppptui new and dialed by hand with 'pppd call NAME' (not through ppptui) gets the peer's server first in /etc/resolv.conf (backed up), ppptui status says the hook put it there, and ip-down takes exactly that out when pppd ends"
EXPECT=custom
CLIENTS=ppptui
PEER_DNS=203.0.113.53
scenario_main() {
  local kept="$LAB_RUN/tmp/usepeerdns-hooks-hook" name=hk-dsl
  hide_usepeerdns_hooks "$kept"
  local before; before=$(cat /etc/resolv.conf)
  scenario_dns_hook "$name" "$before"
  restore_usepeerdns_hooks "$kept"
  pt delete "$name" >/dev/null 2>&1
  return 0
}

scenario_dns_hook() { # NAME BEFORE
  local name=$1 before=$2 pid ifc f backups
  pt_in bob-pass new "$name" --kind pppoe --interface lan0 --user bob --password-stdin ||
    { fail "ppptui new $name exited $PT_EXIT: $PT_ERR"; return 0; }
  cp "/etc/ppp/ip-up.d/ppptui-$name" "$SCEN_DIR/ip-up.d.ppptui-$name" 2>/dev/null
  [ -x "/etc/ppp/ip-up.d/ppptui-$name" ] && [ -x "/etc/ppp/ip-down.d/ppptui-$name" ] ||
    { fail "ppptui new $name installed no ip-up.d/ip-down.d hook"; return 0; }
  # By hand, as an admin would: ppptui takes no part in bringing the link up.
  pppd call "$name" >>"$SCEN_OUT" 2>&1
  if ! wait_for 45 sh -c "grep -q '^nameserver $PEER_DNS\$' /etc/resolv.conf"; then
    fail "pppd call $name: the peer's $PEER_DNS never reached /etc/resolv.conf: $(tr '\n' '|' </etc/resolv.conf)"
    pkill_pppd_of "$name"; return 0
  fi
  pid=$(sed -n 1p "/run/ppp-$name.pid" 2>/dev/null); ifc=$(sed -n 2p "/run/ppp-$name.pid" 2>/dev/null)
  cp /etc/resolv.conf "$SCEN_DIR/resolv.conf.up"
  [ "$(sed -n 's/^nameserver //p' /etc/resolv.conf | head -n 1)" = "$PEER_DNS" ] ||
    fail "the first nameserver in /etc/resolv.conf is not the peer's $PEER_DNS: $(tr '\n' '|' </etc/resolv.conf)"
  grep -q '^search lab.example$' /etc/resolv.conf || fail "the merge lost the file's own search line"
  backups=$(ls /var/backups/ppptui/etc_resolv.conf.* 2>/dev/null | wc -l)
  [ "$backups" -ge 1 ] || fail "no backup of /etc/resolv.conf in /var/backups/ppptui"
  read_status "$name" hook
  f="$SCEN_DIR/$name.status-hook.json"
  [ "$S_STATE" = Up ] || fail "ppptui status $name: state '$S_STATE' for the link pppd call brought up"
  [[ $(json "$f" .dnsNote) == *"hook /etc/ppp/ip-up.d/ppptui-$name"* ]] ||
    fail "ppptui status does not say the hook put the servers in effect: '$(json "$f" .dnsNote)'"
  [ "$(json "$f" '.dns[0]')" = "$PEER_DNS" ] || fail "ppptui status: first DNS server '$(json "$f" '.dns[0]')', expected $PEER_DNS"
  # pppd ends (SIGTERM, as a shutdown would): its ip-down runs the profile's ip-down.d hook.
  [ -n "$pid" ] && kill -TERM "$pid"
  [ -n "$pid" ] && ! wait_gone "$pid" 20 && fail "pppd (pid $pid) still runs 20 s after SIGTERM"
  wait_for 10 sh -c "! grep -q '$PEER_DNS' /etc/resolv.conf" ||
    fail "the peer's $PEER_DNS is still in /etc/resolv.conf after pppd ended"
  [ "$(cat /etc/resolv.conf)" = "$before" ] ||
    fail "/etc/resolv.conf after pppd ended is not what it was: $(tr '\n' '|' </etc/resolv.conf)"
  [ -e "/run/ppptui/dns/$ifc" ] && fail "the hook's record /run/ppptui/dns/$ifc is still there after ip-down"
  DETAIL="pppd call $name by hand: $PEER_DNS first in /etc/resolv.conf on $ifc ($(json "$f" .dnsNote)); $backups backup(s); gone after pppd ended"
}

pkill_pppd_of() { # NAME
  local p; p=$(sed -n 1p "/run/ppp-$1.pid" 2>/dev/null)
  [ -n "$p" ] && kill -TERM "$p" 2>/dev/null
  return 0
}
