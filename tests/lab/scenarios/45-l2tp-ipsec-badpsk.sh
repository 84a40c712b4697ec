DESCRIPTION="Broken twin: L2TP/IPsec with a PSK the responder does not have ends Down, ipsec-psk-wrong, no ESP SA"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office4-bad
PSK=not-the-lab-psk
SCENARIO_LIMIT=240
ipsec_cleanup() { stop_client_xl2tpd; stop_client_charon; stop_ipsec_responder; pt delete "$PROFILE" >/dev/null; }
scenario_main() {
  local f=$SCEN_DIR/office4-bad.connect.json code
  start_ipsec_responder ||
    { fail "the IPsec responder did not start: $(tail -n 3 "$LAB_RUN/logs/ipsec-responder.out")"; ipsec_cleanup; return 0; }
  start_client_charon "$SCEN_DIR/charon.out" ||
    { fail "the client's charon did not start: $(tail -n 3 "$SCEN_DIR/charon.out")"; ipsec_cleanup; return 0; }
  l2tp_new_and_connect office4-bad 192.0.2.1 alice-pass-7 90 "$PSK" || { ipsec_cleanup; return 0; }
  code=$(json "$f" .diagnosis.code)
  [ "$PT_EXIT" = 7 ] && [ "$(json "$f" .state)" = Down ] ||
    fail "ppptui connect office4-bad: exit $PT_EXIT, state '$(json "$f" .state)', expected 7 and Down"
  [ "$code" = ipsec-psk-wrong ] || fail "diagnosis '$code' ($(json "$f" .diagnosis.cause)), expected ipsec-psk-wrong"
  esp_states >"$SCEN_DIR/office4-bad.xfrm"
  grep -q "proto esp" "$SCEN_DIR/office4-bad.xfrm" && fail "an ESP SA exists although IKE failed: $(head -n 2 "$SCEN_DIR/office4-bad.xfrm")"
  DETAIL="down: $code: $(json "$f" .diagnosis.cause)"
  ipsec_cleanup
  grep -qF "$PSK" "$SCEN_OUT" "$SYSLOG" && fail "the PSK shows in ppptui's output or the log"
  return 0
}
