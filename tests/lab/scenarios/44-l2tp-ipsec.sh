DESCRIPTION="L2TP/IPsec (charon responder, IKEv1 PSK, transport mode): ppptui new --ipsec psk, connect: IPsec up, then xl2tpd, Up with address and MTU and an ESP SA; disconnect takes the SA down"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office4
SECRET=alice-pass-7
PSK=lab-psk-0123456
SCENARIO_LIMIT=240
ipsec_cleanup() { stop_client_xl2tpd; stop_client_charon; stop_ipsec_responder; pt delete "$PROFILE" >/dev/null; }
scenario_main() {
  start_ipsec_responder ||
    { fail "the IPsec responder did not start: $(tail -n 3 "$LAB_RUN/logs/ipsec-responder.out")"; ipsec_cleanup; return 0; }
  start_client_charon "$SCEN_DIR/charon.out" ||
    { fail "the client's charon did not start: $(tail -n 3 "$SCEN_DIR/charon.out")"; ipsec_cleanup; return 0; }
  xfrm_kernel_probe "$SCEN_DIR/kernel-xfrm.txt"
  l2tp_new_and_connect office4 192.0.2.1 "$SECRET" 60 "$PSK" || { ipsec_cleanup; return 0; }
  l2tp_is_up office4 || { ipsec_cleanup; return 0; }
  esp_sas_up office4
  swanctl --list-sas >"$SCEN_DIR/office4.sas-up" 2>&1
  grep -q "ppptui-office4: #[0-9]*, ESTABLISHED, IKEv1" "$SCEN_DIR/office4.sas-up" ||
    fail "swanctl --list-sas shows no established IKEv1 SA ppptui-office4: $(head -n 2 "$SCEN_DIR/office4.sas-up")"
  DETAIL="up $S_IF $S_LOCAL peer $S_PEER mtu $S_MTU; $SA_LINE"
  grep -qsE "${SECRET%?}[${SECRET: -1}]|${PSK%?}[${PSK: -1}]" /proc/[0-9]*/cmdline && fail "the password or the PSK shows in a process command line"
  disconnect_down office4 "$S_PID" "$S_IF"
  esp_sas_gone office4
  grep -q "terminate" "$SCEN_OUT" || fail "ppptui disconnect did not say it took IPsec down"
  ipsec_cleanup
  grep -qF -e "$SECRET" -e "$PSK" "$SCEN_OUT" "$SYSLOG" && fail "the password or the PSK shows in ppptui's output or the log"
  return 0
}
