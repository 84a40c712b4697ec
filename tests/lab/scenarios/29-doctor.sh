DESCRIPTION="ppptui doctor on a kernel with PPP: /dev/ppp and the modules found, the tools and their versions, and --probe tells a listening PPTP server from a silent one"
EXPECT=custom
CLIENTS=ppptui
PROFILE=myvpn

# The status doctor gave check ID (for PROFILE, when given) in the JSON of the last pt call.
check_status() { # ID [PROFILE]
  jq -r --arg id "$1" --arg p "${2:-}" \
    '[.checks[] | select(.id == $id and (($p == "") or (.profile == $p)))][0].status // "missing"' <<<"$PT_OUT"
}

scenario_main() {
  local id status
  pt --json doctor
  [[ $PT_EXIT == 0 || $PT_EXIT == 8 ]] || { fail "ppptui --json doctor exited $PT_EXIT (0 or 8 expected): $PT_ERR"; return 0; }
  printf '%s\n' "$PT_OUT" >"$SCEN_DIR/doctor.json"
  # The guest's kernel has PPP (the lab loaded its modules): every kernel check must say so.
  for id in kernel.ppp_generic kernel.dev-ppp kernel.ppp_async kernel.ppp_mppe kernel.pppoe tools.pppd tools.pptp tools.chat tools.pppoe-plugin; do
    status=$(check_status "$id")
    [ "$status" = ok ] || fail "doctor says $id is '$status' in a guest with PPP: $(jq -c --arg id "$id" '.checks[] | select(.id == $id)' <<<"$PT_OUT")"
  done
  # A failure is explained: every non-ok check carries a fix.
  local unfixed
  unfixed=$(jq -r '.checks[] | select((.status == "warn" or .status == "fail") and ((.fix // "") == "")) | .id' <<<"$PT_OUT")
  [ -z "$unfixed" ] || fail "doctor reports problems without a fix: $unfixed"
  local pppd_version
  pppd_version=$(jq -r '.checks[] | select(.id == "tools.pppd") | .detail' <<<"$PT_OUT")

  # --probe: pptpd answers on 192.0.2.1:1723 (myvpn), nothing does at 192.0.2.5 (pptp-nolisten).
  pt --json doctor myvpn --probe
  status=$(check_status probe.pptp myvpn)
  [ "$status" = ok ] || fail "doctor myvpn --probe: probe.pptp is '$status', pptpd listens on 192.0.2.1:1723"
  pt --json doctor pptp-nolisten --probe
  [ "$PT_EXIT" = 8 ] || fail "doctor pptp-nolisten --probe exited $PT_EXIT, expected 8 (a check failed)"
  status=$(check_status probe.pptp pptp-nolisten)
  [ "$status" = fail ] || fail "doctor pptp-nolisten --probe: probe.pptp is '$status', nothing listens on 192.0.2.5:1723"
  DETAIL="kernel and tools ok ($pppd_version); probe ok for myvpn, fail for pptp-nolisten; $(jq -r '.summary | "\(.ok) ok, \(.warn) warn, \(.fail) fail"' "$SCEN_DIR/doctor.json") on the whole box"
  return 0
}
