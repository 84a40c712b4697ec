#!/usr/bin/env bash
# The Ansible collection (packaging/ansible) end to end with Debian's ansible-core, against
# localhost and a --root sandbox: the first run changes, the second changes nothing, --check
# predicts a change and writes nothing, --diff shows ppptui's lines, and the password appears in
# no output even at -vvv (it must still reach chap-secrets).
#
# Environment:
#   PPPTUI_BIN   the binary to ship (default: dist/ppptui-linux-x64, else the Debug build run with dotnet)
#   ANSIBLE_TEST_KEEP=1  keep the work folder (sandbox and every run's output)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)

if ! command -v ansible-playbook >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ansible: installing ansible-core" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ansible-core >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ansible-core >/dev/null; }
  else
    echo "ansible: ansible-playbook is required; run: sudo apt-get install ansible-core" >&2
    exit 2
  fi
fi

WORK=$(mktemp -d)
cleanup() { [ "${ANSIBLE_TEST_KEEP:-}" = 1 ] && echo "ansible: kept $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
SANDBOX=$WORK/host
mkdir -p "$SANDBOX/etc/ppp/peers" "$SANDBOX/usr/local/bin"

# The file the install role ships: the release binary, or a one-line launcher of the Debug build.
if [ -n "${PPPTUI_BIN:-}" ] && [ -x "$PPPTUI_BIN" ]; then
  SOURCE=$(realpath "$PPPTUI_BIN")
elif [ -x dist/ppptui-linux-x64 ] && [ -z "${PPPTUI_BIN:-}" ]; then
  SOURCE=$REPO/dist/ppptui-linux-x64
else
  dotnet build src/PppTui/PppTui.csproj -v quiet -nologo >/dev/null
  SOURCE=$WORK/ppptui
  printf '#!/bin/sh\nexec dotnet %s "$@"\n' "$REPO/src/PppTui/bin/Debug/net10.0/ppptui.dll" > "$SOURCE"
  chmod 0755 "$SOURCE"
fi

# A password that no output may contain; the vars file is the controller's secret store (mode 0600).
SECRET="Ansible-S3cret-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
VARS=$WORK/vars.yml
( umask 077; printf 'sandbox: "%s"\nppptui_source: "%s"\noffice_password: "%s"\n' "$SANDBOX" "$SOURCE" "$SECRET" > "$VARS" )

export ANSIBLE_COLLECTIONS_PATH=$REPO/packaging/ansible ANSIBLE_HOME=$WORK/ansible-home ANSIBLE_LOCAL_TEMP=$WORK/ansible-tmp
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0
export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_GATHERING=explicit ANSIBLE_PIPELINING=1

failures=0
run_number=0
fail() { echo "ansible: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ansible: ok: $*"; }

# play TITLE ARGS...: one ansible-playbook run at -vvv; its output in $OUT, its changed count in $CHANGED.
play() {
  local title=$1; shift
  run_number=$((run_number + 1))
  OUT=$WORK/run-$run_number.log
  if ! ansible-playbook -vvv -i localhost, -c local -e "@$VARS" "$@" tests/ansible/site.yml >"$OUT" 2>&1; then
    # Every later run builds on this one: stop here.
    tail -40 "$OUT" >&2; echo "ansible: FAIL: $title: ansible-playbook failed (output: $OUT)" >&2; exit 1
  fi
  CHANGED=$(sed -n 's/^localhost *: .*changed=\([0-9]*\).*/\1/p' "$OUT" | tail -1)
  echo "ansible: run $run_number ($title): changed=$CHANGED"
}
# play_refused TITLE ARGS...: a run that must fail; its output in $OUT.
play_refused() {
  local title=$1; shift
  run_number=$((run_number + 1))
  OUT=$WORK/run-$run_number.log
  if ansible-playbook -vvv -i localhost, -c local -e "@$VARS" "$@" tests/ansible/site.yml >"$OUT" 2>&1; then
    fail "$title: ansible-playbook succeeded (output: $OUT)"
  else
    echo "ansible: run $run_number ($title): refused"
  fi
}
expect_changed() { # WANT TITLE
  if [ "$CHANGED" = "$1" ]; then pass "$2: changed=$1"; else fail "$2: changed=$CHANGED, expected $1 (output: $OUT)"; fi
}
expect_in_output() { # TEXT TITLE
  if grep -qF -- "$1" "$OUT"; then pass "$2"; else fail "$2: '$1' not in the output ($OUT)"; fi
}

start=$(date +%s)

# Each module's documentation parses (ansible-doc is what users read it with).
for module in ppptui_profile ppptui_link; do
  ansible-doc "ppptui.ppp.$module" >/dev/null 2>"$WORK/doc.err" && pass "ansible-doc ppptui.ppp.$module" ||
    fail "ansible-doc ppptui.ppp.$module: $(head -3 "$WORK/doc.err")"
done

play "install, first" --tags install
expect_changed 1 "the binary is shipped to a host that lacks it"
[ -x "$SANDBOX/usr/local/bin/ppptui" ] || fail "no binary at $SANDBOX/usr/local/bin/ppptui"

# From here on the role runs too: exactly one change predicted means it left the binary alone.
play "check on a new host" --check --diff
expect_changed 1 "--check predicts the new profile (and the install role leaves a host that has ppptui alone)"
expect_in_output '+pty "pptp 192.0.2.1 --nolaunchpppd"' "--check --diff shows ppptui's diff of the peers file"
expect_in_output "+alice office ********" "--check --diff shows the secrets record masked"
[ ! -e "$SANDBOX/etc/ppptui/profiles/office.toml" ] && [ ! -e "$SANDBOX/etc/ppp/peers/office" ] &&
  pass "--check wrote nothing" || fail "--check wrote files"

play "first run" --diff
expect_changed 1 "the first run changes"
expect_in_output "+mtu 1460" "--diff shows the lines written"
grep -qF "$SECRET" "$SANDBOX/etc/ppp/chap-secrets" && pass "the password reached chap-secrets (through stdin)" ||
  fail "the password is not in chap-secrets"

play "second run" --diff
expect_changed 0 "the second run changes nothing"

play "check of a new MTU" --check --diff -e office_mtu=1400
expect_changed 1 "--check predicts the MTU change"
expect_in_output "-mtu 1460" "--diff shows the old MTU line"
expect_in_output "+mtu 1400" "--diff shows the new MTU line"
grep -q '^mtu 1460$' "$SANDBOX/etc/ppp/peers/office" && pass "--check left the peers file alone" || fail "--check changed the peers file"

play "new MTU" -e office_mtu=1400
expect_changed 1 "the MTU change is applied"
grep -q '^mtu 1400$' "$SANDBOX/etc/ppp/peers/office" && pass "the peers file says mtu 1400" || fail "the peers file lacks mtu 1400"

# A hand edit since ppptui wrote the file: --check warns, a real run refuses and leaves the edit.
echo "debug # a hand edit" >> "$SANDBOX/etc/ppp/peers/office"
play "check over a hand edit" --check -e office_mtu=1380
expect_in_output "was edited by hand since ppptui wrote it" "--check warns that the real run will refuse"
play_refused "over a hand edit" -e office_mtu=1380
expect_in_output "changed on disk since it was read" "the refusal names the file and why"
grep -q '^debug # a hand edit$' "$SANDBOX/etc/ppp/peers/office" && grep -q '^mtu 1400$' "$SANDBOX/etc/ppp/peers/office" &&
  pass "the hand-edited file is left as it was" || fail "the hand-edited file was overwritten"

play "absent" -e office_mtu=1400 -e office_state=absent
expect_changed 1 "state=absent deletes the profile"
[ ! -e "$SANDBOX/etc/ppp/peers/office" ] && pass "the peers file is gone" || fail "the peers file is still there"
play "absent again" -e office_mtu=1400 -e office_state=absent
expect_changed 0 "state=absent again changes nothing"

# The link module under a sandbox: status only (ppptui refuses to dial under --root); check mode
# predicts bringing a down link up.
OUT=$WORK/link.log
ansible -vvv localhost -i localhost, -c local -m ppptui.ppp.ppptui_link --check \
  -a "name=office state=up root=$SANDBOX binary=$SANDBOX/usr/local/bin/ppptui" >"$OUT" 2>&1 || true
expect_in_output '"changed": true' "--check predicts bringing a down link up"

# The password, in no output of any run (all at -vvv), nor in ppptui's own log.
leaks=$(grep -lF -- "$SECRET" "$WORK"/run-*.log "$WORK/link.log" 2>/dev/null || true)
[ -z "$leaks" ] && pass "the password is in no output (-vvv, $run_number runs)" || fail "the password is in: $leaks"
if grep -rqF -- "$SECRET" "$SANDBOX/var/log" 2>/dev/null; then fail "the password is in ppptui's log"; fi

echo "ansible: $(( $(date +%s) - start )) s"
if [ "$failures" -gt 0 ]; then echo "ansible: $failures check(s) failed" >&2; exit 1; fi
echo "ansible: every check passed"
