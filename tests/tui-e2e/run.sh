#!/usr/bin/env bash
# End-to-end checks of the real ppptui binary: it runs in tmux on a sandbox root, keys go in with
# send-keys, the screen comes back with capture-pane.
#
#   tests/tui-e2e/run.sh                 run every scenario below
#   tests/tui-e2e/run.sh NAME...         run the named scenarios (without the "scenario_" prefix)
#   tests/tui-e2e/run.sh --bin PATH ...  run them against that binary (CI: the published release binary)
#   tests/tui-e2e/run.sh --list          list the scenarios
#
# Environment:
#   PPPTUI_BIN   the binary when --bin is not given (default: dist/ppptui-linux-x64, else the Debug
#                build run with dotnet); may hold a command, e.g. "dotnet /path/ppptui.dll"
#   E2E_COLS / E2E_ROWS   terminal size (default 100x30)
#   E2E_TIMEOUT  seconds wait_for waits (default 10)
#   E2E_TERM     TERM inside tmux (default xterm-256color)
#   E2E_KEEP=1   keep the sandbox and the tmux session of a failed scenario for a look
#   E2E_AS=USER  run ppptui as USER (needs root; used to check what a user without write access sees)
#   E2E_READONLY=1  make the sandbox read-only (after seeding) before ppptui starts
#   E2E_RECORD=FILE record every byte ppptui sends to the terminal into FILE (with `script`)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)

COLS=${E2E_COLS:-100}
ROWS=${E2E_ROWS:-30}
TIMEOUT=${E2E_TIMEOUT:-10}
SESSION=""
SANDBOX=""

command -v tmux >/dev/null || { echo "run.sh: tmux is required" >&2; exit 2; }

if [ "${1:-}" = --bin ]; then
  [ $# -ge 2 ] || { echo "run.sh: --bin needs the path of a ppptui binary" >&2; exit 2; }
  [ -x "$2" ] || { echo "run.sh: --bin $2: not an executable file" >&2; exit 2; }
  PPPTUI_BIN=$(realpath "$2")
  shift 2
fi

if [ -n "${PPPTUI_BIN:-}" ]; then
  read -r -a BIN <<<"$PPPTUI_BIN"
elif [ -x dist/ppptui-linux-x64 ]; then
  BIN=("$REPO/dist/ppptui-linux-x64")
else
  dotnet build src/PppTui/PppTui.csproj -v quiet -nologo >/dev/null
  BIN=(dotnet "$REPO/src/PppTui/bin/Debug/net10.0/ppptui.dll")
fi

# ---- helpers ---------------------------------------------------------------------------------
# Each scenario runs in a subshell; a failing helper exits that subshell, so a scenario stops at
# its first failed step (errexit alone would not: it is off inside an `if`).

fail() { echo "$*" >&2; exit 1; }

# start [ARGS...]: a fresh sandbox root and a tmux session running ppptui --root SANDBOX ARGS.
# When ppptui exits the pane prints "PPPTUI-EXITED:<code>" and stays, so the exit can be checked.
start() {
  SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/ppptui-e2e.XXXXXX")
  mkdir -p "$SANDBOX/etc/ppp/peers" "$SANDBOX/etc/ppptui/profiles" "$SANDBOX/run" "$SANDBOX/var/log"
  # A server's syslog, empty: without any log source the log pane's failure notice takes the status
  # line whenever it arrives, and the screens here are about other things.
  : >"$SANDBOX/var/log/syslog"
  [ "$(type -t seed)" = function ] && seed "$SANDBOX"
  SESSION="ppptui-e2e-$$-$RANDOM"
  local cmd as=()
  if [ "${E2E_READONLY:-}" = 1 ]; then chmod -R a+rX,a-w "$SANDBOX"; fi
  if [ -n "${E2E_AS:-}" ]; then
    # Its own HOME: the settings and the app's log of that user go there, not into ours.
    local home; home=$(mktemp -d "${TMPDIR:-/tmp}/ppptui-e2e-home.XXXXXX")
    chown "$E2E_AS" "$home"
    as=(setpriv "--reuid=$E2E_AS" "--regid=$(id -gn "$E2E_AS")" --clear-groups env "HOME=$home")
  fi
  printf -v cmd '%q ' "${as[@]}" "${BIN[@]}" --root "$SANDBOX" "$@"
  if [ -n "${E2E_RECORD:-}" ]; then printf -v cmd 'script -q -f -c %q %q' "$cmd" "$E2E_RECORD"; fi
  tmux new-session -d -s "$SESSION" -x "$COLS" -y "$ROWS" \
    "env TERM=${E2E_TERM:-xterm-256color} ${E2E_ENV:-} $cmd; echo PPPTUI-EXITED:\$?; sleep 3600"
}

# send KEY...: tmux key names (F1, Escape, Enter, M-t for Alt+T, C-q, Down ...).
send() { tmux send-keys -t "$SESSION" "$@"; }

# type TEXT: literal text, as if typed.
type_text() { tmux send-keys -t "$SESSION" -l "$1"; }

# capture: the screen as text.
capture() { tmux capture-pane -p -t "$SESSION"; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string); fails with the screen.
wait_for() {
  local text=$1 limit=${2:-$TIMEOUT} waited=0
  while ! capture | grep -qF -- "$text"; do
    sleep 0.2; waited=$((waited + 1))
    if [ $((waited / 5)) -ge "$limit" ]; then
      echo "wait_for: '$text' did not appear within ${limit}s${E2E_TERM:+ (TERM=$E2E_TERM)}; the screen:" >&2
      capture >&2
      exit 1
    fi
  done
}

# never_shown TEXT: the screen does not show TEXT now (a secret, say).
never_shown() {
  if capture | grep -qF -- "$1"; then
    echo "never_shown: '$1' is on the screen:" >&2
    capture >&2
    exit 1
  fi
}

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
  local text=$1 limit=${2:-$TIMEOUT} waited=0
  while capture | grep -qF -- "$text"; do
    sleep 0.2; waited=$((waited + 1))
    if [ $((waited / 5)) -ge "$limit" ]; then
      echo "wait_gone: '$text' still shown after ${limit}s; the screen:" >&2
      capture >&2
      exit 1
    fi
  done
}

# quit: F10, then the exit code must be 0.
quit() {
  send F10
  wait_for "PPPTUI-EXITED:0"
}

# quit_discarding: F10 with unapplied edits asks first; confirm, then the exit code must be 0.
quit_discarding() {
  send F10
  wait_for "Quit and lose them?"
  send Enter
  wait_for "PPPTUI-EXITED:0"
}

stop() {
  [ -n "$SESSION" ] && tmux kill-session -t "$SESSION" 2>/dev/null || true
  [ -n "$SANDBOX" ] && rm -rf "$SANDBOX"
  SESSION=""; SANDBOX=""
}

# ---- scenarios -------------------------------------------------------------------------------

scenario_starts_shows_every_pane_and_quits() {
  start
  wait_for "Profiles"
  wait_for "Editor"
  wait_for "Preview"
  wait_for "[Links] Routes Log"
  send M-6
  wait_for "Links Routes [Log]"
  wait_for "Filter:"
  quit
}

scenario_help_opens_on_F1_and_closes_on_Escape() {
  start
  wait_for "Profiles"
  send F1
  wait_for "Help: keys"
  wait_for "Connect the selected profile"
  send Escape
  wait_gone "Help: keys"
  quit
}

scenario_zoom_and_back() {
  start
  wait_for "Profiles"
  send F11
  wait_gone "Preview"
  send Escape
  wait_for "Preview"
  quit
}

scenario_theme_switch_is_remembered() {
  start
  wait_for "Profiles"
  send M-t
  wait_for "Theme: dark"
  quit
  grep -qx 'theme = "dark"' "$SANDBOX/etc/ppptui/ppptui.toml" ||
    fail "ppptui.toml does not remember the theme: $(cat "$SANDBOX/etc/ppptui/ppptui.toml" 2>&1)"
}

scenario_every_terminal_type_draws() {
  local term
  for term in xterm-256color xterm screen linux vt100; do
    E2E_TERM=$term start
    wait_for "Profiles"
    quit
    stop
  done
}

scenario_no_color_starts_in_monochrome() {
  E2E_ENV="NO_COLOR=1" start
  wait_for "Profiles"
  # Monochrome uses no colour escapes: capture with -e and look for 38;/48; colour codes.
  if tmux capture-pane -p -e -t "$SESSION" | grep -qE $'\e\\[[0-9;]*(3[0-7]|9[0-7]|38;|4[0-7]|10[0-7]|48;)'; then
    fail "NO_COLOR set, but the screen has colour escapes"
  fi
  quit
}

# Issue #14: in a locale without UTF-8 the box characters would arrive as garbage.
scenario_lang_c_draws_frames_in_ascii() {
  E2E_ENV="LANG=C LC_ALL= LC_CTYPE=" start
  wait_for "Profiles"
  wait_for "+-"
  if capture | grep -qP '[^\x00-\x7F]'; then fail "LANG=C, but the screen has non-ASCII characters: $(capture | grep -P '[^\x00-\x7F]' | head -n 3)"; fi
  quit
}

# Issue #14: on a slow SSH link every byte counts; nothing visible changes, so nothing is sent.
scenario_idle_screen_sends_no_bytes() {
  local record; record=$(mktemp "${TMPDIR:-/tmp}/ppptui-e2e-bytes.XXXXXX")
  E2E_RECORD=$record start
  wait_for "Profiles"
  sleep 2
  local first; first=$(stat -c %s "$record")
  sleep 4
  local after; after=$(stat -c %s "$record")
  rm -f "$record"
  [ "$after" -eq "$first" ] || fail "the idle screen sent $((after - first)) bytes in 4 s"
  [ "$first" -lt 8192 ] || fail "the first frame took $first bytes (at most 8 KB)"
  quit
}

# Issue #6: a PPTP profile made through the form, previewed with the secret masked, applied to disk.
scenario_new_pptp_profile_through_the_form() {
  local password='Pa55-w0rd!x'
  start
  wait_for "No profiles yet"
  send F7
  wait_for "New profile"
  type_text office
  send Enter
  wait_for "office · PPTP VPN (new)"
  wait_for "a server (host"                       # the validator's message beside the empty Server field
  send Tab; type_text vpn.example.com             # Description -> Server
  send Tab; type_text alice                       # -> User
  send Tab; type_text "$password"                 # -> Password
  wait_for "Password          ∙∙∙∙∙∙∙∙∙∙∙"
  never_shown "$password"
  wait_for "name alice"                           # the preview follows the typing
  send M-3; send F11                              # the preview, zoomed: every line in full
  wait_for 'pty "pptp vpn.example.com --nolaunchpppd"'
  wait_for "▸ /etc/ppp/chap-secrets (new)"
  wait_for "alice office ********"
  never_shown "$password"
  send F3                                         # the diff against disk says the same, masked
  wait_for "+alice office ********"
  never_shown "$password"
  send F3; send Escape
  send F2
  wait_for "Applied office: wrote /etc/ppp/peers/office, /etc/ppp/chap-secrets"
  wait_for "office      pptp   down"               # in the list now, its link down
  never_shown "$password"
  local peers="$SANDBOX/etc/ppp/peers/office" secrets="$SANDBOX/etc/ppp/chap-secrets"
  grep -qxF 'pty "pptp vpn.example.com --nolaunchpppd"' "$peers" || fail "no pty line in $peers: $(cat "$peers")"
  grep -qx 'name alice' "$peers" || fail "no 'name alice' in $peers"
  grep -q "$password" "$peers" && fail "the password is in the peers file"
  [ "$(stat -c %a "$secrets")" = 600 ] || fail "chap-secrets has mode $(stat -c %a "$secrets"), not 600"
  grep -qE "^alice[[:space:]]+office[[:space:]]+\"?${password}\"?([[:space:]]|\$)" "$secrets" ||
    fail "no record for alice/office in chap-secrets: $(sed 's/[^ ]*$/***/' "$secrets")"
  grep -rq "$password" "$SANDBOX/etc/ppptui" && fail "the password is in the profile TOML"
  quit
}

# A user without write access to the root: the screen lets them edit, the core refuses to write
# and says why (NeedsRoot), and nothing is written.
scenario_unwritable_root_refuses_apply_with_the_reason() {
  if [ "$(id -u)" != 0 ]; then echo "  (needs root to run ppptui as another user; not run)" >&2; return 0; fi
  E2E_AS=nobody E2E_READONLY=1 start
  wait_for "SANDBOX"
  send F7
  wait_for "New profile"
  type_text office
  send Enter
  wait_for "office · PPTP VPN (new)"
  send Tab; type_text vpn.example.com
  send Tab; type_text alice
  send F2
  wait_for "✖ Apply office:"
  wait_for "needs write access"
  send F12
  wait_for "fix:   Run it as root"
  send Escape
  wait_gone "Errors ("
  [ -e "$SANDBOX/etc/ppp/peers/office" ] && fail "a peers file was written into a read-only root"
  [ -e "$SANDBOX/etc/ppptui/profiles/office.toml" ] && fail "a profile was written into a read-only root"
  quit_discarding
}

# Issue #7: the doctor's report on the selected profile (run in the background, shown in a dialog),
# and keeping a link up with systemd, which in a sandbox enables the unit inside the sandbox only.
scenario_doctor_and_keep_up_with_systemd() {
  seed() {
    printf 'pty "pptp 192.0.2.1 --nolaunchpppd"\nname alice\nremotename office\nnoauth\n' >"$1/etc/ppp/peers/office"
    "${BIN[@]}" --root "$1" import office >/dev/null
  }
  start
  wait_for "office · PPTP VPN"
  send M-o
  wait_for "Doctor: this machine and office"
  wait_for "FAIL  pppd: pppd is not installed"
  send End                                         # the report scrolls: the profile's checks are last
  wait_for "Profile office"
  send Escape
  wait_gone "Doctor: this machine"
  wait_for "Doctor: "                                # the summary stays on the message line
  command -v systemctl >/dev/null || { echo "  (no systemctl: keep-up part not run)" >&2; quit; return 0; }
  send M-k
  wait_for "Keep office up with systemd?"
  send Enter
  wait_for "office is kept up by systemd"
  wait_for "down↻"                                  # the list marks it too
  wait_for "↻ kept up by systemd (ppptui@office"
  [ -L "$SANDBOX/etc/systemd/system/multi-user.target.wants/ppptui@office.service" ] ||
    fail "ppptui@office.service is not enabled inside the sandbox"
  quit
}

# Issue #14: the field report's four hand-written files and no import. At 80x24 (a new SSH
# window) myvpn is in the list as a peers file not imported yet, its editor shows the file's
# settings, the diff against disk is empty, and nothing under the root changed.
scenario_hand_written_peers_file_shown_without_import_at_80x24() {
  COLS=80 ROWS=24
  SEEDED=""
  tree_hashes() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }
  seed() {
    printf '%s\n' 'remotename myvpn' 'linkname myvpn' 'ipparam myvpn' 'pty "pptp 192.0.2.1 --nolaunchpppd --loglevel 0"' \
      lock nodeflate 'name user' usepeerdns require-mppe noauth require-mppe-128 defaultroute 'mtu 1416 #critical!!!' \
      >"$1/etc/ppp/peers/myvpn"
    printf 'user * pass\n' >"$1/etc/ppp/chap-secrets"
    chmod 600 "$1/etc/ppp/chap-secrets"
    printf '%s\n' 'lcp-echo-failure 10' 'lcp-echo-interval 10' lock crtscts nodeflate persist 'asyncmap 0' noauth \
      hide-password noipx >"$1/etc/ppp/options"
    printf '%s\n' lock noauth refuse-pap refuse-eap refuse-chap refuse-mschap nobsdcomp nodeflate require-mppe-128 \
      'ipparam myvpn' defaultroute >"$1/etc/ppp/options.pptp"
    SEEDED=$(tree_hashes "$1")
  }
  start
  wait_for "myvpn          file"                     # listed, badged as a peers file not imported
  wait_for "myvpn · PPTP VPN"
  never_shown "No profiles yet"
  send M-2; send F11                                 # the editor, zoomed: every field at 80x24
  wait_for "(not imported)"
  wait_for "192.0.2.1"
  wait_for "user"
  wait_for "1416"
  wait_for "required-128"
  send Escape
  send M-3; send F3                                  # the diff against disk: nothing would change
  wait_for "(no differences)"
  quit
  [ "$(tree_hashes "$SANDBOX")" = "$SEEDED" ] || fail "files under the root changed: $(diff <(echo "$SEEDED") <(tree_hashes "$SANDBOX"))"
  [ ! -e "$SANDBOX/etc/ppptui/profiles/myvpn.toml" ] || fail "myvpn was imported"
}

# Issue #14: the sizes we design for. The seed is the field report's hand-written files plus one
# profile made with the CLI, so the editor has a form to lay out.
seed_field_report() {
  local root=$1
  printf '%s\n' 'remotename myvpn' 'linkname myvpn' 'ipparam myvpn' 'pty "pptp vpn.example.net --nolaunchpppd --loglevel 0"' \
    lock nodeflate 'name alice' usepeerdns require-mppe noauth require-mppe-128 defaultroute 'mtu 1416 #critical!!!' \
    >"$root/etc/ppp/peers/myvpn"
  printf '%s\n' 'lcp-echo-failure 10' 'lcp-echo-interval 10' lock crtscts nodeflate persist 'asyncmap 0' noauth \
    hide-password noipx >"$root/etc/ppp/options"
  printf 'secret\n' | "${BIN[@]}" --root "$root" new office --kind pptp --server 192.0.2.1 --user alice \
    --password-stdin >/dev/null
}

# start_field_report COLS ROWS: the field report's sandbox at that size, the editor showing office.
start_field_report() {
  seed() { seed_field_report "$1"; }
  COLS=$1 ROWS=$2 start
  wait_for "Editor · myvpn"                          # the peers file not imported sorts first
  send Down
  wait_for "Editor · office"
}

scenario_80x24_list_and_editor_side_by_side_with_the_rest_one_key_away() {
  start_field_report 80 24
  wait_for "Preview [Links] Routes Log  Alt+3/4/5/6"
  wait_for "No ppp links right now"
  wait_for "Remote name       office"
  wait_for "more below"                             # the form is taller than the pane and says so
  never_shown "Descript "
  send M-3
  wait_for "[Preview] Links Routes Log"
  wait_for "remotename office"
  send M-2                                          # into the form, on its first field
  wait_for "Alt+R  Revert"                          # the editor's keys are on the status bar
  local i
  for i in $(seq 30); do
    send Tab; sleep 0.1
    capture | grep -qF "Keep up (persist)" && break
  done
  wait_for "Keep up (persist)"                      # Tab scrolls the form to the field it lands on
  wait_for "▲"                                      # and the pane says rows are out of view above
  never_shown "Encrypti "
  send M-6
  wait_for "Links Routes [Log]"
  quit
}

scenario_160x48_shows_every_pane_at_once() {
  start_field_report 160 48
  wait_for "Preview · files"
  wait_for "Links"
  wait_for "Routes"
  wait_for "Log · "
  wait_for "Keep up (persist)"
  wait_for "pty \"pptp 192.0.2.1 --nolaunchpppd\""
  never_shown "Alt+4/5/6"                           # nothing is tabbed at this size
  quit
}

# Line noise or a `wall` message lands on the terminal behind the screen's back; the screen only
# sends cells that change, so the noise stays until Ctrl+L draws everything again.
scenario_ctrl_l_repaints_what_noise_overwrote() {
  start_field_report 80 24
  printf '\033[5;30HLINE-NOISE-XYZ' >"$(tmux display -p -t "$SESSION" '#{pane_tty}')"
  wait_for "LINE-NOISE-XYZ"
  sleep 1
  capture | grep -qF "LINE-NOISE-XYZ" || fail "the noise vanished by itself (nothing to repaint?)"
  send C-l
  wait_gone "LINE-NOISE-XYZ"
  wait_for "Editor · office"
  quit
}

# aligned_right_border: every row that ends in a frame character ends it in the last column, counting
# East Asian wide characters as two cells. A double-width glyph counted as one (or cut in half)
# shifts the rest of its row, so the right border would leave that column.
aligned_right_border() {
  capture | python3 -c '
import sys, unicodedata
cols = int(sys.argv[1]); bad = []; framed = 0
for n, row in enumerate(sys.stdin.read().split("\n"), 1):
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in row)
    if width > cols: bad.append(f"row {n} is {width} cells wide: {row}")
    text = row.rstrip()
    if text and text[-1] in "│┤┐┘║╣╗╝":
        framed += 1
        end = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
        if end != cols: bad.append(f"row {n} ends its frame in column {end}, not {cols}: {row}")
if framed < 5: bad.append(f"only {framed} rows end in a frame character")
print("\n".join(bad)); sys.exit(1 if bad else 0)' "$COLS" || fail "the screen is not aligned: $(capture)"
}

# Issue #15: in a Chinese locale the menus, the help and a validation message are in Chinese, and
# double-width characters keep every pane's right border in place at 80x24.
scenario_zh_CN_at_80x24_speaks_Chinese_and_stays_aligned() {
  COLS=80; ROWS=24                                  # for the whole scenario (it runs in a subshell)
  E2E_ENV="LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES=" start
  wait_for "文件"
  wait_for "链路"
  wait_for "帮助"
  wait_for "还没有配置"                              # the empty list, and the hint above the status bar
  wait_for "F1 帮助 · F9 菜单"
  aligned_right_border
  send F1
  wait_for "帮助:按键"
  wait_for "拨号连接所选配置"
  aligned_right_border
  send Escape
  wait_gone "帮助:按键"
  send F7
  wait_for "新建配置"
  type_text office
  send Enter
  wait_for "office"
  wait_for "必须填写服务器"                          # the validator's message beside the empty Server field
  aligned_right_border
  no_english_on_screen
  quit
}

# The editor, its tab strip and buttons in Chinese at 160x48 too: section headings, field labels,
# the header's markers, Apply/Revert, the preview's title; and nothing English that we wrote.
scenario_zh_CN_at_160x48_editor_speaks_Chinese_and_stays_aligned() {
  COLS=160; ROWS=48
  E2E_ENV="LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES=" start
  wait_for "还没有配置"
  send F7
  wait_for "新建配置"
  type_text office
  send Enter
  wait_for "(新建)"
  wait_for "── 连接"
  wait_for "── 登录"
  wait_for "── PPP 选项"
  wait_for "服务器"
  wait_for "⟦应用⟧"
  wait_for "⟦还原⟧"
  aligned_right_border
  no_english_on_screen
  quit
}

# no_english_on_screen: none of the English words the catalog translates (section headings,
# buttons, markers, pane names, the scroll hint) is left on the screen.
no_english_on_screen() {
  local screen word
  screen=$(capture)
  for word in Connection Login "Apply" "Revert" "(new)" "(not imported)" "more below" "more above" \
      Profiles Editor Preview Links Routes "Description" "Remote name" "Default route"; do
    grep -qF -- "$word" <<<"$screen" && fail "'$word' is still English on the screen: $screen"
  done
  return 0
}

# ---- runner ----------------------------------------------------------------------------------

mapfile -t ALL < <(declare -F | awk '{print $3}' | grep '^scenario_' | sed 's/^scenario_//')
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${ALL[@]}"; exit 0; fi
SELECTED=("$@")
[ ${#SELECTED[@]} -eq 0 ] && SELECTED=("${ALL[@]}")

echo "run.sh: ppptui is ${BIN[*]}"
passed=0; failed=0
for name in "${SELECTED[@]}"; do
  if ! declare -F "scenario_$name" >/dev/null; then echo "run.sh: no scenario '$name' (see --list)" >&2; exit 2; fi
  if ( trap '[ "${E2E_KEEP:-}" = 1 ] || stop' EXIT; "scenario_$name" ); then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
