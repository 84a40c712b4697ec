DESCRIPTION="A modem profile made with ppptui new --pin-stdin dials a SIM that is already unlocked (a second PIN gets +CME ERROR); the PIN never reaches the log"
EXPECT=custom
CLIENTS=ppptui
PROFILE=labpin
SECRET=4711
scenario_main() {
  pt_in "$SECRET" new labpin --kind modem --device /dev/ttyMODEM --apn internet --number '*99#' --pin-stdin \
    --remove-option crtscts --add-option nocrtscts --add-option local ||
    { fail "ppptui new labpin exited $PT_EXIT: $PT_ERR"; return; }
  cp /etc/chatscripts/labpin "$SCEN_DIR/labpin.chat"
  if connect_up labpin; then
    DETAIL="up $S_IF $S_LOCAL peer $S_PEER (already unlocked (a second PIN gets +CME ERROR))"
    disconnect_down labpin "$S_PID" "$S_IF"
  fi
  # chat -v logs sends and what the modem echoes: \q and ATE0 must keep the PIN out of both.
  grep -qF "CPIN=$SECRET" "$SYSLOG" && fail "the PIN shows in the system log"
  pt logs --lines 500
  grep -qF "$SECRET" "$SCEN_OUT" && fail "the PIN shows in ppptui's output"
  return 0
}
