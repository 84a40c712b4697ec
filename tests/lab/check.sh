#!/usr/bin/env bash
# The lab's quick checks, run on the host with no guest and no PPP kernel (seconds, no root):
# scenario definitions are complete, every profile has a scenario, the lab only uses
# documentation addresses, the scripts parse, and the modem's AT responder holds a real chat
# dialogue over a pty. lab.sh test runs these first and counts them.
#
#   check.sh           every check, then "N passed, M failed"
#   check.sh --lines   only the PASS/FAIL lines (for lab.sh)
set -uo pipefail
LAB_DIR=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS check-$1"; }
fail() { failed=$((failed + 1)); echo "FAIL check-$1"; }

check_scripts_parse() {
  local f bad=()
  while IFS= read -r f; do
    bash -n "$f" 2>/dev/null || bad+=("${f#"$LAB_DIR"/}")
  done < <(find "$LAB_DIR" -name '*.sh' -o -path '*/guest/helpers/*' ! -name lab-syslogd -type f)
  perl -c "$LAB_DIR/guest/helpers/lab-syslogd" >/dev/null 2>&1 || bad+=(guest/helpers/lab-syslogd)
  if [ ${#bad[@]} -eq 0 ]; then pass "scripts-parse: every lab script passes bash -n / perl -c"
  else fail "scripts-parse: syntax errors in ${bad[*]}"; fi
}

# Each scenario sets EXPECT (up, drop or down), names a profile that exists, and a twin that
# should fail says which pppd exit status proves it.
check_scenarios() {
  local f problems=() out
  for f in "$LAB_DIR"/scenarios/[0-9][0-9]-*.sh; do
    out=$(
      name=$(basename "$f" .sh); name=${name#[0-9][0-9]-}
      PROFILE=$name EXPECT= EXPECT_EXIT= EXPECT_LOG= DESCRIPTION= EXPECT_DIAGNOSIS=
      # shellcheck disable=SC1090
      . "$f" || { echo "does not source"; exit; }
      [ -n "$DESCRIPTION" ] || echo "no DESCRIPTION"
      if [ "$EXPECT" = custom ]; then
        # A scenario of its own: the steps are its scenario_main function.
        declare -F scenario_main >/dev/null || echo "EXPECT=custom needs a scenario_main function"
        exit
      fi
      case "$EXPECT" in up|drop|down) ;; *) echo "EXPECT is '$EXPECT' (up, drop, down or custom)";; esac
      [ -f "$LAB_DIR/client/ppp/peers/$PROFILE" ] || echo "profile '$PROFILE' has no client/ppp/peers file"
      [ -n "$EXPECT_LOG" ] || echo "no EXPECT_LOG (the log line that proves the outcome)"
      [ "$EXPECT" = up ] || [ -n "$EXPECT_EXIT" ] || echo "a scenario that ends down needs EXPECT_EXIT"
      # ppptui must name the cause, not just fail.
      [ "$EXPECT" = up ] || [ -n "$EXPECT_DIAGNOSIS" ] || echo "a scenario that ends down or dropped needs EXPECT_DIAGNOSIS (ppptui's diagnosis code)"
    )
    [ -n "$out" ] && problems+=("$(basename "$f"): ${out//$'\n'/; }")
  done
  if [ ${#problems[@]} -eq 0 ]; then pass "scenarios: every scenario states its outcome, exit status and evidence"
  else fail "scenarios: ${problems[*]}"; fi
}

check_every_profile_tested() {
  local p missing=()
  for p in "$LAB_DIR"/client/ppp/peers/*; do
    grep -qsE "^PROFILE=$(basename "$p")\$" "$LAB_DIR"/scenarios/*.sh && continue
    compgen -G "$LAB_DIR/scenarios/[0-9][0-9]-$(basename "$p").sh" >/dev/null && continue
    missing+=("$(basename "$p")")
  done
  if [ ${#missing[@]} -eq 0 ]; then pass "profiles-tested: every lab profile is dialed by a scenario"
  else fail "profiles-tested: no scenario dials ${missing[*]}"; fi
}

# Only the documentation ranges (RFC 5737) appear in the lab, so nothing can reach a real network.
check_documentation_addresses() {
  local bad
  bad=$(grep -rhoE '(^|[^0-9.])([0-9]{1,3}\.){3}[0-9]{1,3}([^0-9.]|$)' "$LAB_DIR" --include='*' 2>/dev/null |
    grep -oE '([0-9]{1,3}\.){3}[0-9]{1,3}' |
    grep -vE '^(192\.0\.2|198\.51\.100|203\.0\.113)\.[0-9]+$|^0\.0\.0\.0$' | sort -u | tr '\n' ' ')
  if [ -z "$bad" ]; then pass "addresses: only 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 are used"
  else fail "addresses: addresses outside the documentation ranges: $bad"; fi
}

# The responder on a real pty, driven by the lab's own chat script, as pppd would run it.
modem_dialogue() { # ANSWER -> chat's exit status
  local dir answer=$1 status
  dir=$(mktemp -d)
  socat "PTY,link=$dir/tty,raw,echo=0" \
    "EXEC:$LAB_DIR/server/modem-responder.sh --answer $answer --server sleep 5,pty,setsid,ctty,raw,echo=0" 2>/dev/null &
  local socat_pid=$!
  for _ in $(seq 50); do [ -e "$dir/tty" ] && break; sleep 0.1; done
  timeout 30 chat -f "$LAB_DIR/client/chatscripts/modem" <"$dir/tty" >"$dir/tty" 2>/dev/null
  status=$?
  kill "$socat_pid" 2>/dev/null; wait "$socat_pid" 2>/dev/null
  rm -rf "$dir"
  echo "$status"
}

# ATE0 then one command typed at the responder; everything it sent back (CR/LF shown as spaces),
# starting with the echo of ATE0 itself, as a real modem echoes until ATE0 takes effect.
modem_says() { # COMMAND
  local dir reply
  dir=$(mktemp -d)
  socat "PTY,link=$dir/tty,raw,echo=0" \
    "EXEC:$LAB_DIR/server/modem-responder.sh,pty,setsid,ctty,raw,echo=0" 2>/dev/null &
  local socat_pid=$!
  for _ in $(seq 50); do [ -e "$dir/tty" ] && break; sleep 0.1; done
  reply=$(exec 3<>"$dir/tty"; printf 'ATE0\r%s\r' "$1" >&3; timeout 1.5 cat <&3 | tr '\r\n' '  ')
  kill "$socat_pid" 2>/dev/null; wait "$socat_pid" 2>/dev/null
  rm -rf "$dir"
  echo "$reply" | tr -s ' ' | sed 's/^ //; s/ $//'
}

check_modem_responder() {
  if ! command -v socat >/dev/null || ! [ -x /usr/sbin/chat ]; then
    fail "modem-responder: needs socat and chat (apt-get install socat ppp)"; return
  fi
  local got
  got=$(modem_dialogue connect)
  [ "$got" = 0 ] && pass "modem-connect: chat dials through the responder and sees CONNECT" ||
    fail "modem-connect: chat exited $got, expected 0"
  got=$(modem_dialogue busy)
  [ "$got" = 4 ] && pass "modem-busy: chat aborts on BUSY (exit 4)" || fail "modem-busy: chat exited $got, expected 4"
  got=$(modem_dialogue no-carrier)
  [ "$got" = 5 ] && pass "modem-no-carrier: chat aborts on NO CARRIER (exit 5)" ||
    fail "modem-no-carrier: chat exited $got, expected 5"
  got=$(modem_says 'AT+CPIN?')
  [ "$got" = "ATE0 OK +CPIN: READY OK" ] && pass "modem-cpin: AT+CPIN? answers +CPIN: READY, OK" ||
    fail "modem-cpin: AT+CPIN? answered '$got'"
  got=$(modem_says 'AT+CGDCONT=1,IP,internet')
  [ "$got" = "ATE0 OK ERROR" ] && pass "modem-cgdcont-syntax: a malformed AT+CGDCONT gets ERROR" ||
    fail "modem-cgdcont-syntax: answered '$got'"
}

# A fresh clone must hold every lab file: none may match a .gitignore pattern.
check_nothing_ignored() {
  local ignored
  if ! git -C "$LAB_DIR" rev-parse --git-dir >/dev/null 2>&1; then
    pass "nothing-ignored: not a git checkout, every file present is used as it is"; return
  fi
  ignored=$(git -C "$LAB_DIR" ls-files --others --ignored --exclude-standard -- . | tr '\n' ' ')
  if [ -z "$ignored" ]; then pass "nothing-ignored: no lab file is hidden from git by .gitignore"
  else fail "nothing-ignored: .gitignore hides lab files a fresh clone would lack: $ignored"; fi
}

check_scripts_parse
check_nothing_ignored
check_scenarios
check_every_profile_tested
check_documentation_addresses
check_modem_responder

[ "${1:-}" = --lines ] || echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
