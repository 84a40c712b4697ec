#!/bin/bash
# The lab for a person: every server is up; ppptui (or, with LAB_UI=shell, a shell with ppptui on
# PATH) runs on the console, which is the user's own terminal. Leaving it powers the guest off.
set -u
# shellcheck source=lib.sh
. "$LAB_DIR/guest/lib.sh"

console=/dev/console
[ -c /dev/tty0 ] && console=/dev/tty0
export TERM=${LAB_TERM:-xterm}
stty -F "$console" rows "${LAB_ROWS:-24}" cols "${LAB_COLS:-80}" sane 2>/dev/null

# Ready-made profiles: the lab's peers files (the host's own stay in /etc/ppp/peers too), imported
# into ppptui when this build of ppptui can import (the peers files work with pppd either way).
profiles=$(cd "$LAB_DIR/client/ppp/peers" && ls)
if /run/lab/bin/ppptui import --help >/dev/null 2>&1; then
  for p in $profiles; do
    /run/lab/bin/ppptui import "$p" >>"$LAB_RUN/logs/import.out" 2>&1 || true
  done
fi

describe() { # NAME -> the peers file's first comment, or what it is
  local first; first=$(sed -n '1s/^# *//p' "/etc/ppp/peers/$1")
  [ -n "$first" ] || first="PPTP office VPN: the field report's own profile, as it was written"
  echo "$first"
}

banner() {
  echo
  echo "  ppptui PPP lab: a real kernel with PPP (user-mode Linux), real servers, documentation addresses."
  echo
  echo "  Profiles in /etc/ppp/peers (the servers behind them are up):"
  local p
  for p in $profiles; do printf '    %-20s %s\n' "$p" "$(describe "$p")"; done
  echo
  echo "  Try:  pon myvpn; sleep 5; ip addr show ppp0; plog; poff myvpn"
  echo "        ppptui --help             (the ppptui CLI is on PATH)"
  echo "        pppd call modem-busy nodetach   (see a broken twin fail)"
  echo "  Logs: /var/log/syslog (client side), $SERVER_LOG (servers)."
  echo "  Leave with 'exit' (or Ctrl-D): the guest powers off and the host is left as it was."
  echo
}

# Debian's plog reads /var/log/syslog; the lab's syslog receiver writes elsewhere, so link it.
ln -sf "$SYSLOG" /var/log/syslog

if [ "${LAB_UI:-shell}" = tui ]; then
  setsid -w -c /run/lab/bin/ppptui <"$console" >"$console" 2>&1
else
  rc=$LAB_RUN/shellrc
  {
    echo "PS1='lab# '"
    echo "cd /root 2>/dev/null"
    declare -f banner describe
    echo "profiles='$profiles' SERVER_LOG='$SERVER_LOG'"
    echo "banner"
  } >"$rc"
  setsid -w -c bash --rcfile "$rc" -i <"$console" >"$console" 2>&1
fi
