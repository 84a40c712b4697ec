#!/bin/bash
# Runs one lab scenario inside the guest: dial, check what the scenario expects, hang up, and leave
# the evidence in the results folder:
#   NAME.log         the client's syslog lines (pppd, pptp, chat): what a user finds in syslog
#   NAME.out         pppd's own output (with LAB_CLIENT=ppptui: every ppptui command's output)
#   NAME.server.log  the servers' syslog lines for the same time
#   NAME.link        what ip said about the link while it was up
#   NAME.connect.json, NAME.status-*.json, NAME.explain(.json)   what ppptui said (LAB_CLIENT=ppptui)
#   NAME.result      the verdict and the facts, one KEY=value a line
# Usage: scenario.sh FILE   (LAB_DIR and LAB_CLIENT in the environment)
set -u
# shellcheck source=lib.sh
. "$LAB_DIR/guest/lib.sh"

file=$1
NAME=$(basename "$file" .sh)
NAME=${NAME#[0-9][0-9]-}

# What a scenario file may set (see tests/lab/README.md).
DESCRIPTION=
PROFILE=$NAME
EXPECT=
CLIENTS="pppd ppptui"
DIAL_LIMIT=40
HANGUP_LIMIT=15
DROP_LIMIT=30
EXPECT_LOCAL=
EXPECT_PEER=
EXPECT_MTU=
EXPECT_MTU_NOTE=
EXPECT_DEFAULT_ROUTE=
EXPECT_DNS=
EXPECT_EXIT=
EXPECT_LOG=
EXPECT_SERVER_LOG=
EXPECT_DIAGNOSIS=
EXPECT_CAUSE=
EXPECT_CAUSE_ZH=
DETAIL=
# shellcheck disable=SC1090
. "$file"

SCEN_DIR=$LAB_OUT
FAILS=()
fail() { FAILS+=("$*"); }
NOTES=()
note() { NOTES+=("$*"); } # what was seen and is not counted against the scenario, said with it
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
matches() { [[ $1 =~ ^($2)$ ]]; } # VALUE REGEX, whole value
contains() { [[ $1 =~ $2 ]]; }    # VALUE REGEX, anywhere

write_result() { # VERDICT TOOK DETAIL
  {
    echo "NAME=$NAME"
    echo "PROFILE=$PROFILE"
    echo "VERDICT=$1"
    echo "SECONDS=$2"
    echo "CLIENT=$LAB_CLIENT"
    echo "PPPD_EXIT=${PPPD_EXIT:-}"
    echo "LINK=${up_facts:-}"
    echo "DIAGNOSIS=${DIAG_CODE:-}"
    echo "KEY_LINE=${key_line:-}"
    for f in "${FAILS[@]}"; do echo "PROBLEM=$f"; done
    for n in "${NOTES[@]}"; do echo "NOTE=$n"; done
  } >"$SCEN_DIR/$NAME.result"
  printf '%s\t%s\t%s\t%s\t%s\n' "$NAME" "$1" "$2" "${PPPD_EXIT:-}" "$3" >>"$LAB_OUT/results.tsv"
}

if [[ " $CLIENTS " != *" $LAB_CLIENT "* ]]; then
  write_result SKIP 0 "only with LAB_CLIENT=${CLIENTS// /|}"
  say "SKIP $NAME: only with LAB_CLIENT=${CLIENTS// /|}"
  exit 0
fi

started=$(stamp)
log_from=$(size "$SYSLOG")
server_from=$(size "$SERVER_LOG")
end_leftover_client

# What ppptui says after a link has ended must agree with how it ended: status reports it Down
# (exit 7) and, when a diagnosis is expected, status and explain name the same one.
check_ppptui_down() { # PROFILE WHAT(diagnosis regex, may be empty) TAG
  local profile=$1 want=$2 tag=$3
  read_status "$profile" "$tag"
  [ "$S_STATE" = Down ] || fail "ppptui status $profile says '$S_STATE' after the link ended, expected Down"
  [ "$S_EXIT" = 7 ] || fail "ppptui status $profile exited $S_EXIT for a link that is down, expected 7"
  [ -n "$S_REASON" ] || fail "ppptui status $profile gives no reason for Down"
  [ -n "$want" ] || return 0
  matches "$S_DIAG_CODE" "$want" || fail "ppptui status $profile: diagnosis '${S_DIAG_CODE:-none}', expected /$want/ (reason: $S_REASON)"
  read_explain "$profile"
  [ "$E_EXIT" = 0 ] || fail "ppptui explain $profile exited $E_EXIT"
  matches "$E_DIAG_CODE" "$want" || fail "ppptui explain $profile: diagnosis '${E_DIAG_CODE:-none}', expected /$want/"
  [ -z "$EXPECT_CAUSE" ] || contains "$E_DIAG_CAUSE" "$EXPECT_CAUSE" ||
    fail "ppptui explain $profile: cause '$E_DIAG_CAUSE' does not say /$EXPECT_CAUSE/"
  [ -z "$EXPECT_CAUSE_ZH" ] || check_explain_in_chinese "$profile" "$want"
}

# The same explanation in Simplified Chinese, chosen both ways a user does it: --lang zh-CN (the
# JSON's cause follows the language, its code stays the same) and the locale (LANG=zh_CN.UTF-8,
# the plain-text answer with its labels in Chinese).
check_explain_in_chinese() { # PROFILE WHAT(diagnosis regex)
  local profile=$1 want=$2 f="$SCEN_DIR/$1.explain.zh-CN" out=${SCEN_OUT:-$SCEN_DIR/$1.out} code cause
  ppptui_to 30 "$f.json" "$out" --lang zh-CN explain "$profile" --json ||
    fail "ppptui --lang zh-CN explain $profile --json exited $?"
  code=$(json "$f.json" .diagnosis.code); cause=$(json "$f.json" .diagnosis.cause)
  matches "$code" "$want" || fail "ppptui --lang zh-CN explain $profile: diagnosis '${code:-none}', expected /$want/ (codes stay English)"
  contains "$cause" "$EXPECT_CAUSE_ZH" || fail "ppptui --lang zh-CN explain $profile: cause '$cause' does not say /$EXPECT_CAUSE_ZH/"
  LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES= ppptui_to 30 "$f" "$out" explain "$profile" ||
    fail "LANG=zh_CN.UTF-8 ppptui explain $profile exited $?"
  grep -q "$EXPECT_CAUSE_ZH" "$f" || fail "LANG=zh_CN.UTF-8 ppptui explain $profile does not say /$EXPECT_CAUSE_ZH/: $(head -c 300 "$f")"
  grep -q '^  原因' "$f" || fail "LANG=zh_CN.UTF-8 ppptui explain $profile: no '原因' (cause) label: $(head -c 300 "$f")"
}

say "---- $NAME: $DESCRIPTION"
up_facts=
key_line=

if [ "$EXPECT" = custom ]; then
  # The scenario file defines scenario_main; it calls fail for what went wrong, sets DETAIL.
  SCEN_OUT="$SCEN_DIR/$NAME.out"
  : >"$SCEN_OUT"
  scenario_main
  end_leftover_client
else
  dial "$PROFILE" "$DIAL_LIMIT"
fi

case "$EXPECT" in
  custom) ;;
  up|drop)
    if [ "$LINK_STATE" = up ]; then
      [ "${INSPECTED:-}" = "$LINK_IF" ] || inspect_link "$PROFILE" "$LINK_IF"
      [ "$LAB_CLIENT" = ppptui ] && [ "$S_IF" != "$LINK_IF" ] && fail "ppptui connect said $LINK_IF, ppptui status says '$S_IF'"
      up_facts="$LINK_IF $SEEN_LOCAL peer $SEEN_PEER mtu $SEEN_MTU${SEEN_DNS:+ dns $SEEN_DNS}"
      [ -n "$EXPECT_LOCAL" ] && ! matches "$SEEN_LOCAL" "$EXPECT_LOCAL" && fail "local address $SEEN_LOCAL, expected $EXPECT_LOCAL"
      [ -n "$EXPECT_PEER" ] && ! matches "$SEEN_PEER" "$EXPECT_PEER" && fail "peer address $SEEN_PEER, expected $EXPECT_PEER"
      [ -n "$EXPECT_MTU" ] && [ "$SEEN_MTU" != "$EXPECT_MTU" ] && fail "MTU $SEEN_MTU, expected $EXPECT_MTU"
      if [ "$EXPECT_DEFAULT_ROUTE" = yes ] && [ "$SEEN_DEFAULT_DEV" != "$LINK_IF" ]; then
        fail "default route via '${SEEN_DEFAULT_DEV:-none}', expected $LINK_IF"
      fi
      [ -n "$EXPECT_DNS" ] && [ "$SEEN_DNS" != "$EXPECT_DNS" ] && fail "DNS '${SEEN_DNS}' in /etc/ppp/resolv.conf, expected '$EXPECT_DNS'"
      if [ "$LAB_CLIENT" = ppptui ]; then
        # What ppptui reports must be what the kernel and pppd show.
        [ "$CLIENT_EXIT" = 0 ] || fail "ppptui connect exited $CLIENT_EXIT for a link that came up"
        [ "$S_STATE" = Up ] && [ "$S_EXIT" = 0 ] || fail "ppptui status $PROFILE says '$S_STATE' (exit $S_EXIT), expected Up (0)"
        [ "$S_LOCAL" = "$SEEN_LOCAL" ] || fail "ppptui status: local address '$S_LOCAL', ip says '$SEEN_LOCAL'"
        [ "$S_PEER" = "$SEEN_PEER" ] || fail "ppptui status: peer address '$S_PEER', ip says '$SEEN_PEER'"
        [ "$S_MTU" = "$SEEN_MTU" ] || fail "ppptui status: MTU '$S_MTU', ip says '$SEEN_MTU'"
        [ -n "$EXPECT_MTU_NOTE" ] && ! contains "$S_MTU_NOTE" "$EXPECT_MTU_NOTE" &&
          fail "ppptui status: MTU note '$S_MTU_NOTE', expected /$EXPECT_MTU_NOTE/"
        [ "$S_PEER_DNS" = "$(tr ' ' '\n' <<<"$SEEN_DNS" | sort -u | paste -sd ' ')" ] ||
          fail "ppptui status: peer DNS '$S_PEER_DNS', /etc/ppp/resolv.conf has '$SEEN_DNS'"
        [ "$(tr '\0' ' ' <"/proc/$PPPD_PID/cmdline" 2>/dev/null | cut -d' ' -f1)" = /usr/sbin/pppd ] ||
          fail "ppptui status: pid '$PPPD_PID' is not a running pppd"
        # connect returns once the ip-up scripts ran: their marker names the same pppd and interface.
        if marker=$(up_marker "$PPPD_PID" "$LINK_IF"); then
          grep -qx "LINK_IF=$LINK_IF" "$marker" || fail "ip-up ran for $(sed -n 's/^LINK_IF=//p' "$marker"), ppptui says $LINK_IF"
        else
          fail "ppptui connect returned before pppd's ip-up scripts had run (no ip-up marker for pid $PPPD_PID)"
        fi
        # A warning printed at connect must still hold a moment later (no race with ip-up).
        [ "$CONNECT_NOTICES" = "$S_NOTICES" ] ||
          fail "ppptui connect warned '${CONNECT_NOTICES:-nothing}', a second later status warns '${S_NOTICES:-nothing}'"
      fi
      if [ "$EXPECT" = up ]; then
        hangup "$PROFILE" "$HANGUP_LIMIT"
        if [ "$LAB_CLIENT" = ppptui ]; then
          [ "$CLIENT_EXIT" = 0 ] || fail "ppptui disconnect $PROFILE exited $CLIENT_EXIT"
          pid_alive "$PPPD_PID" && fail "pppd (pid $PPPD_PID) still runs after ppptui disconnect"
          check_ppptui_down "$PROFILE" "" down
        else
          [ -z "$EXPECT_EXIT" ] && EXPECT_EXIT=5 # SIGTERM
        fi
      elif ! await_drop "$PROFILE" "$DROP_LIMIT"; then
        fail "the server should have dropped the link within ${DROP_LIMIT}s, it is still up"
        hangup "$PROFILE" "$HANGUP_LIMIT"
      elif [ "$LAB_CLIENT" = ppptui ]; then
        sleep 0.5 # the last syslog lines of the drop
        check_ppptui_down "$PROFILE" "$EXPECT_DIAGNOSIS" dropped
        DIAG_CODE=$S_DIAG_CODE
      fi
    else
      fail "the link did not come up ($LINK_STATE after at most ${DIAL_LIMIT}s, pppd exit status $PPPD_EXIT${DIAG_CODE:+, ppptui: $DIAG_CODE: $DIAG_CAUSE})"
    fi ;;
  down)
    case "$LINK_STATE" in
      up) fail "the link came up ($LINK_IF), it should have failed"; hangup "$PROFILE" "$HANGUP_LIMIT" ;;
      stuck) fail "pppd was still dialing after ${DIAL_LIMIT}s" ;;
    esac
    if [ "$LAB_CLIENT" = ppptui ] && [ "$LINK_STATE" = down ]; then
      [ "$CLIENT_EXIT" = 7 ] || fail "ppptui connect exited $CLIENT_EXIT for a link that failed, expected 7"
      if [ -n "$EXPECT_DIAGNOSIS" ]; then
        matches "$DIAG_CODE" "$EXPECT_DIAGNOSIS" || fail "ppptui connect: diagnosis '${DIAG_CODE:-none}' ($DIAG_CAUSE), expected /$EXPECT_DIAGNOSIS/"
        [ -z "$EXPECT_CAUSE" ] || contains "$DIAG_CAUSE" "$EXPECT_CAUSE" || fail "ppptui connect: cause '$DIAG_CAUSE' does not say /$EXPECT_CAUSE/"
      fi
      check_ppptui_down "$PROFILE" "$EXPECT_DIAGNOSIS" down
    fi ;;
  *) fail "scenario $file: EXPECT must be up, drop, down or custom (found '${EXPECT}')" ;;
esac

# pppd's exit status is known when the client waited for pppd: always with LAB_CLIENT=pppd, and
# with ppptui only for a dial that failed before pppd detached.
if [ -n "$EXPECT_EXIT" ] && [ "$PPPD_EXIT" != detached ] && [ "$EXPECT" != custom ] && ! matches "$PPPD_EXIT" "$EXPECT_EXIT"; then
  fail "pppd exit status $PPPD_EXIT, expected $EXPECT_EXIT"
fi
if [ -n "${LINK_IF:-}" ] && ip link show dev "$LINK_IF" >/dev/null 2>&1 && [ "${LINK_STATE:-}" = down ]; then
  wait_for 5 sh -c "! ip link show dev $LINK_IF" || fail "$LINK_IF is still there after pppd ended"
fi

sleep 0.3 # let the last syslog lines land
log_name=$PROFILE
[ "$EXPECT" = custom ] && log_name=$NAME
tail -c +$((log_from + 1)) "$SYSLOG" >"$SCEN_DIR/$log_name.log"
tail -c +$((server_from + 1)) "$SERVER_LOG" >"$SCEN_DIR/$log_name.server.log"
if [ -n "$EXPECT_LOG" ]; then
  key_line=$(grep -E -m 1 -- "$EXPECT_LOG" "$SCEN_DIR/$log_name.log" | sed 's/^.*\]: //')
  [ -n "$key_line" ] || fail "no client log line matches /$EXPECT_LOG/"
fi
if [ -n "$EXPECT_SERVER_LOG" ] && ! grep -qE -- "$EXPECT_SERVER_LOG" "$SCEN_DIR/$log_name.server.log"; then
  fail "no server log line matches /$EXPECT_SERVER_LOG/"
fi

took=$(seconds_since "$started")
verdict=PASS
[ ${#FAILS[@]} -gt 0 ] && verdict=FAIL
if [ "$EXPECT" = custom ]; then
  detail=$DETAIL
else
  detail="pppd exit $PPPD_EXIT"
  [ -n "$up_facts" ] && detail="up $up_facts; $detail"
  [ "$LAB_CLIENT" = ppptui ] && [ -n "${DIAG_CODE:-}" ] && detail="$detail; ppptui: $DIAG_CODE"
  [ -n "$key_line" ] && detail="$detail; $key_line"
fi
write_result "$verdict" "$took" "$detail"

say "$verdict $NAME (${took}s): $detail"
for n in "${NOTES[@]}"; do say "  note: $n"; done
if [ "$verdict" = FAIL ]; then
  for f in "${FAILS[@]}"; do say "  problem: $f"; done
  say "  client log ($log_name.log):"; sed 's/^/    /' "$SCEN_DIR/$log_name.log" | tail -n 40
  say "  $LAB_CLIENT output ($log_name.out):"; sed 's/^/    /' "$SCEN_DIR/$log_name.out" 2>/dev/null | tail -n 30
  say "  server log ($log_name.server.log):"; sed 's/^/    /' "$SCEN_DIR/$log_name.server.log" | tail -n 30
fi
[ "$verdict" = PASS ]
