DESCRIPTION="L2TP/IPsec: the swanctl file ppptui renders (PSK on stdin, 0600, masked) loads into a real charon"
EXPECT=custom
CLIENTS=ppptui
PROFILE=office3
PSK=lab-psk-0123456
SCENARIO_LIMIT=120
scenario_main() {
  local m conf=/etc/swanctl/conf.d/ppptui-office3.conf pid
  for m in xfrm_user af_key esp4; do load_module "$m" || say "module $m did not load"; done
  pt_in "$(printf 'alice-pass-7\n%s' "$PSK")" new office3 --kind l2tp --server 192.0.2.1 --user alice --ipsec psk \
    --password-stdin --psk-stdin || { fail "ppptui new office3 exited $PT_EXIT: $PT_ERR"; return 0; }
  [ "$(stat -c %a "$conf" 2>/dev/null)" = 600 ] || fail "$conf is mode $(stat -c %a "$conf" 2>/dev/null), expected 600"
  pt diff office3; pt show office3
  mkdir -p /var/run
  /usr/lib/ipsec/charon >"$SCEN_DIR/charon.out" 2>&1 &
  pid=$!
  wait_for 15 test -S /var/run/charon.vici || { fail "charon did not start: $(tail -n 3 "$SCEN_DIR/charon.out")"; kill "$pid" 2>/dev/null; return 0; }
  swanctl --load-all --noprompt >"$SCEN_DIR/load.out" 2>&1 || fail "swanctl --load-all failed on the rendered file: $(tail -n 3 "$SCEN_DIR/load.out")"
  swanctl --list-conns >"$SCEN_DIR/conns.out" 2>&1
  grep -q "ppptui-office3: IKEv1" "$SCEN_DIR/conns.out" || fail "charon did not take connection ppptui-office3 (IKEv1): $(head -n 3 "$SCEN_DIR/conns.out")"
  grep -q "TRANSPORT" "$SCEN_DIR/conns.out" || fail "the child of ppptui-office3 is not in transport mode"
  grep -q "loaded ike secret" "$SCEN_DIR/load.out" || fail "charon loaded no IKE secret from the rendered file"
  DETAIL="charon: $(grep -c . "$SCEN_DIR/conns.out") lines of --list-conns; $(grep -o 'loaded ike secret[^)]*' "$SCEN_DIR/load.out" | head -n 1)"
  kill "$pid" 2>/dev/null; wait_gone "$pid" 10
  grep -qF "$PSK" "$SCEN_OUT" "$SYSLOG" && fail "the PSK shows in ppptui's output or the log"
  return 0
}
