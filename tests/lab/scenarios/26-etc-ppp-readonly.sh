DESCRIPTION="Fault: /etc/ppp read-only; ppptui set --apply and apply fail with a clear message and an exit code, nothing changes"
EXPECT=custom
CLIENTS=ppptui

# A failure ppptui handled: a documented exit code (not 0, not a crash), a message that names the
# problem and a fix, no stack trace.
handled() { # WHAT WANT_REGEX
  [ "$PT_EXIT" != 0 ] || { fail "$1 succeeded"; return; }
  case "$PT_EXIT" in 1|4|5|6) ;; *) fail "$1 exited $PT_EXIT, not one of ppptui's documented failure codes" ;; esac
  [[ $PT_ERR =~ $2 ]] || fail "$1: the message does not say /$2/: $PT_ERR"
  [[ $PT_ERR == *"fix:"* ]] || fail "$1: no fix offered: $PT_ERR"
  [[ $PT_ERR == *"unexpected error"* || $PT_ERR == *"   at "* || $PT_ERR == *Unhandled* ]] && fail "$1 crashed: $PT_ERR"
  return 0
}

fingerprint() { (cd "$1" && find . -printf '%p %s %m\n' | sort && find . -type f -exec sha256sum {} + | sort); }

scenario_main() {
  local before after
  before=$(fingerprint /etc/ppp)
  mount -o remount,ro,bind /etc/ppp || { fail "could not make /etc/ppp read-only"; return 0; }
  pt set myvpn --mtu 1400 --apply
  handled "ppptui set myvpn --mtu 1400 --apply on a read-only /etc/ppp" 'Read-only file system'
  local message=${PT_ERR%%$'\n'*}
  # A change saved in the profile (/etc/ppptui stays writable) that cannot reach /etc/ppp.
  pt set myvpn --mtu 1400 || fail "ppptui set myvpn --mtu 1400 (profile only) exited $PT_EXIT"
  pt apply myvpn
  handled "ppptui apply myvpn on a read-only /etc/ppp" 'Read-only file system'
  pt_in "new-secret-9" new ronew --kind pptp --server 192.0.2.1 --user rouser --password-stdin
  handled "ppptui new on a read-only /etc/ppp" 'Read-only file system'
  # The app still answers while the fault lasts.
  pt status --json || fail "ppptui status exited $PT_EXIT with /etc/ppp read-only"
  mount -o remount,rw,bind /etc/ppp || fail "could not make /etc/ppp writable again"
  after=$(fingerprint /etc/ppp)
  [ "$before" = "$after" ] || { fail "files under /etc/ppp changed although every write failed"; diff <(echo "$before") <(echo "$after") >>"$SCEN_OUT"; }
  # Nothing half-done stays behind: the change is still pending (diff shows it), no new profile.
  pt diff myvpn
  [[ $PT_OUT == *"mtu 1400"* ]] || fail "ppptui diff myvpn does not show the pending mtu 1400 after the failed apply"
  pt set myvpn --mtu 1416 || fail "could not put the myvpn profile back to mtu 1416"
  pt diff myvpn
  [[ $PT_OUT == *"No changes"* ]] || fail "ppptui diff myvpn shows changes after the profile was put back"
  pt show ronew && fail "profile ronew exists although its files could not be written"
  DETAIL="set/apply/new exit 1 with: $message"
}
