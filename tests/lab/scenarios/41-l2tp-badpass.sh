DESCRIPTION="Broken twin: L2TP with a password the LNS does not know ends Down, authentication failed"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office2-bad
SCENARIO_LIMIT=180
scenario_main() {
  l2tp_new_and_connect office2-bad 192.0.2.1 not-the-password 40 || { stop_client_xl2tpd; return 0; }
  local f=$SCEN_DIR/office2-bad.connect.json code
  code=$(json "$f" .diagnosis.code)
  [ "$PT_EXIT" = 7 ] && [ "$(json "$f" .state)" = Down ] ||
    fail "ppptui connect office2-bad: exit $PT_EXIT, state '$(json "$f" .state)', expected 7 and Down"
  [[ $code =~ ^auth-(rejected|failed)$ ]] || fail "diagnosis '$code' ($(json "$f" .diagnosis.cause)), expected auth-rejected"
  DETAIL="down: $code: $(json "$f" .diagnosis.cause)"
  stop_client_xl2tpd
  return 0
}
