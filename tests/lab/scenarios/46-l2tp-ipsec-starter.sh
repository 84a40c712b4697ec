DESCRIPTION="L2TP/IPsec on a box whose strongSwan is the ipsec starter (ipsec.conf, no swanctl): a conn section and an ipsec.secrets record (other lines byte-identical) that the starter and charon take; the link dials Up with an ESP SA, disconnect takes it down"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office5
SECRET=alice-pass-7
PSK=lab-psk-0123456
SCENARIO_LIMIT=240
starter_cleanup() {
  stop_client_xl2tpd
  ipsec stop >>"$SCEN_DIR/office5.starter.out" 2>&1
  stop_ipsec_responder
  pt delete office5 >/dev/null
  # Back as the guest's /etc had it (an overlay: the host's own files are never touched).
  [ -d /etc/swanctl.lab-away ] && rm -rf /etc/swanctl && mv /etc/swanctl.lab-away /etc/swanctl
  cp -p "$SCEN_DIR/ipsec.conf.before" /etc/ipsec.conf; cp -p "$SCEN_DIR/ipsec.secrets.before" /etc/ipsec.secrets
}
scenario_main() {
  local n
  # The box: ipsec.conf and ipsec.secrets with lines of their own, no swanctl.
  mv /etc/swanctl /etc/swanctl.lab-away
  printf '%s\n' "" "# a record of the admin's own" "198.51.100.77 : PSK \"someone-elses-key\"" >>/etc/ipsec.secrets
  cp -p /etc/ipsec.conf "$SCEN_DIR/ipsec.conf.before"; cp -p /etc/ipsec.secrets "$SCEN_DIR/ipsec.secrets.before"
  start_ipsec_responder ||
    { fail "the IPsec responder did not start: $(tail -n 3 "$LAB_RUN/logs/ipsec-responder.out")"; starter_cleanup; return 0; }
  load_ipsec_modules
  ipsec start >"$SCEN_DIR/office5.starter.out" 2>&1 || { fail "ipsec start failed: $(tail -n 3 "$SCEN_DIR/office5.starter.out")"; starter_cleanup; return 0; }
  wait_for 15 test -S /var/run/charon.ctl || { fail "the starter's charon made no stroke socket"; starter_cleanup; return 0; }
  l2tp_new_and_connect office5 192.0.2.1 "$SECRET" 60 "$PSK" || { starter_cleanup; return 0; }
  [ -e /etc/swanctl/conf.d/ppptui-office5.conf ] && fail "ppptui wrote a swanctl file on a box without swanctl"
  # Every line that was there stays byte for byte; the profile's lines come after them.
  for f in ipsec.conf ipsec.secrets; do
    cp "/etc/$f" "$SCEN_DIR/office5.$f"
    n=$(stat -c %s "$SCEN_DIR/$f.before")
    cmp -s -n "$n" "$SCEN_DIR/$f.before" "/etc/$f" || fail "/etc/$f: the lines before ppptui's are not byte-identical"
  done
  grep -q "^conn ppptui-office5" /etc/ipsec.conf || fail "/etc/ipsec.conf has no conn ppptui-office5"
  [ "$(stat -c %a /etc/ipsec.secrets)" = 600 ] || fail "/etc/ipsec.secrets is mode $(stat -c %a /etc/ipsec.secrets), expected 600"
  # strongSwan's own parsers took both files: the starter loaded the conn, charon the key.
  ipsec statusall >"$SCEN_DIR/office5.statusall" 2>&1
  grep -q "ppptui-office5:.*IKEv1" "$SCEN_DIR/office5.statusall" ||
    fail "ipsec statusall shows no IKEv1 conn ppptui-office5: $(grep -m2 ppptui "$SCEN_DIR/office5.statusall")"
  ipsec listall >"$SCEN_DIR/office5.listall" 2>&1
  l2tp_is_up office5 || { starter_cleanup; return 0; }
  esp_sas_up office5
  DETAIL="up $S_IF $S_LOCAL peer $S_PEER mtu $S_MTU; $SA_LINE"
  disconnect_down office5 "$S_PID" "$S_IF"
  esp_sas_gone office5
  grep -q "ipsec down ppptui-office5\|down ppptui-office5" "$SCEN_OUT" || fail "ppptui disconnect did not say it took IPsec down"
  starter_cleanup
  grep -qF -e "$SECRET" -e "$PSK" "$SCEN_OUT" "$SYSLOG" && fail "the password or the PSK shows in ppptui's output or the log"
  return 0
}
