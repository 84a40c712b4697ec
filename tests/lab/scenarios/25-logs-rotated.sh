DESCRIPTION="Fault: the log is rotated, then truncated, while ppptui logs --follow runs: no line lost, none twice"
EXPECT=custom
CLIENTS=ppptui
LINES=160
scenario_main() {
  local sock=$LAB_RUN/rotation.sock file=/var/log/ppp-rotation.log syslogd follower writer
  "$LAB_RUN/bin/lab-syslogd" "$sock" "$file" & syslogd=$!
  wait_for 5 test -S "$sock" || { fail "the test's syslog receiver did not start"; return 0; }
  "$PPPTUI" logs --source "$file" --follow --grep 'rotation-test' >"$SCEN_DIR/$NAME.follow" 2>>"$SCEN_OUT" </dev/null &
  follower=$!
  sleep 2.5 # ppptui is up and following
  # pppd-like lines at a steady 40 a second, through syslog like the real ones.
  perl -MIO::Socket::UNIX -MSocket -MPOSIX=strftime -MTime::HiRes=sleep -e '
    my ($sock, $n) = @ARGV;
    my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Peer => $sock) or die "no socket: $!";
    for my $i (1 .. $n) {
      $s->send("<30>" . strftime("%b %e %H:%M:%S", localtime) . " pppd[4242]: rotation-test line $i");
      sleep 0.025;
    }' "$sock" "$LINES" &
  writer=$!
  sleep 1.3
  # logrotate's default: move the file away, the daemon reopens (postrotate HUP).
  mv "$file" "$file.1"; kill -HUP "$syslogd"
  echo "# rotated (mv + HUP) at line $(grep -c rotation-test "$file.1")" >>"$SCEN_OUT"
  sleep 1.3
  # copytruncate: copy, then cut the live file to nothing; the daemon keeps writing into it.
  cp "$file" "$file.2"; : >"$file"
  echo "# truncated (copytruncate) after line $(grep -c rotation-test "$file.2") of this file" >>"$SCEN_OUT"
  wait "$writer"
  sleep 2.5 # the follower catches up
  pid_alive "$follower" || fail "ppptui logs --follow ended by itself"
  stop_bg "$follower"
  stop_bg "$syslogd"

  local kept followed missing twice order
  kept=$(cat "$file.1" "$file.2" "$file" | grep -o 'rotation-test line [0-9]*' | awk '{print $3}' | sort -n -u)
  followed=$(grep -o 'rotation-test line [0-9]*' "$SCEN_DIR/$NAME.follow" | awk '{print $3}')
  missing=$(comm -23 <(echo "$kept" | sort) <(echo "$followed" | sort -u) | sort -n | paste -sd ' ')
  twice=$(echo "$followed" | sort -n | uniq -d | paste -sd ' ')
  [ -z "$missing" ] || fail "ppptui logs --follow lost lines the files hold: $missing"
  [ -z "$twice" ] || fail "ppptui logs --follow printed lines twice: $twice"
  [ "$followed" = "$(echo "$followed" | sort -n)" ] || fail "ppptui logs --follow printed lines out of order"
  local n_kept n_followed; n_kept=$(echo "$kept" | grep -c .); n_followed=$(echo "$followed" | grep -c .)
  # Lines written between copytruncate's copy and its truncation are in no file: logrotate's own
  # known loss, counted apart (a follower cannot show what no file holds).
  DETAIL="$LINES sent; the files kept $n_kept (copytruncate's window lost $((LINES - n_kept))); ppptui followed $n_followed, none lost, none twice"
  rm -f "$file" "$file.1" "$file.2"
}
