#!/bin/bash
# Runs one lab scenario inside the guest: dial, check what the scenario expects, hang up, and leave
# the evidence in the results folder:
#   NAME.log         the client's syslog lines (pppd, pptp, chat): what a user finds in syslog
#   NAME.out         pppd's own output (or ppptui's, with LAB_CLIENT=ppptui)
#   NAME.server.log  the servers' syslog lines for the same time
#   NAME.link        what ip said about the link while it was up
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
DIAL_LIMIT=40
HANGUP_LIMIT=15
DROP_LIMIT=30
EXPECT_LOCAL=
EXPECT_PEER=
EXPECT_MTU=
EXPECT_DEFAULT_ROUTE=
EXPECT_DNS=
EXPECT_EXIT=
EXPECT_LOG=
EXPECT_SERVER_LOG=
# shellcheck disable=SC1090
. "$file"

SCEN_DIR=$LAB_OUT
FAILS=()
fail() { FAILS+=("$*"); }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
matches() { [[ $1 =~ ^($2)$ ]]; } # VALUE REGEX, whole value

started=$(stamp)
log_from=$(size "$SYSLOG")
server_from=$(size "$SERVER_LOG")
end_leftover_client

say "---- $NAME: $DESCRIPTION"
dial "$PROFILE" "$DIAL_LIMIT"
up_facts=

case "$EXPECT" in
  up|drop)
    if [ "$LINK_STATE" = up ]; then
      inspect_link "$PROFILE" "$LINK_IF"
      up_facts="$LINK_IF $SEEN_LOCAL peer $SEEN_PEER mtu $SEEN_MTU${SEEN_DNS:+ dns $SEEN_DNS}"
      [ -n "$EXPECT_LOCAL" ] && ! matches "$SEEN_LOCAL" "$EXPECT_LOCAL" && fail "local address $SEEN_LOCAL, expected $EXPECT_LOCAL"
      [ -n "$EXPECT_PEER" ] && ! matches "$SEEN_PEER" "$EXPECT_PEER" && fail "peer address $SEEN_PEER, expected $EXPECT_PEER"
      [ -n "$EXPECT_MTU" ] && [ "$SEEN_MTU" != "$EXPECT_MTU" ] && fail "MTU $SEEN_MTU, expected $EXPECT_MTU"
      if [ "$EXPECT_DEFAULT_ROUTE" = yes ] && [ "$SEEN_DEFAULT_DEV" != "$LINK_IF" ]; then
        fail "default route via '${SEEN_DEFAULT_DEV:-none}', expected $LINK_IF"
      fi
      [ -n "$EXPECT_DNS" ] && [ "$SEEN_DNS" != "$EXPECT_DNS" ] && fail "DNS '${SEEN_DNS}' in /etc/ppp/resolv.conf, expected '$EXPECT_DNS'"
      if [ "$EXPECT" = up ]; then
        hangup "$PROFILE" "$HANGUP_LIMIT"
        [ -z "$EXPECT_EXIT" ] && EXPECT_EXIT=5 # SIGTERM
      elif ! await_drop "$PROFILE" "$DROP_LIMIT"; then
        fail "the server should have dropped the link within ${DROP_LIMIT}s, it is still up"
        hangup "$PROFILE" "$HANGUP_LIMIT"
      fi
    else
      fail "the link did not come up ($LINK_STATE after at most ${DIAL_LIMIT}s, pppd exit status $PPPD_EXIT)"
    fi ;;
  down)
    case "$LINK_STATE" in
      up) fail "the link came up ($LINK_IF), it should have failed"; hangup "$PROFILE" "$HANGUP_LIMIT" ;;
      stuck) fail "pppd was still dialing after ${DIAL_LIMIT}s" ;;
    esac
    if [ "$LAB_CLIENT" = ppptui ] && [ "${CLIENT_EXIT:-0}" = 0 ]; then
      fail "ppptui connect exited 0 for a link that failed"
    fi ;;
  *) fail "scenario $file: EXPECT must be up, drop or down (found '${EXPECT}')" ;;
esac

if [ -n "$EXPECT_EXIT" ] && ! matches "$PPPD_EXIT" "$EXPECT_EXIT"; then
  fail "pppd exit status $PPPD_EXIT, expected $EXPECT_EXIT"
fi
if [ -n "$LINK_IF" ] && ip link show dev "$LINK_IF" >/dev/null 2>&1 && [ "$LINK_STATE" = down ]; then
  wait_for 5 sh -c "! ip link show dev $LINK_IF" || fail "$LINK_IF is still there after pppd ended"
fi

sleep 0.3 # let the last syslog lines land
tail -c +$((log_from + 1)) "$SYSLOG" >"$SCEN_DIR/$PROFILE.log"
tail -c +$((server_from + 1)) "$SERVER_LOG" >"$SCEN_DIR/$PROFILE.server.log"
key_line=
if [ -n "$EXPECT_LOG" ]; then
  key_line=$(grep -E -m 1 -- "$EXPECT_LOG" "$SCEN_DIR/$PROFILE.log" | sed 's/^.*\]: //')
  [ -n "$key_line" ] || fail "no client log line matches /$EXPECT_LOG/"
fi
if [ -n "$EXPECT_SERVER_LOG" ] && ! grep -qE -- "$EXPECT_SERVER_LOG" "$SCEN_DIR/$PROFILE.server.log"; then
  fail "no server log line matches /$EXPECT_SERVER_LOG/"
fi

took=$(seconds_since "$started")
verdict=PASS
[ ${#FAILS[@]} -gt 0 ] && verdict=FAIL
detail="pppd exit $PPPD_EXIT"
[ -n "$up_facts" ] && detail="up $up_facts; $detail"
[ -n "$key_line" ] && detail="$detail; $key_line"
{
  echo "NAME=$NAME"
  echo "PROFILE=$PROFILE"
  echo "VERDICT=$verdict"
  echo "SECONDS=$took"
  echo "CLIENT=$LAB_CLIENT"
  echo "PPPD_EXIT=$PPPD_EXIT"
  echo "LINK=$up_facts"
  echo "KEY_LINE=$key_line"
  for f in "${FAILS[@]}"; do echo "PROBLEM=$f"; done
} >"$SCEN_DIR/$NAME.result"
printf '%s\t%s\t%s\t%s\t%s\n' "$NAME" "$verdict" "$took" "$PPPD_EXIT" "$detail" >>"$LAB_OUT/results.tsv"

say "$verdict $NAME (${took}s): $detail"
if [ "$verdict" = FAIL ]; then
  for f in "${FAILS[@]}"; do say "  problem: $f"; done
  say "  client log ($PROFILE.log):"; sed 's/^/    /' "$SCEN_DIR/$PROFILE.log" | tail -n 40
  say "  $LAB_CLIENT output ($PROFILE.out):"; sed 's/^/    /' "$SCEN_DIR/$PROFILE.out" 2>/dev/null | tail -n 20
  say "  server log ($PROFILE.server.log):"; sed 's/^/    /' "$SCEN_DIR/$PROFILE.server.log" | tail -n 30
fi
[ "$verdict" = PASS ]
