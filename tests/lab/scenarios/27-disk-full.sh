DESCRIPTION="Fault: the disk holding /etc/ppp is full; apply fails cleanly, the files stay intact"
EXPECT=custom
CLIENTS=ppptui

handled() { # WHAT WANT_REGEX
  [ "$PT_EXIT" != 0 ] || { fail "$1 succeeded"; return; }
  case "$PT_EXIT" in 1|4|5|6) ;; *) fail "$1 exited $PT_EXIT, not one of ppptui's documented failure codes" ;; esac
  [[ $PT_ERR =~ $2 ]] || fail "$1: the message does not say /$2/: $PT_ERR"
  [[ $PT_ERR == *"fix:"* ]] || fail "$1: no fix offered: $PT_ERR"
  [[ $PT_ERR == *"unexpected error"* || $PT_ERR == *"   at "* || $PT_ERR == *Unhandled* ]] && fail "$1 crashed: $PT_ERR"
  return 0
}

fingerprint() { (cd "$1" && find . ! -name .filler -printf '%p %s %m\n' | sort && find . -type f ! -name .filler -exec sha256sum {} + | sort); }

scenario_main() {
  local copy=$LAB_RUN/tmp/etc-ppp-full before after
  mkdir -p "$copy" && cp -a /etc/ppp/. "$copy/"
  # A small file system of its own for /etc/ppp, with the same files, then filled up.
  mount -t tmpfs -o size=1m,mode=0755 tmpfs /etc/ppp || { fail "could not mount a small tmpfs on /etc/ppp"; return 0; }
  cp -a "$copy/." /etc/ppp/
  dd if=/dev/zero of=/etc/ppp/.filler bs=4k 2>/dev/null
  echo "# /etc/ppp: $(df -h /etc/ppp | tail -n 1)" >>"$SCEN_OUT"
  before=$(fingerprint /etc/ppp)
  pt set myvpn --mtu 1400 --apply
  handled "ppptui set myvpn --mtu 1400 --apply on a full disk" 'No space left on device'
  local message=${PT_ERR%%$'\n'*}
  pt set myvpn --mtu 1400
  pt apply myvpn
  handled "ppptui apply myvpn on a full disk" 'No space left on device'
  pt status --json || fail "ppptui status exited $PT_EXIT with the disk full"
  after=$(fingerprint /etc/ppp)
  [ "$before" = "$after" ] || { fail "files under /etc/ppp changed although every write failed"; diff <(echo "$before") <(echo "$after") >>"$SCEN_OUT"; }
  ls -A /etc/ppp/peers | grep -q 'ppptui.*tmp' && fail "a temporary file was left in /etc/ppp/peers"
  # Space again: the pending change applies, and is then taken back.
  rm -f /etc/ppp/.filler
  pt apply myvpn || fail "ppptui apply myvpn exited $PT_EXIT once there was space"
  grep -qE '^mtu 1400' /etc/ppp/peers/myvpn || fail "the pending mtu 1400 did not reach /etc/ppp/peers/myvpn"
  umount /etc/ppp || fail "could not unmount the small /etc/ppp"
  # ppptui remembers writing mtu 1400 into the small /etc/ppp, now gone: --force takes the lab's file as it is.
  pt set myvpn --mtu 1416 || fail "could not put the myvpn profile back to mtu 1416"
  pt apply myvpn --force || fail "ppptui apply myvpn --force exited $PT_EXIT"
  cmp -s "$LAB_DIR/client/ppp/peers/myvpn" /etc/ppp/peers/myvpn || fail "myvpn's peers file is not the lab's own after the test"
  DETAIL="set --apply and apply exit 1 with: $message"
}
