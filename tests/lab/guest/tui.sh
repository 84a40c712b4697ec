# The full-screen app driven under tmux, for the TUI scenarios: sourced by a scenario after
# lib.sh, it replaces the runner's dial and hangup and leaves the same facts behind, plus what the
# screen showed (NAME.screen-*.txt). A scenario sets, before sourcing:
#   TUI_COLS, TUI_ROWS  the terminal's size (default 120x40)
#   TUI_IMPORT          yes: `ppptui import NAME` first; no: dial the peers file as the box has it
#                       (never imported), and prove it stays byte for byte what it was
# shellcheck shell=bash

TUI_SESSION=lab-tui
TUI_COLS=${TUI_COLS:-120} TUI_ROWS=${TUI_ROWS:-40} TUI_IMPORT=${TUI_IMPORT:-yes}
TUI_START_LIMIT=90 # dotnet starting inside user-mode Linux takes a while

tui() { TMUX_TMPDIR=$LAB_RUN/tmp tmux "$@"; }
tui_screen() { tui capture-pane -p -t "$TUI_SESSION"; }
# One key at a time, with a pause: Alt+N arrives as ESC N, and a key right behind it would be read
# as part of the same sequence.
tui_send() { tui send-keys -t "$TUI_SESSION" "$@"; sleep 0.5; }

# tui_wait TEXT LIMIT: until the screen shows TEXT; false (and the screen kept) when it does not.
tui_wait() {
  local text=$1 limit=$2 deadline=$(( $(date +%s) + $2 ))
  until tui_screen 2>/dev/null | grep -qF -- "$text"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      fail "the screen did not show '$text' within ${limit}s"
      tui_screen >"$SCEN_DIR/$NAME.screen-missing.txt" 2>&1
      return 1
    fi
    sleep 0.3
  done
}

dial() { # NAME LIMIT
  local name=$1 limit=$2 marker deadline
  reset_link_facts
  # The auto-detected log source: the lab's syslog, where /var/log/syslog is on a real Debian.
  ln -sf "$SYSLOG" /var/log/syslog
  if [ "$TUI_IMPORT" = yes ]; then
    /run/lab/bin/ppptui import "$name" >"$SCEN_DIR/$name.out" 2>&1 || true
  else
    # The box as an admin finds it: the hand-written peers file, no ppptui profile for it (the
    # runner imported and applied every lab profile before the first scenario).
    rm -f "/etc/ppptui/profiles/$name.toml"
    cp "$LAB_DIR/client/ppp/peers/$name" "/etc/ppp/peers/$name"
    TUI_PEERS_SUM=$(sha256sum <"/etc/ppp/peers/$name")
  fi
  mkdir -p "$LAB_RUN/tmp"
  tui kill-session -t "$TUI_SESSION" 2>/dev/null
  # An admin's SSH session speaks UTF-8; without it ppptui draws ASCII frames (no "·" to wait for).
  tui new-session -d -s "$TUI_SESSION" -x "$TUI_COLS" -y "$TUI_ROWS" \
    "TERM=xterm-256color LANG=C.UTF-8 /run/lab/bin/ppptui; echo PPPTUI-EXITED:\$?; sleep 600"
  if ! tui_wait "Profiles ·" "$TUI_START_LIMIT"; then LINK_STATE=down; return 0; fi
  tui_send -l "$name" # the list jumps to the profile as its name is typed
  if ! tui_wait "Editor · $name" 20; then LINK_STATE=down; return 0; fi
  [ "$TUI_IMPORT" = yes ] || tui_wait "$name · PPTP VPN (not imported)" 10
  tui_screen >"$SCEN_DIR/$NAME.screen-start.txt"
  tui_send F5
  deadline=$(( $(date +%s) + limit ))
  while :; do
    if marker=$(up_marker); then
      # shellcheck disable=SC1090
      . "$marker"; PPPD_PID=$LINK_PID; LINK_STATE=up
      break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then LINK_STATE=stuck; break; fi
    sleep 0.2
  done
  [ "$LINK_STATE" = up ] || { tui_screen >"$SCEN_DIR/$NAME.screen-failed.txt"; return 0; }
  # The IP pane: interface, the tunnel address and the MTU after MPPE, from the live system.
  tui_wait "$LINK_IF" 15 && tui_wait "$LINK_LOCAL" 15 && tui_wait "1412" 15 && tui_wait "$name is up on $LINK_IF" 15
  tui_screen >"$SCEN_DIR/$NAME.screen-up.txt"
  # The runner's checks of every ppptui dial: what ip shows, and what a second ppptui (status)
  # says about the link the screen dialed. The screen has no exit status or connect JSON: a
  # link that came up is its success, and its warnings are the ones status gives.
  inspect_link "$name" "$LINK_IF"
  read_status "$name" up
  CLIENT_EXIT=0 CONNECT_NOTICES=$S_NOTICES
  return 0
}

hangup() { # NAME LIMIT
  local name=$1 limit=$2
  # The log pane (auto source: /var/log/syslog; a tab at 80x24), in its per-link view and zoomed
  # (F11; at 80x24 the pane shows five lines), shows pppd's MPPE line among the link's lines.
  tui_send M-6
  tui_send l
  tui_send F11
  tui_wait "$name only" 10 && tui_wait "MPPE 128-bit stateless compression enabled" 10
  tui_screen >"$SCEN_DIR/$NAME.screen-log.txt"
  tui_send F11
  tui_send l
  tui_send M-4 # the IP pane, where the link's going down shows (a tab at 80x24)
  tui_send M-1
  tui_send F8
  tui_wait "Disconnect $name?" 10
  tui_send Enter
  CLIENT_EXIT=0
  if [ -n "$PPPD_PID" ] && ! wait_gone "$PPPD_PID" "$limit"; then
    fail "pppd (pid $PPPD_PID) still runs ${limit}s after Disconnect"
    kill -KILL "$PPPD_PID" 2>/dev/null
    CLIENT_EXIT=1
  fi
  tui_wait "No ppp links right now." 10
  tui_screen >"$SCEN_DIR/$NAME.screen-down.txt"
  # pppd is not the screen's child, so its exit status is read from its own words: SIGTERM ends
  # it with status 5 (EXIT_USER_REQUEST), and it says so in the log.
  sleep 0.5
  if grep -qE "pppd\[$PPPD_PID\]: Terminating on signal 15" "$SYSLOG"; then PPPD_EXIT=5; else PPPD_EXIT=unknown; fi
  tui_send F10
  tui_wait "PPPTUI-EXITED:0" 15
  tui kill-session -t "$TUI_SESSION" 2>/dev/null
  LINK_STATE=down
  if [ "$TUI_IMPORT" != yes ]; then
    [ "$(sha256sum <"/etc/ppp/peers/$name")" = "$TUI_PEERS_SUM" ] ||
      fail "/etc/ppp/peers/$name changed although it was only dialed: $(diff "$LAB_DIR/client/ppp/peers/$name" "/etc/ppp/peers/$name" | head -5 | tr '\n' ' ')"
    [ ! -e "/etc/ppptui/profiles/$name.toml" ] || fail "dialing $name from the screen imported it"
  fi
}
