DESCRIPTION="L2TP/IPsec: the swanctl file ppptui renders (PSK on stdin, 0600, masked) loads into a real charon"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office3
PSK=lab-psk-0123456
SCENARIO_LIMIT=120
scenario_main() {
  local conf=/etc/swanctl/conf.d/ppptui-office3.conf
  load_ipsec_modules || say "not every IPsec module loaded ($IPSEC_MODULES)"
  pt_in "$(printf 'alice-pass-7\n%s' "$PSK")" new office3 --kind l2tp --server 192.0.2.1 --user alice --ipsec psk \
    --password-stdin --psk-stdin || { fail "ppptui new office3 exited $PT_EXIT: $PT_ERR"; return 0; }
  [ "$(stat -c %a "$conf" 2>/dev/null)" = 600 ] || fail "$conf is mode $(stat -c %a "$conf" 2>/dev/null), expected 600"
  pt diff office3; pt show office3
  start_client_charon "$SCEN_DIR/charon.out" ||
    { fail "charon did not start: $(tail -n 3 "$SCEN_DIR/charon.out")"; stop_client_charon; return 0; }
  swanctl --load-all --noprompt >"$SCEN_DIR/load.out" 2>&1 || fail "swanctl --load-all failed on the rendered file: $(tail -n 3 "$SCEN_DIR/load.out")"
  swanctl --list-conns >"$SCEN_DIR/conns.out" 2>&1
  grep -q "ppptui-office3: IKEv1" "$SCEN_DIR/conns.out" || fail "charon did not take connection ppptui-office3 (IKEv1): $(head -n 3 "$SCEN_DIR/conns.out")"
  grep -q "TRANSPORT" "$SCEN_DIR/conns.out" || fail "the child of ppptui-office3 is not in transport mode"
  grep -q "loaded ike secret" "$SCEN_DIR/load.out" || fail "charon loaded no IKE secret from the rendered file"
  DETAIL="charon: $(grep -c . "$SCEN_DIR/conns.out") lines of --list-conns; $(grep -o 'loaded ike secret[^)]*' "$SCEN_DIR/load.out" | head -n 1)"
  stop_client_charon
  # Its key for 192.0.2.1 would otherwise stay in conf.d for the scenarios after this one.
  pt delete office3
  grep -qF "$PSK" "$SCEN_OUT" "$SYSLOG" && fail "the PSK shows in ppptui's output or the log"
  return 0
}
