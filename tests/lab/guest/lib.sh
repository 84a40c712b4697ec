# Shared by everything that runs inside the lab guest: its init, the scenario runner and the
# interactive shell. Sourced, never run. Needs LAB_DIR (the repository's tests/lab folder).
# shellcheck shell=bash

LAB_RUN=/run/lab              # the guest's own state, on tmpfs
LAB_OUT=$LAB_RUN/out          # bind mount of the host's results folder for this run
LAB_CLIENT=${LAB_CLIENT:-ppptui}
SYSLOG=$LAB_RUN/logs/syslog   # the client side's syslog, in /var/log/syslog format
SERVER_LOG=$LAB_RUN/logs/server.log

say() { printf 'lab: %s\n' "$*"; }

# Seconds since boot with two decimals, for timings.
stamp() { local t=${EPOCHREALTIME/[,.]/}; echo "$t"; }
seconds_since() { # START(from stamp)
  local now; now=$(stamp)
  local d=$(( (now - $1) / 10000 ))
  printf '%d.%02d' $((d / 100)) $((d % 100))
}

# --- kernel modules ---------------------------------------------------------------------------

# The UML kernel's module folder, found at run time (its name is the kernel version).
module_dir() {
  local base=/usr/lib/uml/modules
  if [ -d "$base/$(uname -r)" ]; then echo "$base/$(uname -r)"; return; fi
  local only; only=$(find "$base" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [ -n "$only" ] && echo "$only"
}

# Loads NAME and what it depends on, in dependency order, as modules.dep lists them.
load_module() {
  local name=$1 dir entry path deps dep i
  dir=$(module_dir) || return 1
  [ -d "/sys/module/${name//-/_}" ] && return 0
  entry=$(grep -E "(^|/)${name}\.ko(\.[a-z]+)?:" "$dir/modules.dep" | head -n 1)
  if [ -z "$entry" ]; then
    grep -qE "(^|/)${name}\.ko" "$dir/modules.builtin" 2>/dev/null && return 0
    say "module $name: not in $dir/modules.dep"; return 1
  fi
  path=${entry%%:*}
  read -r -a deps <<<"${entry#*:}"
  # modules.dep lists a module's dependencies with the ones loaded last first.
  for ((i = ${#deps[@]} - 1; i >= 0; i--)); do
    dep=$(basename "${deps[i]}"); dep=${dep%%.ko*}
    load_module "$dep" || return 1
  done
  [ -d "/sys/module/${name//-/_}" ] || insmod "$dir/$path" || { say "module $name: insmod failed"; return 1; }
}

# --- servers ----------------------------------------------------------------------------------

in_server_view() { /run/lab/bin/in-server-view "$@"; }

# Waits up to LIMIT seconds for a command to succeed.
wait_for() { # LIMIT COMMAND...
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

veth_to_netns() { # NETNS HOST_IF [HOST_ADDR/LEN]
  ip netns add "$1"
  ip -n "$1" link set lo up
  ip link add "$2" type veth peer name eth0 netns "$1"
  [ -n "${3:-}" ] && ip addr add "$3" dev "$2"
  ip link set "$2" up
  ip -n "$1" link set eth0 up
}

listening_on() { ip netns exec "$1" ss -Hltn "sport = :1723" | grep -qF "$2:1723"; }

start_bg() { # LOGNAME COMMAND... : runs a server in the background, its output to logs/LOGNAME.out
  local log=$1; shift
  "$@" >>"$LAB_RUN/logs/$log.out" 2>&1 </dev/null &
  echo "$!" >>"$LAB_RUN/server.pids"
}

# The modems' ptys appear under /dev like a real modem's (ppptui only takes devices under /dev):
# the guest's /dev is its own devtmpfs (init.sh makes sure), so nothing reaches the host.
modem_dir() { echo /dev; }

# A modem on a pty: the client opens $(modem_dir)/DEVNAME; the responder (in netns cell) answers.
# socat ends when a call ends, so a loop puts the modem back on the line for the next call.
modem_line() { # DEVNAME ANSWER
  local dev=$1 answer=$2 dir; dir=$(modem_dir)
  while :; do
    socat "PTY,link=$dir/$dev,raw,echo=0" \
      "EXEC:ip netns exec cell /run/lab/bin/in-server-view $LAB_DIR/server/modem-responder.sh --answer $answer,pty,setsid,ctty,raw,echo=0"
    sleep 0.3
  done
}

start_pptpd() { # ok|nomppe|drop
  start_bg "pptpd-$1" ip netns exec office /run/lab/bin/in-server-view \
    pptpd -f -c "$LAB_DIR/server/pptpd-$1.conf" -p "$LAB_RUN/pptpd-$1.pid"
}

# The L2TP server: xl2tpd as LNS on 192.0.2.1 (netns office), its own pid and control file.
start_lns() {
  start_bg xl2tpd-lns ip netns exec office /run/lab/bin/in-server-view \
    xl2tpd -D -c "$LAB_DIR/server/xl2tpd-lns.conf" -p "$LAB_RUN/xl2tpd-lns.pid" -C "$LAB_RUN/xl2tpd-lns.control"
}

# The LNS's tunnels to the client as the kernel holds them, one line each: with kernel-mode L2TP
# xl2tpd gives every tunnel a UDP socket of its own, bound to 192.0.2.1:1701 and connected to the
# peer's address and port (`ss` shows it ESTAB; the listening socket has no peer).
lns_tunnels_to_client() { ip netns exec office ss -Huanp 'sport = :1701' 2>&1 | grep -F '192.0.2.2:1701'; }

# An L2TP dial meets an LNS with no tunnel left from an earlier scenario. One is left when the LNS
# drops the client xl2tpd's StopCCN as out of order (after l2tp-badpass, whose CDNs cross), and it
# lives until its Hello goes unanswered, about 90 s. Over ESP the LNS's kernel then hands the next
# tunnel's data, which comes from the same 192.0.2.2:1701, to that older socket: xl2tpd drops it
# ("write_packet: tty is not open yet") and LCP goes unanswered both ways (tests/lab/README.md).
# The stale tunnel is kept in NAME.lns-stale and the LNS started afresh, as a server restart.
lns_without_stale_tunnel() { # NAME
  local stale pid
  stale=$(lns_tunnels_to_client) || return 0
  printf '%s\n' "$stale" >"$SCEN_DIR/$1.lns-stale"
  say "the LNS still holds a tunnel to 192.0.2.2:1701 from an earlier scenario: restarting it ($(printf '%s' "$stale" | tr -s ' \n' ' '))"
  pid=$(cat "$LAB_RUN/xl2tpd-lns.pid" 2>/dev/null) && kill -TERM "$pid" 2>/dev/null && wait_gone "$pid" 10
  start_lns
  wait_for 10 sh -c "ip netns exec office ss -Huan 'sport = :1701' | grep -qF 192.0.2.1:1701" ||
    { fail "the LNS did not listen on 192.0.2.1:1701 again after its restart"; return 1; }
  lns_tunnels_to_client >/dev/null && { fail "the LNS still holds a tunnel to the client after its restart"; return 1; }
  return 0
}

# The client's xl2tpd (the LAC), started again as an admin would after ppptui changed its
# configuration (xl2tpd reads it only when it starts). It daemonizes and logs to syslog.
restart_client_xl2tpd() {
  local pid
  pid=$(cat /run/xl2tpd-client.pid 2>/dev/null) && kill -TERM "$pid" 2>/dev/null && wait_gone "$pid" 10
  mkdir -p /var/run/xl2tpd
  xl2tpd -c /etc/xl2tpd/xl2tpd.conf -p /run/xl2tpd-client.pid -C /var/run/xl2tpd/l2tp-control || return 1
  wait_for 5 test -p /var/run/xl2tpd/l2tp-control
}

stop_client_xl2tpd() {
  local pid
  pid=$(cat /run/xl2tpd-client.pid 2>/dev/null) && kill -TERM "$pid" 2>/dev/null && wait_gone "$pid" 10
  return 0
}

# One L2TP scenario: a profile made with ppptui new (password, and with PSK the IPsec key, from
# stdin), xl2tpd restarted, then connect. Leaves PT_EXIT and the connect JSON in
# $SCEN_DIR/NAME.connect.json.
l2tp_new_and_connect() { # NAME SERVER PASSWORD WAIT [PSK]   (L2TP_NEW_EXTRA: more `new` arguments, without a PSK)
  if [ -n "${5:-}" ]; then
    pt_in "$(printf '%s\n%s' "$3" "$5")" new "$1" --kind l2tp --server "$2" --user alice --ipsec psk \
      --password-stdin --psk-stdin
  else
    pt_in "$3" new "$1" --kind l2tp --server "$2" --user alice --password-stdin ${L2TP_NEW_EXTRA[@]+"${L2TP_NEW_EXTRA[@]}"}
  fi || { fail "ppptui new $1 exited $PT_EXIT: $PT_ERR"; return 1; }
  cp /etc/xl2tpd/xl2tpd.conf "$SCEN_DIR/$1.xl2tpd.conf"; cp "/etc/ppp/peers/$1" "$SCEN_DIR/$1.peers"
  [ "$2" = 192.0.2.1 ] && { lns_without_stale_tunnel "$1" || return 1; }
  restart_client_xl2tpd || { fail "the client's xl2tpd did not start"; return 1; }
  pt connect "$1" --wait "$4" --json
  printf '%s\n' "$PT_OUT" >"$SCEN_DIR/$1.connect.json"
  return 0
}

# --- IPsec (L2TP/IPsec scenarios) ------------------------------------------------------------
# The guest kernel has no module loader of its own (modprobe looks in /lib/modules, where the UML
# modules are not): xfrm, ESP and the algorithms both ends propose are loaded up front. drbg is
# the kernel's "stdrng", and its preferred instance hashes with sha512: without both, ESP with a
# CBC cipher cannot make its IVs (echainiv) and every SA is refused ("Kernel was unable to
# initialize cryptographic operations"; dmesg: "DRBG: could not allocate digest TFM handle").
IPSEC_MODULES="xfrm_user af_key esp4 authenc cbc hmac echainiv seqiv sha512_generic drbg"
load_ipsec_modules() {
  local m ok=0
  for m in $IPSEC_MODULES; do load_module "$m" || ok=1; done
  return $ok
}

# What the guest kernel offers IPsec, into FILE: the modules, the crypto it registered, and
# whether it takes an ESP transport SA of the algorithms the lab's peers propose (in a netns of
# its own, gone afterwards). The evidence when charon says "unable to add SAD entry".
xfrm_kernel_probe() { # FILE
  local hex32=0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
  local hex16=0x00112233445566778899aabbccddeeff hex20=0x00112233445566778899aabbccddeeff00112233
  {
    local m; for m in $IPSEC_MODULES; do [ -d "/sys/module/$m" ] && echo "module $m: loaded" || echo "module $m: NOT loaded"; done
    echo "# /proc/crypto (name driver)"
    awk '/^name/ { n = $3 } /^driver/ { print n, $3 }' /proc/crypto | sort -u | tr '\n' ' '; echo
    ip netns add xfrmprobe
    try() { echo "\$ ip xfrm state add ... $*"; ip -n xfrmprobe xfrm state add src 192.0.2.2 dst 192.0.2.1 proto esp spi 0x$((RANDOM + 256)) mode transport "$@"; echo "exit $?"; }
    try enc 'cbc(aes)' "$hex32" auth-trunc 'hmac(sha256)' "$hex32" 128
    try enc 'cbc(aes)' "$hex16" auth-trunc 'hmac(sha1)' "$hex20" 96
    try aead 'rfc4106(gcm(aes))' "$hex20" 128
    try enc 'ecb(cipher_null)' '' auth-trunc 'hmac(sha1)' "$hex20" 96
    ip -n xfrmprobe xfrm state
    ip netns del xfrmprobe
    echo "# /proc/crypto, the algorithms ESP with AES-CBC needs"
    awk -v RS= '/name *: (cbc|hmac|authenc|echainiv|seqiv|stdrng)/' /proc/crypto | grep -E '^(name|driver|module|selftest|type|internal)'
    echo "# kernel messages"
    dmesg 2>&1 | grep -iE 'alg|crypto|xfrm|esp|drbg|jitter' | tail -n 40
  } >"$1" 2>&1
}

# The responder: charon in netns office with server/swanctl-responder.conf (IKEv1, PSK,
# transport mode for UDP 1701), its own /run (server/ipsec-responder.sh).
start_ipsec_responder() {
  local log=$LAB_RUN/logs/ipsec-responder.out
  load_ipsec_modules || return 1
  : >"$log"
  ip netns exec office /run/lab/bin/in-server-view "$LAB_DIR/server/ipsec-responder.sh" "$LAB_DIR" >>"$log" 2>&1 </dev/null &
  IPSEC_RESPONDER_PID=$!
  echo "$IPSEC_RESPONDER_PID" >>"$LAB_RUN/server.pids"
  wait_for 20 grep -q 'ipsec-responder: ready' "$log"
}

stop_ipsec_responder() {
  [ -n "${IPSEC_RESPONDER_PID:-}" ] || return 0
  kill -TERM "$IPSEC_RESPONDER_PID" 2>/dev/null && wait_gone "$IPSEC_RESPONDER_PID" 10
  IPSEC_RESPONDER_PID=
  return 0
}

# The client's charon, as the strongswan service would run it: ppptui talks to it through swanctl.
start_client_charon() { # OUTFILE
  mkdir -p /var/run
  /usr/lib/ipsec/charon >"$1" 2>&1 </dev/null &
  CLIENT_CHARON_PID=$!
  wait_for 15 test -S /var/run/charon.vici
}

stop_client_charon() {
  [ -n "${CLIENT_CHARON_PID:-}" ] || return 0
  kill -TERM "$CLIENT_CHARON_PID" 2>/dev/null && wait_gone "$CLIENT_CHARON_PID" 10
  CLIENT_CHARON_PID=
  return 0
}

# The ESP security associations between the client (192.0.2.2) and the LNS (192.0.2.1), as
# `ip -s xfrm state` shows them: one "src A dst B ... mode transport" block per direction.
esp_states() { ip -s xfrm state 2>&1; }
has_esp_sa() { # XFRM_TEXT SRC DST
  printf '%s\n' "$1" | awk -v s="$2" -v d="$3" '
    /^src / { cur = ($2 == s && $4 == d); esp = 0 }
    cur && /proto esp/ { esp = 1 }
    cur && esp && /mode transport/ { found = 1 }
    END { exit !found }'
}

# While NAME is up: an ESP transport SA each way between client and LNS, in NAME.xfrm-up (with
# `ip xfrm policy` in NAME.xfrm-policy-up). Sets SA_LINE, the outbound SA's "proto esp" line.
esp_sas_up() { # NAME
  local states
  states=$(esp_states); printf '%s\n' "$states" >"$SCEN_DIR/$1.xfrm-up"
  ip xfrm policy >"$SCEN_DIR/$1.xfrm-policy-up" 2>&1
  has_esp_sa "$states" 192.0.2.2 192.0.2.1 || fail "$1: no outbound ESP transport SA 192.0.2.2 -> 192.0.2.1 in ip xfrm state while up"
  has_esp_sa "$states" 192.0.2.1 192.0.2.2 || fail "$1: no inbound ESP transport SA 192.0.2.1 -> 192.0.2.2 in ip xfrm state while up"
  SA_LINE=$(grep -m1 -o 'proto esp spi [^ ]* reqid [^ ]* mode transport' "$SCEN_DIR/$1.xfrm-up")
}

# After NAME's disconnect: no ESP SA left between client and LNS (NAME.xfrm-down).
esp_sas_gone() { # NAME
  local states
  wait_for 10 sh -c "! ip xfrm state | grep -q 'proto esp'"
  states=$(esp_states); printf '%s\n' "$states" >"$SCEN_DIR/$1.xfrm-down"
  has_esp_sa "$states" 192.0.2.2 192.0.2.1 && fail "$1: the ESP SA 192.0.2.2 -> 192.0.2.1 is still there after ppptui disconnect"
  has_esp_sa "$states" 192.0.2.1 192.0.2.2 && fail "$1: the ESP SA 192.0.2.1 -> 192.0.2.2 is still there after ppptui disconnect"
  return 0
}

# After l2tp_new_and_connect: connect said Up (exit 0), status agrees, ip shows the address and
# MTU ppptui reports: 198.51.100.2x peer 198.51.100.1 from the LNS, mtu 1403 (the L2TP default).
# Leaves the S_* facts; returns 1 (after a fail) when the link did not come up.
l2tp_is_up() { # NAME
  local f=$SCEN_DIR/$1.connect.json
  if [ "$PT_EXIT" != 0 ] || [ "$(json "$f" .state)" != Up ]; then
    fail "ppptui connect $1: exit $PT_EXIT, state '$(json "$f" .state)', expected 0 and Up ($(json "$f" .reason); $(json "$f" .diagnosis.code))"
    return 1
  fi
  read_status "$1" up
  [ "$S_STATE" = Up ] || fail "ppptui status $1 says '$S_STATE' right after connect"
  link_matches_ip "$1" "$S_IF" "$S_LOCAL" "$S_PEER" "$S_MTU"
  [[ $S_LOCAL =~ ^198\.51\.100\.2[0-9]$ ]] && [ "$S_PEER" = 198.51.100.1 ] ||
    fail "$1 got $S_LOCAL peer $S_PEER, expected 198.51.100.2x peer 198.51.100.1"
  # 1500 - 20 IPv4 - 57 ESP at worst - 8 UDP - 8 L2TP - 4 PPP: fits with or without IPsec.
  [ "$S_MTU" = 1403 ] || fail "$1 came up with mtu $S_MTU, expected the L2TP default 1403"
  return 0
}

start_pppoe_server() {
  start_bg pppoe-server ip netns exec isp /run/lab/bin/in-server-view \
    pppoe-server -F -I eth0 -C isp-lab -L 203.0.113.1 -R 203.0.113.10 -N 4 -O /etc/ppp/pppoe-server-options
}

# PID and every process below it, deepest first.
process_tree() { # PID
  local child
  for child in $(pgrep -P "$1"); do process_tree "$child"; done
  echo "$1"
}

# Brings every lab server up. Documentation addresses only, all inside network namespaces.
servers_up() {
  local ok=0
  mkdir -p "$LAB_RUN/dev"
  # The office: one segment, four addresses. .1 the VPN, .3 refuses MPPE, .4 drops the link,
  # .5 answers but has nothing on TCP 1723.
  veth_to_netns office office0 192.0.2.2/24
  local a; for a in 1 3 4 5; do ip -n office addr add "192.0.2.$a/24" dev eth0; done
  local n; for n in ok nomppe drop; do start_pptpd "$n"; done
  start_lns
  # PPPoE: one segment with an access concentrator, one without.
  veth_to_netns isp lan0
  veth_to_netns noac lan1
  start_pppoe_server
  # Modems and the pppd pair: the network side lives in its own namespace, so the client's
  # routing table only ever holds the client's links.
  ip netns add cell
  ip netns add peer
  start_bg modem modem_line ttyMODEM connect
  start_bg modem-nocarrier modem_line ttyMODEM-NOCARRIER no-carrier
  start_bg modem-busy modem_line ttyMODEM-BUSY busy
  # A modem whose SIM is locked until AT+CPIN=4711 (scenario 32-modem-pin-locked).
  start_bg modem-locked modem_line ttyMODEM-LOCKED "connect --sim-pin 4711"

  local t0; t0=$(stamp)
  wait_for 10 listening_on office 192.0.2.1 || { say "pptpd (ok) is not listening on 192.0.2.1:1723"; ok=1; }
  wait_for 10 listening_on office 192.0.2.3 || { say "pptpd (nomppe) is not listening on 192.0.2.3:1723"; ok=1; }
  wait_for 10 listening_on office 192.0.2.4 || { say "pptpd (drop) is not listening on 192.0.2.4:1723"; ok=1; }
  for n in ttyMODEM ttyMODEM-NOCARRIER ttyMODEM-BUSY ttyMODEM-LOCKED; do
    wait_for 10 test -e "$(modem_dir)/$n" || { say "modem $n did not appear"; ok=1; }
  done
  wait_for 5 pgrep -x pppoe-server || { say "pppoe-server is not running"; ok=1; }
  say "servers up (waited $(seconds_since "$t0")s for them to listen)"
  return $ok
}

# --- the client: dial, look, hang up -----------------------------------------------------------
# Both clients leave the same facts behind: LINK_STATE (up, down, stuck), PPPD_PID, PPPD_EXIT
# (pppd's own exit status once it ended, "detached" when pppd lived on without the client, or
# "unknown"), and LINK_IF/LINK_LOCAL/LINK_REMOTE when up.
# LAB_CLIENT=pppd runs pppd directly; LAB_CLIENT=ppptui goes through the ppptui CLI verbs, and
# also leaves what ppptui itself said: CLIENT_EXIT, DIAG_CODE/DIAG_CAUSE (connect's diagnosis),
# and the S_* facts of `ppptui status NAME --json` (read_status).

PPPTUI=/run/lab/bin/ppptui

reset_link_facts() {
  LINK_STATE=; PPPD_PID=; PPPD_EXIT=unknown; LINK_IF=; LINK_LOCAL=; LINK_REMOTE=; CLIENT_EXIT=; INSPECTED=
  DIAG_CODE=; DIAG_CAUSE=; CONNECT_STATE=; CONNECT_NOTICES=
  rm -f "$LAB_RUN"/up/* "$LAB_RUN"/down.* /etc/ppp/resolv.conf
}

# The ip-up hook (client/ppp/ip-up.d/zz-ppptui-lab) leaves one file per link that came up.
# The hook names the marker after the script's PPPD_PID. pppd 2.5 gives its scripts the pid it had
# before it detached (2.5.2 here: ip-up saw 1200, the pppd that lives on is 1222; 2.4.9 gives the
# one that lives on), so with IFACE the marker of the link on that interface counts too.
up_marker() { # [PID [IFACE]]
  local f
  if [ -n "${1:-}" ]; then
    [ -f "$LAB_RUN/up/$1" ] && { echo "$LAB_RUN/up/$1"; return 0; }
    [ -n "${2:-}" ] || return 1
    for f in "$LAB_RUN"/up/*; do
      [[ $f != *.tmp ]] && [ -f "$f" ] && grep -qx "LINK_IF=$2" "$f" && { echo "$f"; return 0; }
    done
    return 1
  fi
  # A marker being written is NAME.tmp until it is complete (renamed into place).
  for f in "$LAB_RUN"/up/*; do [[ $f != *.tmp ]] && [ -f "$f" ] && { echo "$f"; return; }; done
  return 1
}

pid_alive() { kill -0 "$1" 2>/dev/null; }

# Stops a program the scenario started in the background: SIGTERM (a background job of a script
# ignores SIGINT), SIGKILL after 5 s.
# Takes Debian's usepeerdns hooks out of /etc/ppp/ip-{up,down}.d into DIR (a distribution without
# them: pppd writes /etc/ppp/resolv.conf and nothing more) and starts from a plain resolv.conf.
hide_usepeerdns_hooks() { # DIR
  local d
  mkdir -p "$1"
  for d in ip-up.d ip-down.d; do
    [ -e "/etc/ppp/$d/0000usepeerdns" ] && mkdir -p "$1/$d" && mv "/etc/ppp/$d/0000usepeerdns" "$1/$d/"
  done
  printf 'search lab.example\nnameserver 192.0.2.53\n' >/etc/resolv.conf
}

# Puts back what hide_usepeerdns_hooks took out.
restore_usepeerdns_hooks() { # DIR
  local d
  for d in ip-up.d ip-down.d; do
    [ -e "$1/$d/0000usepeerdns" ] && mv "$1/$d/0000usepeerdns" "/etc/ppp/$d/"
  done
  return 0
}

stop_bg() { # PID
  kill -TERM "$1" 2>/dev/null
  wait_gone "$1" 5 || kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  return 0
}

# Waits up to LIMIT seconds for PID to end; returns 1 if it is still there.
wait_gone() { # PID LIMIT
  local deadline=$(( $(date +%s) + $2 ))
  while pid_alive "$1"; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# One value out of a JSON file (jq filter), or nothing.
json() { jq -r "$2 // empty" "$1" 2>/dev/null; }

# ppptui with a time limit, stdin from nowhere: stdout to OUT, stderr appended to ERR, and a
# line saying what ran, its exit status and how long it took appended to ERR too.
ppptui_to() { # LIMIT OUT ERR ARGS...
  local limit=$1 out=$2 err=$3 t0 status; shift 3
  t0=$(stamp)
  timeout -k 5 "$limit" "$PPPTUI" "$@" >"$out" 2>>"$err" </dev/null
  status=$?
  echo "# ppptui $*: exit $status after $(seconds_since "$t0")s" >>"$err"
  return $status
}

# `ppptui status NAME --json` into NAME.status-TAG.json, and its facts: S_EXIT, S_STATE, S_IF,
# S_PID, S_LOCAL, S_PEER, S_MTU, S_MTU_NOTE, S_PEER_DNS (distinct, space separated), S_REASON,
# S_DIAG_CODE, S_DIAG_CAUSE, S_NOTICES (codes).
read_status() { # NAME TAG
  local f="$SCEN_DIR/$1.status-$2.json"
  ppptui_to 30 "$f" "${SCEN_OUT:-$SCEN_DIR/$1.out}" status "$1" --json
  S_EXIT=$?
  # One jq for every field (a process costs in the guest); \x1f keeps empty fields apart.
  IFS=$'\x1f' read -r S_STATE S_IF S_PID S_LOCAL S_PEER S_MTU S_MTU_NOTE S_REASON S_DIAG_CODE S_DIAG_CAUSE S_PEER_DNS S_NOTICES \
    < <(jq -r '[.state, .interface, .pid, .localAddress, .peerAddress, .mtu, .mtuNote, .reason, .diagnosis.code,
          .diagnosis.cause, ([.peerDns[]?] | unique | join(" ")), ([.notices[]?.code] | join(" "))]
          | map(if . == null then "" else tostring end) | join("\u001f")' "$f" 2>/dev/null || echo)
  if [ "$S_STATE" = Up ]; then same_from_ip "$1" "$2"; fi
  return 0
}

# ppptui reads interfaces, addresses and routes from rtnetlink; with PPPTUI_RTNETLINK=0 it runs
# `ip -j` as before. Both must tell the same link: interface, both ends, MTU, its routes (IPv4
# and IPv6), the default route's owner and the IPv6 addresses. Kept as NAME.status-TAG.ip.json.
same_from_ip() { # NAME TAG
  local f="$SCEN_DIR/$1.status-$2.json" g="$SCEN_DIR/$1.status-$2.ip.json" pick a b
  PPPTUI_RTNETLINK=0 ppptui_to 30 "$g" "${SCEN_OUT:-$SCEN_DIR/$1.out}" status "$1" --json
  pick='{state, interface, localAddress, peerAddress, mtu, routes, ownsDefaultRoute, defaultRouteDevice, ipv6}'
  a=$(jq -cS "$pick" "$f" 2>/dev/null); b=$(jq -cS "$pick" "$g" 2>/dev/null)
  [ -n "$a" ] && [ "$a" = "$b" ] || fail "status of $1 from rtnetlink differs from ip's: rtnetlink $a; ip $b"
}

# `ppptui explain NAME`, as text into NAME.explain and as JSON: E_EXIT, E_DIAG_CODE, E_DIAG_CAUSE.
read_explain() { # NAME
  local f="$SCEN_DIR/$1.explain"
  ppptui_to 30 "$f" "${SCEN_OUT:-$SCEN_DIR/$1.out}" explain "$1"
  ppptui_to 30 "$f.json" "${SCEN_OUT:-$SCEN_DIR/$1.out}" explain "$1" --json
  E_EXIT=$?
  E_DIAG_CODE=$(json "$f.json" .diagnosis.code); E_DIAG_CAUSE=$(json "$f.json" .diagnosis.cause)
}

dial() { # NAME LIMIT
  local name=$1 limit=$2 marker deadline
  reset_link_facts
  deadline=$(( $(date +%s) + limit ))
  if [ "$LAB_CLIENT" = ppptui ]; then
    # --json: the outcome (status and diagnosis) on stdout, the progress lines on stderr.
    local out="$SCEN_DIR/$name.connect.json"
    ppptui_to $((limit + 20)) "$out" "$SCEN_DIR/$name.out" connect "$name" --wait "$limit" --json
    CLIENT_EXIT=$?
    local connect_if exit_status
    IFS=$'\x1f' read -r CONNECT_STATE connect_if DIAG_CODE DIAG_CAUSE exit_status CONNECT_NOTICES \
      < <(jq -r '[.state, .interface, .diagnosis.code, .diagnosis.cause, .diagnosis.exitStatus, ([.notices[]?.code] | join(" "))]
            | map(if . == null then "" else tostring end) | join("\u001f")' "$out" 2>/dev/null || echo)
    case "$CONNECT_STATE" in
      Up)
        # What ip says first (a link the server drops soon must be seen while it is up), then
        # what a second ppptui says about it.
        LINK_IF=$connect_if
        [ -n "$LINK_IF" ] && inspect_link "$name" "$LINK_IF"
        read_status "$name" up
        LINK_STATE=up; PPPD_PID=$S_PID; LINK_LOCAL=$S_LOCAL; LINK_REMOTE=$S_PEER; PPPD_EXIT=detached ;;
      Down)
        LINK_STATE=down; PPPD_EXIT=${exit_status:-unknown} ;;
      *)
        LINK_STATE=stuck; hangup "$name" 10; LINK_STATE=stuck ;;
    esac
    [ -n "$PPPD_PID" ] && echo "$PPPD_PID" >"$LAB_RUN/client.pid"
    return 0
  fi
  /usr/sbin/pppd call "$name" nodetach >"$SCEN_DIR/$name.out" 2>&1 </dev/null &
  PPPD_PID=$!
  echo "$PPPD_PID" >"$LAB_RUN/client.pid"
  while :; do
    if marker=$(up_marker "$PPPD_PID"); then
      # shellcheck disable=SC1090
      . "$marker"; LINK_STATE=up; return 0
    fi
    if ! pid_alive "$PPPD_PID"; then
      wait "$PPPD_PID"; PPPD_EXIT=$?; LINK_STATE=down; return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      LINK_STATE=stuck; hangup "$name" 10; LINK_STATE=stuck; return 0
    fi
    sleep 0.2
  done
}

hangup() { # NAME LIMIT
  local name=$1 limit=$2
  if [ "$LAB_CLIENT" = ppptui ]; then
    ppptui_to $((limit + 5)) "$SCEN_DIR/$name.disconnect.out" "$SCEN_DIR/$name.out" disconnect "$name"
    CLIENT_EXIT=$?
    cat "$SCEN_DIR/$name.disconnect.out" >>"$SCEN_DIR/$name.out"; rm -f "$SCEN_DIR/$name.disconnect.out"
    [ -n "$PPPD_PID" ] && wait_gone "$PPPD_PID" "$limit"
  else
    [ -n "$PPPD_PID" ] || return 0
    kill -TERM "$PPPD_PID" 2>/dev/null
    wait_gone "$PPPD_PID" "$limit" || kill -KILL "$PPPD_PID" 2>/dev/null
    wait "$PPPD_PID"; PPPD_EXIT=$?
  fi
  LINK_STATE=down
}

# For links the server ends: wait up to LIMIT seconds for pppd to go.
await_drop() { # NAME LIMIT
  local name=$1 limit=$2
  if wait_gone "$PPPD_PID" "$limit"; then
    [ "$LAB_CLIENT" = pppd ] && { wait "$PPPD_PID"; PPPD_EXIT=$?; }
    LINK_STATE=down; return 0
  fi
  return 1
}

# What `ip` says about a link, into NAME.link, and the parsed facts for the checks.
inspect_link() { # NAME IFACE
  local name=$1 ifc=$2 f="$SCEN_DIR/$1.link"
  INSPECTED=$ifc
  {
    echo "# ip -o -4 addr show dev $ifc"; ip -o -4 addr show dev "$ifc"
    echo "# ip -o link show dev $ifc"; ip -o link show dev "$ifc"
    echo "# ip -4 route"; ip -4 route
    echo "# /etc/ppp/resolv.conf"; cat /etc/ppp/resolv.conf 2>/dev/null
    echo "# /etc/resolv.conf"; cat /etc/resolv.conf 2>/dev/null
  } >"$f" 2>&1
  local addr; addr=$(ip -o -4 addr show dev "$ifc")
  SEEN_LOCAL=$(sed -n 's/.* inet \([0-9.]*\).*/\1/p' <<<"$addr")
  SEEN_PEER=$(sed -n 's/.* peer \([0-9.]*\).*/\1/p' <<<"$addr")
  SEEN_MTU=$(ip -o link show dev "$ifc" | sed -n 's/.* mtu \([0-9]*\).*/\1/p')
  SEEN_DEFAULT_DEV=$(ip -4 route show default | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n 1)
  # pppd writes the primary and the secondary server; a server that pushes one gives it twice.
  SEEN_DNS=$(sed -n 's/^nameserver \(.*\)/\1/p' /etc/ppp/resolv.conf 2>/dev/null | awk '!seen[$0]++' | tr '\n' ' ')
  SEEN_DNS=${SEEN_DNS% }
}

# Any client link left over (a scenario that failed half-way) is ended before the next one, so
# every scenario starts with no client pppd and gets ppp0.
end_leftover_client() {
  local pid
  rm -f "$LAB_RUN/client.pid"
  for pid in $(client_pppds); do
    say "ending a leftover client pppd (pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null))"
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in $(client_pppds); do
    wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null
  done
  return 0
}

# Every pppd of the client side (not the servers', which run in their own network namespaces).
client_pppds() {
  local pid ns mine; mine=$(readlink /proc/self/ns/net)
  for pid in $(pgrep -x pppd); do
    ns=$(readlink "/proc/$pid/ns/net" 2>/dev/null) || continue
    [ "$ns" = "$mine" ] && echo "$pid"
  done
}

# --- helpers for custom scenarios (EXPECT=custom, LAB_CLIENT=ppptui) ---------------------------
# Each runs from scenario.sh, where SCEN_DIR, SCEN_OUT (NAME.out), fail and the read_* helpers exist.

# Runs ppptui ARGS (stdin from INPUT when pt_in is used), logs the command, its output, exit status
# and time into NAME.out; leaves stdout in PT_OUT, stderr in PT_ERR, the status in PT_EXIT.
pt() { pt_in "" "$@"; }
pt_in() { # INPUT ARGS...
  local input=$1 t0 o e; shift
  o=$(mktemp "$LAB_RUN/tmp/pt.XXXXXX"); e=$o.err
  t0=$(stamp)
  if [ -n "$input" ]; then
    printf '%s\n' "$input" | timeout -k 5 "${PT_LIMIT:-60}" "$PPPTUI" "$@" >"$o" 2>"$e"
  else
    timeout -k 5 "${PT_LIMIT:-60}" "$PPPTUI" "$@" >"$o" 2>"$e" </dev/null
  fi
  PT_EXIT=$?
  PT_OUT=$(cat "$o"); PT_ERR=$(cat "$e")
  {
    echo "\$ ppptui $*"
    cat "$o"
    sed 's/^/stderr: /' "$e"
    echo "[exit $PT_EXIT after $(seconds_since "$t0")s]"
  } >>"$SCEN_OUT"
  rm -f "$o" "$e"
  return "$PT_EXIT"
}

# Connects NAME through ppptui and checks it is Up, as ppptui status and ip both say. Leaves the
# S_* facts of ppptui status. Returns 1 (after a fail) when the link did not come up.
connect_up() { # NAME [TAG]
  local name=$1 tag=${2:-up} f
  f="$SCEN_DIR/$name.connect-$tag.json"
  pt connect "$name" --wait 40 --json
  printf '%s\n' "$PT_OUT" >"$f"
  if [ "$PT_EXIT" != 0 ] || [ "$(json "$f" .state)" != Up ]; then
    fail "ppptui connect $name: exit $PT_EXIT, state '$(json "$f" .state)', expected 0 and Up ($(json "$f" .reason))"
    return 1
  fi
  read_status "$name" "$tag"
  [ "$S_STATE" = Up ] && [ "$S_EXIT" = 0 ] || { fail "ppptui status $name: '$S_STATE' (exit $S_EXIT) right after connect"; return 1; }
  link_matches_ip "$name" "$S_IF" "$S_LOCAL" "$S_PEER" "$S_MTU"
}

# ppptui's facts about a link against what ip shows.
link_matches_ip() { # NAME IFACE LOCAL PEER MTU
  local addr mtu
  addr=$(ip -o -4 addr show dev "$2" 2>/dev/null)
  mtu=$(ip -o link show dev "$2" 2>/dev/null | sed -n 's/.* mtu \([0-9]*\).*/\1/p')
  [[ $addr == *" inet $3 peer $4/"* ]] || fail "$1: ppptui says $2 has $3 peer $4, ip says: ${addr:-no such interface}"
  [ "$mtu" = "$5" ] || fail "$1: ppptui says mtu $5 on $2, ip says '${mtu}'"
}

# Disconnects NAME through ppptui and checks pppd and the interface are gone.
disconnect_down() { # NAME PID IFACE
  pt disconnect "$1" || fail "ppptui disconnect $1 exited $PT_EXIT"
  [ -n "$2" ] && ! wait_gone "$2" 15 && fail "pppd (pid $2) of $1 still runs after ppptui disconnect"
  [ -n "$3" ] && ! wait_for 5 sh -c "! ip link show dev $3" && fail "$3 is still there after ppptui disconnect $1"
  return 0
}

# Median of the numbers given (one per argument), to two decimals.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f\n", m }'; }

# Seconds (with fraction) since the epoch, now.
now_epoch() { echo "$EPOCHREALTIME"; }

# Scenarios 31 and 32: a modem profile made with ppptui new --pin-stdin dials the modem on DEV,
# and the PIN ($SECRET) shows neither in the system log nor in ppptui's output.
modem_pin_scenario() { # NAME DEV
  local name=$1 dev=$2
  pt_in "$SECRET" new "$name" --kind modem --device "/dev/$dev" --apn internet --number '*99#' --pin-stdin \
    --remove-option crtscts --add-option nocrtscts --add-option local ||
    { fail "ppptui new $name exited $PT_EXIT: $PT_ERR"; return; }
  cp "/etc/chatscripts/$name" "$SCEN_DIR/$name.chat"
  if connect_up "$name"; then
    DETAIL="up $S_IF $S_LOCAL peer $S_PEER"
    disconnect_down "$name" "$S_PID" "$S_IF"
  fi
  # chat -v logs sends and what the modem echoes: \q and ATE0 must keep the PIN out of both.
  grep -qF "CPIN=$SECRET" "$SYSLOG" && fail "the PIN shows in the system log"
  pt logs --lines 500
  grep -qF "$SECRET" "$SCEN_OUT" && fail "the PIN shows in ppptui's output"
  return 0
}
