DESCRIPTION="A PPPoE profile made with ppptui new names the plugin the installed pppd ships (rp-pppoe.so on 2.4, pppoe.so on 2.5) and dials as rendered"
EXPECT=custom
CLIENTS=ppptui
PROFILE=labdsl
scenario_main() {
  pt_in bob-pass new labdsl --kind pppoe --interface lan0 --user bob --password-stdin ||
    { fail "ppptui new labdsl exited $PT_EXIT: $PT_ERR"; return; }
  cp /etc/ppp/peers/labdsl "$SCEN_DIR/labdsl.peers"
  local version want=pppoe.so
  version=$(pppd --version 2>&1 | head -n 1)
  [[ $version == *" 2.4."* ]] && want=rp-pppoe.so
  grep -qx "plugin $want" /etc/ppp/peers/labdsl ||
    fail "the peers file says '$(grep '^plugin' /etc/ppp/peers/labdsl)', expected 'plugin $want' for $version"
  if connect_up labdsl; then
    # pppoe-server hands out .10 and up; an address of an earlier session may still be taken.
    [[ $S_LOCAL =~ ^203\.0\.113\.1[0-3]$ ]] && [ "$S_PEER" = 203.0.113.1 ] ||
      fail "labdsl got $S_LOCAL peer $S_PEER, expected 203.0.113.10-13 peer 203.0.113.1"
    DETAIL="plugin $want ($version); up $S_IF $S_LOCAL peer $S_PEER mtu $S_MTU"
    disconnect_down labdsl "$S_PID" "$S_IF"
  fi
  return 0
}
