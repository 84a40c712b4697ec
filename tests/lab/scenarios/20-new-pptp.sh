DESCRIPTION="A profile made with ppptui new --password-stdin (PPTP, a fresh user) dials as rendered"
EXPECT=custom
CLIENTS=ppptui
PROFILE=labnew
SECRET=fresh-pass-3
scenario_main() {
  pt_in "$SECRET" new labnew --kind pptp --server 192.0.2.1 --user freshuser --usepeerdns yes --password-stdin ||
    { fail "ppptui new labnew exited $PT_EXIT: $PT_ERR"; return; }
  cp /etc/ppp/peers/labnew "$SCEN_DIR/labnew.peers"
  grep -qE "^freshuser[[:space:]]+labnew[[:space:]]+\"?$SECRET\"?" /etc/ppp/chap-secrets ||
    fail "chap-secrets has no line for freshuser/labnew with the password typed on stdin"
  [ "$(stat -c %a /etc/ppp/chap-secrets)" = 600 ] || fail "chap-secrets is mode $(stat -c %a /etc/ppp/chap-secrets), expected 600"
  if connect_up labnew; then
    local pid=$S_PID ifc=$S_IF
    [[ $S_LOCAL =~ ^198\.51\.100\.1[0-9]$ ]] && [ "$S_PEER" = 198.51.100.1 ] ||
      fail "labnew got $S_LOCAL peer $S_PEER, expected 198.51.100.1x peer 198.51.100.1"
    grep -q "MPPE 128-bit" "$SYSLOG" || fail "no MPPE on labnew"
    # 1460 on the wire (1500 - 20 IP - 16 GRE - 4 PPP), less pppd's 4 MPPE bytes; 1496 hangs on large packets.
    [ "$S_MTU" = 1456 ] || fail "labnew came up with mtu $S_MTU, expected 1456 (mtu 1460 minus 4 for MPPE), not pppd's 1496"
    DETAIL="rendered $(grep -vc '^#' /etc/ppp/peers/labnew) option lines; up $ifc $S_LOCAL peer $S_PEER mtu $S_MTU dns $S_PEER_DNS"
    # The password never shows: not in a command line while the link runs, not in any output.
    grep -qsE "${SECRET%?}[${SECRET: -1}]" /proc/[0-9]*/cmdline && fail "the password shows in a process command line"
    disconnect_down labnew "$pid" "$ifc"
  fi
  grep -qF "$SECRET" "$SCEN_OUT" "$SCEN_DIR"/labnew.* "$SYSLOG" && fail "the password shows in ppptui's output or the log"
  return 0
}
