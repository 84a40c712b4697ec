DESCRIPTION="Values hard on pppd's word reader (quotes, backslashes, #, shell characters, Unicode) come back exactly from the real pppd (file F dump dryrun), with no extra option"
EXPECT=custom
CLIENTS=ppptui
PROFILE=vals
# The user name goes into `name` and, behind a prefix, into `remotename`: both are o_string
# options that pppd's dump prints with %q. Every value here passes validation; the property tests
# cover the millions of others, this proves the rendering with pppd itself.
VALUES=(
  'alice'
  'alice smith'
  'dom\alice'
  'a"b'
  '#notacomment'
  "o'brien"
  'ünïcödé'
  '張三'
  'x\\y "z"'
  '$(id)'
  'a;b|c&d'
  '--user'
  'emoji😀'
  'tail\'
  '"'
)

# pppd's %q: a backslash before " and \, control bytes (and 0x7f-0x9f) as \t \n \b \f \xHH.
# Turns one dumped value back into its bytes.
pppd_unquote() { # TEXT
  local text=$1
  # A leading quote is pppd's own wrapping, never the value's: a " of the value comes escaped.
  if [[ $text == \"* ]]; then text=${text:1:${#text}-2}; fi
  text=${text//\\\"/\\x22}
  printf '%b' "$text"
}

# Prints NAME=VALUE for every option pppd took from FILE, one a line, from `dump` (syslog format
# or stdout: pppd prints "OPTION VALUE\t\t# (from FILE)").
pppd_dump_options() { # FILE OUTPUT
  local file=$1 line
  while IFS= read -r line; do
    [[ $line == *$'\t\t# (from '"$file)" ]] || continue
    line=${line%$'\t\t# (from '*}
    line=${line#*pppd\[[0-9]*\]: }
    line=${line#"${line%%[![:space:]]*}"}
    printf '%s\n' "$line"
  done <<<"$2"
}

scenario_main() {
  local i value name file out status opts want_names names base_names="" checked=0
  for i in "${!VALUES[@]}"; do
    value=${VALUES[$i]} name=vals$i file=/etc/ppp/peers/vals$i
    pt new "$name" --kind pptp --server 192.0.2.1 --user "$value" --remotename "r $value" ||
      { fail "ppptui new with user [$value] exited $PT_EXIT: $PT_ERR"; continue; }
    cp "$file" "$SCEN_DIR/$name.peers"
    out=$(timeout -k 2 20 pppd file "$file" dump dryrun nodetach 2>&1); status=$?
    printf '$ pppd file %s dump dryrun nodetach\n%s\n[exit %s]\n' "$file" "$out" "$status" >>"$SCEN_OUT"
    [ "$status" = 0 ] || { fail "pppd file $file dump dryrun exited $status (user [$value])"; continue; }
    opts=$(pppd_dump_options "$file" "$out")
    [ -n "$opts" ] || { fail "pppd dump printed no option from $file"; continue; }
    local got_name got_remote
    got_name=$(pppd_unquote "$(sed -n 's/^name //p' <<<"$opts")")
    got_remote=$(pppd_unquote "$(sed -n 's/^remotename //p' <<<"$opts")")
    [ "$got_name" = "$value" ] || fail "user [$value]: pppd read name as [$got_name]"
    [ "$got_remote" = "r $value" ] || fail "user [$value]: pppd read remotename as [$got_remote]"
    # The same options as the plain profile (vals0), none more, none fewer.
    names=$(cut -d' ' -f1 <<<"$opts" | sort | tr '\n' ' ')
    if [ "$i" = 0 ]; then base_names=$names; want_names=$names
    elif [ "$names" != "$base_names" ]; then fail "user [$value]: pppd saw options [$names], the plain profile has [$base_names]"; fi
    checked=$((checked + 1))
  done
  # A value pppd could not read back as one word is refused, naming the field.
  pt new valsbad --kind pptp --server 192.0.2.1 --user $'two\nlines' --no-apply &&
    fail "ppptui new accepted a user name with a newline"
  contains "$PT_ERR$PT_OUT" "user" || fail "the refusal of a newline in the user name does not name the field: $PT_ERR"
  for i in "${!VALUES[@]}"; do pt delete "vals$i" || fail "ppptui delete vals$i exited $PT_EXIT"; done
  DETAIL="$checked of ${#VALUES[@]} hostile user names read back exactly by pppd; options from the file: ${want_names:-none}"
  return 0
}
