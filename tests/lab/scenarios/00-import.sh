DESCRIPTION="ppptui import turns every lab peers file into a profile; apply writes them back unchanged"
EXPECT=custom
CLIENTS=ppptui
scenario_main() {
  # run-tests.sh imported and applied before any scenario (so every dial uses ppptui's files).
  local env=$LAB_RUN/prepare.env IMPORT_EXIT= APPLY_EXIT=
  # shellcheck disable=SC1090
  [ -f "$env" ] && . "$env"
  cat "$LAB_OUT/prepare.out" >>"$SCEN_OUT" 2>/dev/null
  [ "$IMPORT_EXIT" = 0 ] || fail "ppptui import exited '${IMPORT_EXIT}' (prepare.out)"
  [ "$APPLY_EXIT" = 0 ] || fail "ppptui apply exited '${APPLY_EXIT}' (prepare.out)"
  pt list --json || fail "ppptui list exited $PT_EXIT"
  local p name kinds="" changed=()
  for p in "$LAB_DIR"/client/ppp/peers/*; do
    name=$(basename "$p")
    kind=$(jq -r --arg n "$name" '.profiles[] | select(.name == $n) | .kind' <<<"$PT_OUT")
    [ -n "$kind" ] || { fail "profile $name is not in ppptui list"; continue; }
    kinds="$kinds $name=$kind"
    # Imported and applied, the peers file is byte for byte the lab's own.
    cmp -s "$p" "/etc/ppp/peers/$name" || changed+=("$name")
    # A broken twin that dials as its good twin's user shares that secrets record: that warning is
    # expected (and checked below); any other warning is a defect.
    grep "warning" <<<"$(sed -n "/^Imported $name /,/^Imported /p" "$LAB_OUT/prepare.out")" | grep -qv "shares its secrets record" &&
      fail "import of $name warned: $(grep -A1 "^Imported $name " "$LAB_OUT/prepare.out" | tail -n 1)"
  done
  # pppoe and pppoe-noac both dial as bob (server *): one record, so ppptui says it will not change or
  # delete it without --force.
  grep -q "pppoe-noac shares its secrets record bob/\* with pppoe" "$LAB_OUT/prepare.out" ||
    fail "importing pppoe-noac did not warn that it shares pppoe's secrets record"
  [ ${#changed[@]} -eq 0 ] || fail "ppptui apply changed the imported peers files: ${changed[*]} (see NAME.out)"
  for name in "${changed[@]}"; do diff "$LAB_DIR/client/ppp/peers/$name" "/etc/ppp/peers/$name" >>"$SCEN_OUT"; done
  grep -q "nothing to change" "$LAB_OUT/prepare.out" || fail "ppptui apply right after import wanted to change files"
  ! grep -qE "^[a-z-]+: applied" "$LAB_OUT/prepare.out" || fail "ppptui apply rewrote files right after import: $(grep -E '^[a-z-]+: applied' "$LAB_OUT/prepare.out" | tr '\n' ' ')"
  # The field report's profile, as ppptui understood it.
  pt show myvpn --json || fail "ppptui show myvpn exited $PT_EXIT"
  local server mtu
  server=$(jq -r '.. | objects | .server? // empty' <<<"$PT_OUT" | head -n 1)
  mtu=$(jq -r '.. | objects | .mtu? // empty' <<<"$PT_OUT" | head -n 1)
  [ "$server" = 192.0.2.1 ] && [ "$mtu" = 1416 ] || fail "ppptui show myvpn: server '$server' mtu '$mtu', expected 192.0.2.1 and 1416"
  DETAIL="$(wc -w <<<"$kinds") profiles imported:$kinds; apply changed nothing"
}
