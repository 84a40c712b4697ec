#!/bin/bash
# PID 1 of the lab guest: user-mode Linux with the host's whole filesystem as its root (hostfs).
# hostfs writes land in the host's real files, so before anything else runs this puts tmpfs or a
# tmpfs-backed overlay over every place the guest writes. Then it loads the PPP modules, starts
# the servers and runs the scenarios (LAB_MODE=test) or a session for a person (interactive).
# It always ends with poweroff, which ends the UML process on the host.
#
# Settings come from the kernel command line as environment: LAB_MODE, LAB_OUT_HOST (the host
# folder for results), LAB_CLIENT, LAB_PPPTUI_BIN, LAB_ONLY, LAB_UI, LAB_TERM, LAB_ROWS, LAB_COLS,
# LAB_HOST_LOAD.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LAB_DIR=$(cd "$(dirname "$0")/.." && pwd)
export LAB_DIR LAB_CLIENT=${LAB_CLIENT:-ppptui}
# shellcheck source=lib.sh
. "$LAB_DIR/guest/lib.sh"

# A minimal Debian root (the pppd 2.5 one) has no poweroff: then the reboot system call itself.
power_off() { sync; poweroff -f 2>/dev/null || perl -e 'syscall(169, 0xfee1dead, 672274793, 0x4321fedc)'; }
die() { say "FATAL: $*"; power_off; exit 1; }

mount_basics() {
  mount -t proc proc /proc || return 1
  mount -t sysfs sysfs /sys || return 1
  # The kernel mounts its devtmpfs on /dev by itself (DEVTMPFS_MOUNT); without it /dev would be
  # the host's own folder through hostfs, and the modems' ptys are created there.
  grep -qs '^devtmpfs /dev ' /proc/mounts || mount -t devtmpfs devtmpfs /dev || return 1
  mkdir -p /dev/pts && mount -t devpts -o ptmxmode=0666 devpts /dev/pts || return 1
  # What udev would add: bash's <(...) needs /dev/fd.
  [ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
  local n=0 s; for s in stdin stdout stderr; do [ -e "/dev/$s" ] || ln -s "/proc/self/fd/$n" "/dev/$s"; n=$((n + 1)); done
}

# Every place the guest writes gets tmpfs (or an overlay whose upper layer is tmpfs), so the host
# sees no change. The results folder is bound first: it is the one thing meant to reach the host.
protect_host() {
  mount -t tmpfs -o mode=0755 tmpfs /run || return 1
  mkdir -p "$LAB_RUN"/{out,logs,up,bin,dev,home,tmp,overlay,etc-ppp,server/etc-ppp} /run/lock /run/netns
  if [ -n "${LAB_OUT_HOST:-}" ]; then
    mount --bind "$LAB_OUT_HOST" "$LAB_OUT" || return 1
  fi
  # /etc, /root and /var keep what the host has but take writes into tmpfs: Debian's ip-up.d
  # scripts rewrite /etc/resolv.conf, pptpd and dotnet write under /var and $HOME.
  load_module overlay || return 1
  local dir key
  for dir in /etc /root /var; do
    key=${dir#/}
    mkdir -p "$LAB_RUN/overlay/$key/upper" "$LAB_RUN/overlay/$key/work"
    mount -t overlay overlay \
      -o "lowerdir=$dir,upperdir=$LAB_RUN/overlay/$key/upper,workdir=$LAB_RUN/overlay/$key/work" "$dir" || return 1
  done
  # The places pppd and its tools write get plain tmpfs too (on Debian /var/run and /var/lock
  # lead into /run, which already is).
  for dir in /var/log /var/tmp /var/run /var/lock; do
    case "$(readlink -f "$dir")" in /run|/run/*) continue ;; esac
    mkdir -p "$dir" && mount -t tmpfs tmpfs "$dir" || return 1
  done
  # /etc/ppp: a tmpfs copy of the host's, bound over it, then the lab's client files on top.
  [ -d /etc/ppp ] && cp -a /etc/ppp/. "$LAB_RUN/etc-ppp/"
  mkdir -p /etc/ppp && mount --bind "$LAB_RUN/etc-ppp" /etc/ppp || return 1
  local existing
  for dir in /etc/ppptui /etc/chatscripts; do
    existing=$(mktemp -d "$LAB_RUN/tmp/keep.XXXXXX")
    [ -d "$dir" ] && cp -a "$dir/." "$existing/"
    mkdir -p "$dir" && mount -t tmpfs -o mode=0755 tmpfs "$dir" || return 1
    cp -a "$existing/." "$dir/"
  done
}

install_lab_files() {
  local c=$LAB_DIR/client s=$LAB_DIR/server
  mkdir -p /etc/ppp/peers /etc/ppp/ip-up.d /etc/ppp/ip-down.d
  cp "$c/ppp/options" /etc/ppp/options
  cp "$c/ppp/chap-secrets" /etc/ppp/chap-secrets
  echo "# The lab has no PAP accounts." >/etc/ppp/pap-secrets
  chmod 600 /etc/ppp/chap-secrets /etc/ppp/pap-secrets
  cp "$c"/ppp/peers/* /etc/ppp/peers/
  cp "$c"/ppp/ip-up.d/* /etc/ppp/ip-up.d/
  cp "$c"/ppp/ip-down.d/* /etc/ppp/ip-down.d/
  cp "$c"/chatscripts/* /etc/chatscripts/
  cp "$s"/ppp/* "$LAB_RUN/server/etc-ppp/"
  chmod 600 "$LAB_RUN/server/etc-ppp/chap-secrets"
  ln -s "$LAB_DIR"/guest/helpers/* "$LAB_RUN/bin/"
  (cd "$LAB_DIR/../.." && pwd) >"$LAB_RUN/repo"
  [ -n "${LAB_PPPTUI_BIN:-}" ] && echo "$LAB_PPPTUI_BIN" >"$LAB_RUN/ppptui-bin"
}

load_ppp_modules() {
  local m
  for m in ppp_async ppp_synctty ppp_mppe arc4 pppoe veth; do load_module "$m" || return 1; done
  # Kernel-mode L2TP for xl2tpd (it falls back to a pty without them): not fatal for the rest.
  for m in l2tp_core l2tp_ppp; do load_module "$m" || say "module $m did not load: the L2TP scenarios will say why"; done
  [ -c /dev/ppp ] || mknod /dev/ppp c 108 0
}

start_syslog() {
  "$LAB_RUN/bin/lab-syslogd" /dev/log "$SYSLOG" &
  "$LAB_RUN/bin/lab-syslogd" "$LAB_RUN/logs/server.sock" "$SERVER_LOG" &
  # Where rsyslog would put it, so ppptui (logs, explain, the dialer) and plog find the client's log.
  ln -sfn "$SYSLOG" /var/log/syslog
  wait_for 5 test -S /dev/log && wait_for 5 test -S "$LAB_RUN/logs/server.sock"
}

main() {
  local started; started=$(stamp)
  mount_basics || die "could not mount /proc, /sys, /dev/pts"
  protect_host || die "could not shield the host's files (tmpfs/overlay); nothing was run"
  hostname lab
  export HOME=$LAB_RUN/home TMPDIR=$LAB_RUN/tmp DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  export PATH=$LAB_RUN/bin:$PATH
  install_lab_files || die "could not install the lab's /etc/ppp files"
  load_ppp_modules || die "could not load the PPP modules from $(module_dir)"
  ip link set lo up
  start_syslog || die "could not start the lab's syslog receivers"
  {
    echo "KERNEL=$(uname -r)"
    echo "MODULES=$(module_dir)"
    echo "CLIENT=$LAB_CLIENT"
    echo "PPPTUI=$(cat "$LAB_RUN/ppptui-bin" 2>/dev/null || echo default)"
    echo "PPPD=$(pppd --version 2>&1 | head -n 1)"
  } >"$LAB_OUT/guest.env"
  servers_up || say "some servers did not come up; their scenarios will fail"
  say "guest ready in $(seconds_since "$started")s (kernel $(uname -r), client $LAB_CLIENT)"
  case "${LAB_MODE:-test}" in
    test) bash "$LAB_DIR/guest/run-tests.sh" ;;
    interactive) bash "$LAB_DIR/guest/interactive.sh" ;;
    *) say "unknown LAB_MODE '$LAB_MODE'" ;;
  esac
  cp "$SYSLOG" "$LAB_OUT/syslog" 2>/dev/null
  cp "$SERVER_LOG" "$LAB_OUT/server.log" 2>/dev/null
  mkdir -p "$LAB_OUT/servers" && cp "$LAB_RUN"/logs/*.out "$LAB_OUT/servers/" 2>/dev/null
}

main
power_off
