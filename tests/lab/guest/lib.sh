# Shared by everything that runs inside the lab guest: its init, the scenario runner and the
# interactive shell. Sourced, never run. Needs LAB_DIR (the repository's tests/lab folder).
# shellcheck shell=bash

LAB_RUN=/run/lab              # the guest's own state, on tmpfs
LAB_OUT=$LAB_RUN/out          # bind mount of the host's results folder for this run
LAB_CLIENT=${LAB_CLIENT:-pppd}
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

# A modem on a pty: the client opens /run/lab/dev/DEVNAME; the responder (in netns cell) answers.
# socat ends when a call ends, so a loop puts the modem back on the line for the next call.
modem_line() { # DEVNAME ANSWER
  local dev=$1 answer=$2
  while :; do
    socat "PTY,link=$LAB_RUN/dev/$dev,raw,echo=0" \
      "EXEC:ip netns exec cell /run/lab/bin/in-server-view $LAB_DIR/server/modem-responder.sh --answer $answer,pty,setsid,ctty,raw,echo=0"
    sleep 0.3
  done
}

# Brings every lab server up. Documentation addresses only, all inside network namespaces.
servers_up() {
  local ok=0
  mkdir -p "$LAB_RUN/dev"
  # The office: one segment, four addresses. .1 the VPN, .3 refuses MPPE, .4 drops the link,
  # .5 answers but has nothing on TCP 1723.
  veth_to_netns office office0 192.0.2.2/24
  local a; for a in 1 3 4 5; do ip -n office addr add "192.0.2.$a/24" dev eth0; done
  local n; for n in ok nomppe drop; do
    start_bg "pptpd-$n" ip netns exec office /run/lab/bin/in-server-view \
      pptpd -f -c "$LAB_DIR/server/pptpd-$n.conf" -p "$LAB_RUN/pptpd-$n.pid"
  done
  # PPPoE: one segment with an access concentrator, one without.
  veth_to_netns isp lan0
  veth_to_netns noac lan1
  start_bg pppoe-server ip netns exec isp /run/lab/bin/in-server-view \
    pppoe-server -F -I eth0 -C isp-lab -L 203.0.113.1 -R 203.0.113.10 -N 4 -O /etc/ppp/pppoe-server-options
  # Modems and the pppd pair: the network side lives in its own namespace, so the client's
  # routing table only ever holds the client's links.
  ip netns add cell
  ip netns add peer
  start_bg modem modem_line ttyMODEM connect
  start_bg modem-nocarrier modem_line ttyMODEM-NOCARRIER no-carrier
  start_bg modem-busy modem_line ttyMODEM-BUSY busy

  local t0; t0=$(stamp)
  wait_for 10 listening_on office 192.0.2.1 || { say "pptpd (ok) is not listening on 192.0.2.1:1723"; ok=1; }
  wait_for 10 listening_on office 192.0.2.3 || { say "pptpd (nomppe) is not listening on 192.0.2.3:1723"; ok=1; }
  wait_for 10 listening_on office 192.0.2.4 || { say "pptpd (drop) is not listening on 192.0.2.4:1723"; ok=1; }
  for n in ttyMODEM ttyMODEM-NOCARRIER ttyMODEM-BUSY; do
    wait_for 10 test -e "$LAB_RUN/dev/$n" || { say "modem $n did not appear"; ok=1; }
  done
  wait_for 5 pgrep -x pppoe-server || { say "pppoe-server is not running"; ok=1; }
  say "servers up (waited $(seconds_since "$t0")s for them to listen)"
  return $ok
}

# --- the client: dial, look, hang up -----------------------------------------------------------
# Both clients leave the same facts behind: LINK_STATE (up, down, stuck), PPPD_PID, PPPD_EXIT
# (pppd's own exit status once it ended, or "unknown"), and LINK_IF/LINK_LOCAL/... when up.
# LAB_CLIENT=pppd runs pppd directly; LAB_CLIENT=ppptui goes through the ppptui CLI verbs.

reset_link_facts() {
  LINK_STATE=; PPPD_PID=; PPPD_EXIT=unknown; LINK_IF=; LINK_LOCAL=; LINK_REMOTE=; CLIENT_EXIT=
  rm -f "$LAB_RUN"/up/* "$LAB_RUN"/down.* /etc/ppp/resolv.conf
}

# The ip-up hook (client/ppp/ip-up.d/zz-ppptui-lab) leaves one file per link that came up.
up_marker() { # [PID]
  if [ -n "${1:-}" ]; then [ -f "$LAB_RUN/up/$1" ] && echo "$LAB_RUN/up/$1"; return; fi
  local f; for f in "$LAB_RUN"/up/*; do [ -f "$f" ] && { echo "$f"; return; }; done
  return 1
}

# pppd's exit status as reported by `ppptui status NAME --json` (any numeric key named like
# exitStatus / exit_status / lastExitStatus), or "unknown".
ppptui_exit_status() { # NAME
  local json value
  json=$(timeout 20 /run/lab/bin/ppptui status "$1" --json 2>/dev/null) || true
  printf '%s\n' "$json" >>"$SCEN_DIR/$1.status.json"
  value=$(printf '%s' "$json" | jq -r '[.. | objects | to_entries[] | select(.key | test("exit.?status"; "i")) | .value | numbers] | first // empty' 2>/dev/null)
  echo "${value:-unknown}"
}

pid_alive() { kill -0 "$1" 2>/dev/null; }

# Waits up to LIMIT seconds for PID to end; returns 1 if it is still there.
wait_gone() { # PID LIMIT
  local deadline=$(( $(date +%s) + $2 ))
  while pid_alive "$1"; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

dial() { # NAME LIMIT
  local name=$1 limit=$2 marker deadline
  reset_link_facts
  deadline=$(( $(date +%s) + limit ))
  if [ "$LAB_CLIENT" = ppptui ]; then
    timeout -k 5 $((limit + 15)) /run/lab/bin/ppptui connect "$name" --wait "$limit" \
      >"$SCEN_DIR/$name.out" 2>&1 </dev/null
    CLIENT_EXIT=$?
    if marker=$(up_marker); then
      # shellcheck disable=SC1090
      . "$marker"; PPPD_PID=$LINK_PID; LINK_STATE=up
    else
      LINK_STATE=down; PPPD_EXIT=$(ppptui_exit_status "$name")
    fi
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
    timeout -k 5 $((limit + 5)) /run/lab/bin/ppptui disconnect "$name" >>"$SCEN_DIR/$name.out" 2>&1 </dev/null
    CLIENT_EXIT=$?
    [ -n "$PPPD_PID" ] && wait_gone "$PPPD_PID" "$limit"
    PPPD_EXIT=$(ppptui_exit_status "$name")
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
    if [ "$LAB_CLIENT" = ppptui ]; then PPPD_EXIT=$(ppptui_exit_status "$name")
    else wait "$PPPD_PID"; PPPD_EXIT=$?; fi
    LINK_STATE=down; return 0
  fi
  return 1
}

# What `ip` says about a link, into NAME.link, and the parsed facts for the checks.
inspect_link() { # NAME IFACE
  local name=$1 ifc=$2 f="$SCEN_DIR/$1.link"
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

# Any client link left over (a scenario that ran out of time) is ended before the next one.
end_leftover_client() {
  local pid
  [ -f "$LAB_RUN/client.pid" ] || return 0
  pid=$(cat "$LAB_RUN/client.pid"); rm -f "$LAB_RUN/client.pid"
  if pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null
  fi
}
