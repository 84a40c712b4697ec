#!/bin/bash
# A cellular modem's command interpreter on its serial line (stdin/stdout are the line).
# It answers AT commands the way a real modem does, and on ATD either says CONNECT and hands the
# line to pppd as the network side, or refuses the call with NO CARRIER or BUSY.
#
#   modem-responder.sh [--answer connect|no-carrier|busy] [--sim-pin CODE] [--server CMD...]
#
# --sim-pin makes the SIM locked until AT+CPIN=CODE; like a real modem, a PIN sent to a SIM that is
# already unlocked (or without --sim-pin) is answered +CME ERROR: 3, and a locked SIM refuses
# AT+CGDCONT and ATD with +CME ERROR: 11.
# --server names what runs on the line after CONNECT (default: pppd with the lab's modem server
# options); the host-side check passes a harmless command so the dialogue can be tested without PPP.
set -u
answer=connect
sim_pin=
server=(/usr/sbin/pppd file /etc/ppp/modem-server-options)
while [ $# -gt 0 ]; do
  case "$1" in
    --answer) answer=$2; shift 2 ;;
    --sim-pin) sim_pin=$2; shift 2 ;;
    --server) shift; server=("$@"); break ;;
    *) echo "modem-responder: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$answer" in connect|no-carrier|busy) ;; *) echo "modem-responder: --answer must be connect, no-carrier or busy" >&2; exit 2 ;; esac

echo_on=1
reply() { printf '\r\n%s\r\n' "$@"; }
ok() { reply OK; }
error() { reply ERROR; }

# One command line, already upper-cased outside quotes. Returns after answering; ATD with
# CONNECT does not return (the line now belongs to pppd).
handle() {
  local line=$1 upper
  upper=${line^^}
  case "$upper" in
    AT) ok ;;
    ATZ|ATZ0|AT\&F|AT\&F0) echo_on=1; ok ;;
    ATE0) echo_on=0; ok ;;
    ATE|ATE1) echo_on=1; ok ;;
    ATV1|ATQ0|ATH|ATH0|AT\&D2|AT\&C1|ATS0=0|ATX3|ATM0|ATL0) ok ;;
    ATI|AT+CGMI) reply "Lab Wireless" ; ok ;;
    AT+CGMM) reply "LW-3G lab modem"; ok ;;
    AT+CSQ) reply "+CSQ: 21,99"; ok ;;
    AT+CPIN\?) if [ -n "$sim_pin" ]; then reply "+CPIN: SIM PIN"; else reply "+CPIN: READY"; fi; ok ;;
    AT+CPIN=*)
      if [ -n "$sim_pin" ] && [ "${upper#AT+CPIN=}" = "$sim_pin" ]; then sim_pin=; ok; else reply "+CME ERROR: 3"; fi ;;
    AT+CREG\?) reply "+CREG: 0,1"; ok ;;
    AT+CGDCONT\?) reply "+CGDCONT: 1,\"IP\",\"${apn:-internet}\",\"0.0.0.0\",0,0"; ok ;;
    AT+CGDCONT=[0-9]*|ATD*) if [ -n "$sim_pin" ]; then reply "+CME ERROR: 11"; return; fi ;;&
    AT+CGDCONT=[0-9]*)
      # AT+CGDCONT=<cid>,"<PDP type>","<APN>": the APN keeps its case.
      if [[ $line =~ ^[Aa][Tt]\+[Cc][Gg][Dd][Cc][Oo][Nn][Tt]=[0-9]+,\"(IP|IPV6|IPV4V6|PPP)\",\"([^\"]*)\" ]]; then
        apn=${BASH_REMATCH[2]}; ok
      else
        error
      fi ;;
    ATD*)
      sleep 1 # the network takes a moment to answer a call
      case "$answer" in
        connect)
          reply "CONNECT 115200"
          exec "${server[@]}" ;;
        no-carrier) sleep 1; reply "NO CARRIER" ;;
        busy) reply "BUSY" ;;
      esac ;;
    AT*) error ;;
    *) : ;; # a modem ignores what does not start with AT
  esac
}

line=
while IFS= read -r -n1 -d '' c; do
  [ "$echo_on" = 1 ] && printf '%s' "$c"
  case "$c" in
    $'\r'|$'\n')
      # A command ends at CR (or LF); blank lines are ignored.
      [ -n "$line" ] && handle "$line"
      line= ;;
    *) line+=$c ;;
  esac
done
