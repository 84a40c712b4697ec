DESCRIPTION="Broken twin: L2TP to an address with no LNS (UDP 1701 unanswered) ends Down, the server does not answer"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office2-nolns
SCENARIO_LIMIT=240
scenario_main() {
  PT_LIMIT=130 l2tp_new_and_connect office2-nolns 192.0.2.5 alice-pass-7 100 || { stop_client_xl2tpd; return 0; }
  local f=$SCEN_DIR/office2-nolns.connect.json code
  code=$(json "$f" .diagnosis.code)
  [ "$PT_EXIT" = 7 ] && [ "$(json "$f" .state)" = Down ] ||
    fail "ppptui connect office2-nolns: exit $PT_EXIT, state '$(json "$f" .state)', expected 7 and Down ($(json "$f" .reason))"
  [ "$code" = l2tp-no-answer ] || fail "diagnosis '$code' ($(json "$f" .diagnosis.cause)), expected l2tp-no-answer"
  DETAIL="down: $code: $(json "$f" .diagnosis.cause)"
  stop_client_xl2tpd
  return 0
}
