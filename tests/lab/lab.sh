#!/usr/bin/env bash
# The PPP lab, host side: real pppd, real servers and a real kernel with PPP (user-mode Linux),
# on a machine whose own kernel has none. Needs neither root nor KVM to boot; installing the
# Debian packages it needs does need root.
#
#   lab.sh test [SCENARIO...]   boot, run every scenario (or the ones named), print "N passed, M failed"
#   lab.sh interactive          boot with every server up and open a session on this terminal
#   lab.sh check                the quick checks that need no guest (see check.sh)
#   lab.sh root                 make the pppd 2.5 root (.lab/roots/trixie) if it is missing
#
# Environment: LAB_PPPD=2.4|2.5|both (which pppd: Debian 12's 2.4.9 on the host's root, Debian 13's
# 2.5.2 on a trixie root made with debootstrap; default both for test, 2.4 for interactive),
# LAB_PPPD25_SCENARIOS (the scenarios of a 2.5 run when none is named; all: every one),
# LAB_SKIP (scenarios to leave out, comma separated: counted and said as skipped),
# LAB_FIGURES_TUI=1 (the figures scenario also times the TUI's Up and Down under tmux; off by default),
# LAB_CLIENT=ppptui|pppd (who dials; default ppptui), LAB_PPPTUI=aot|debug|PATH
# (which ppptui; default aot when a C compiler is there), LAB_TIMEOUT (seconds for the whole
# guest, default 900), LAB_UI=shell|tui (interactive), LAB_KEEP_RUNS (default 5).
set -euo pipefail
LAB_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$LAB_DIR/../.." && pwd)
RUNS=$REPO/.lab/runs

# Debian package -> a file that proves it is installed.
PACKAGES=(
  "user-mode-linux:/usr/bin/linux.uml"
  "ppp:/usr/sbin/pppd"
  "pptp-linux:/usr/sbin/pptp"
  "pptpd:/usr/sbin/pptpd"
  "pppoe:/usr/sbin/pppoe-server"
  "kmod:/usr/sbin/insmod"
  "iproute2:/usr/sbin/ip"
  "socat:/usr/bin/socat"
  "tmux:/usr/bin/tmux"
  "jq:/usr/bin/jq"
  "debootstrap:/usr/sbin/debootstrap"
  "iputils-ping:/usr/bin/ping"
  "iptables:/usr/sbin/iptables-legacy"
)

say() { printf 'lab: %s\n' "$*"; }
die() { printf 'lab: %s\n' "$*" >&2; exit 2; }

# Installs what is missing when root; otherwise names the exact command and stops.
ensure_packages() {
  local missing=() entry
  for entry in "${PACKAGES[@]}"; do
    [ -e "${entry#*:}" ] || missing+=("${entry%%:*}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    say "missing Debian packages: ${missing[*]}"
    say "install them with:"
    printf '  sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}"
    exit 2
  fi
  command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get to install them"
  say "installing ${missing[*]}"
  # The lab runs its own servers inside the guest: the host must not start pptpd because a
  # package was installed, so service starts are refused for the duration of the install.
  local policy=/usr/sbin/policy-rc.d added_policy=no
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# added by ppptui lab.sh for one apt-get run\nexit 101\n' >"$policy"
    chmod +x "$policy"; added_policy=yes
  fi
  local status=0
  { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  } || status=$?
  [ "$added_policy" = yes ] && rm -f "$policy"
  [ $status -eq 0 ] || die "apt-get install ${missing[*]} failed (exit $status)"
  if [[ " ${missing[*]} " == *" pptpd "* ]] && [ -d /run/systemd/system ]; then
    systemctl disable --now pptpd >/dev/null 2>&1 && say "pptpd was installed for the lab only: its host service is disabled"
  fi
}

# pppd 2.5 (Debian 13 "trixie") runs in a root of its own: made once with debootstrap from the
# Debian registry and kept in .lab/roots/trixie (rebuilt when missing or incomplete). The guest
# boots with it as its root; the host's UML modules and this repository come in through hostfs.
# The packages: the PPP tools and servers, and what the guest scripts run (perl for the syslog
# receiver, jq, socat, tmux, pgrep, unshare, script, hostname, ss).
TRIXIE_ROOT=$REPO/.lab/roots/trixie
TRIXIE_PACKAGES=ppp,pptp-linux,pptpd,pppoe,xl2tpd,strongswan-charon,strongswan-swanctl,strongswan-starter,iproute2,kmod,socat,jq,procps,util-linux,tmux,hostname,bsdutils,bsdextrautils,perl-base,ncurses-base,findutils
ensure_trixie_root() {
  # A root made before strongSwan joined the list is made again (the L2TP/IPsec scenarios need it).
  [ -f "$TRIXIE_ROOT/.lab-root-ready" ] && [ -x "$TRIXIE_ROOT/usr/sbin/pppd" ] && [ -x "$TRIXIE_ROOT/usr/sbin/swanctl" ] && return 0
  [ "$(id -u)" = 0 ] || die "the pppd 2.5 root (${TRIXIE_ROOT#"$REPO"/}) is missing and making it needs root: run as root once (debootstrap)"
  local tmp=$TRIXIE_ROOT.partial started=$SECONDS
  rm -rf "$tmp" && mkdir -p "$(dirname "$TRIXIE_ROOT")"
  say "making the pppd 2.5 root: debootstrap trixie into ${TRIXIE_ROOT#"$REPO"/} (log: .lab/debootstrap.log)"
  debootstrap --variant=minbase --include="$TRIXIE_PACKAGES" trixie "$tmp" "${LAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
    >"$REPO/.lab/debootstrap.log" 2>&1 || die "debootstrap trixie failed (see .lab/debootstrap.log)"
  # The places the guest mounts the host's modules and this repository on.
  mkdir -p "$tmp/usr/lib/uml/modules" "$tmp$REPO"
  touch "$tmp/.lab-root-ready"
  rm -rf "$TRIXIE_ROOT" && mv "$tmp" "$TRIXIE_ROOT"
  say "pppd 2.5 root ready in $((SECONDS - started))s: $(chroot "$TRIXIE_ROOT" /usr/sbin/pppd --version 2>&1 | head -n 1)"
}

# Inside the guest everything runs as root, but hostfs reaches the host's files with the rights of
# the user who started UML: pppd (root:dip, mode 4754) and /etc/ppp/peers need group dip.
check_rights() {
  [ "$(id -u)" = 0 ] && return 0
  [ -x /usr/sbin/pppd ] ||
    die "without root, the lab needs your user in group dip (pppd is root:dip 4754): sudo adduser $(id -un) dip, then log in again"
  say "not root: secrets files on the host are compared by name, mode, size and time only"
}

# hostfs hands the guest the host's files, and the kernel command line carries paths: keep both
# simple enough to pass through unquoted.
check_repo_path() {
  [[ $REPO =~ ^[A-Za-z0-9_./+-]+$ ]] ||
    die "the repository path '$REPO' has characters the lab cannot pass to the guest (use letters, digits, _ . / + -)"
}

# The files on the host the guest could write through hostfs if its shields failed: their names,
# modes, owners, sizes, times and contents. Compared before and after every run.
WATCHED=(/etc/ppp /etc/ppptui /etc/chatscripts /etc/resolv.conf)
host_fingerprint() {
  local p
  for p in "${WATCHED[@]}"; do
    if [ -e "$p" ] || [ -L "$p" ]; then
      find "$p" -printf '%y %m %U:%G %s %T@ %p -> %l\n' 2>&1 | LC_ALL=C sort
      # Without root the secrets files cannot be read: their "Permission denied" is compared too,
      # so they are still checked by name, mode, size and time.
      find "$p" -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0r sha256sum 2>&1
    else
      echo "absent $p"
    fi
  done
}

# Which ppptui the guest runs, LAB_PPPTUI: "aot" (the default when a C toolchain is there): a
# Native AOT build of this working tree in .lab/ppptui-aot, brought up to date every run (seconds
# when nothing changed); "debug": the Debug build, rebuilt when a source is newer; or the path of
# a ppptui binary. The guest needs about a second to start the Debug build (the runtime and its
# assemblies come through hostfs), and the lab runs ppptui a few hundred times: the AOT build
# keeps a full run short. Sets PPPTUI_BIN.
AOT_DIR=$REPO/.lab/ppptui-aot
DEBUG_DLL=$REPO/src/PppTui/bin/Debug/net10.0/ppptui.dll

build_aot() {
  # The same portable link as ./build.sh publish (zig, glibc 2.17 symbols), so the lab runs what
  # ships and older guest roots can run it; the host's clang or gcc when zig cannot be had.
  local linker=()
  if "$REPO/build.sh" zig >/dev/null; then linker=(-p:CppCompilerAndLinker="$REPO/packaging/zig-cc")
  elif ! command -v clang >/dev/null; then linker=(-p:CppCompilerAndLinker=gcc); fi
  say "building ppptui (Native AOT) for the guest into ${AOT_DIR#"$REPO"/} (log: .lab/ppptui-aot.log)"
  mkdir -p "$REPO/.lab"
  (cd "$REPO" && dotnet publish src/PppTui/PppTui.csproj -c Release -r linux-x64 -p:PublishAot=true -p:SelfContained=true \
    "${linker[@]}" -o "$AOT_DIR" -nologo -v quiet) >"$REPO/.lab/ppptui-aot.log" 2>&1 && [ -x "$AOT_DIR/ppptui" ]
}

sources_newer_than() { # FILE
  [ -n "$(find "$REPO/src" "$REPO/Directory.Build.props" "$REPO/Directory.Packages.props" -newer "$1" \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null)" ]
}

ensure_debug() { # REQUIRED(yes|no)
  if [ -f "$DEBUG_DLL" ] && ! sources_newer_than "$DEBUG_DLL"; then return 0; fi
  if command -v dotnet >/dev/null; then
    say "building ppptui (./build.sh) so the guest can run it"
    (cd "$REPO" && ./build.sh >/dev/null) || { [ "$1" = yes ] && die "./build.sh failed"; return 0; }
  elif [ "$1" = yes ] && [ ! -f "$DEBUG_DLL" ]; then
    die "ppptui is not built and dotnet is not installed (build it elsewhere and pass LAB_PPPTUI=/path/to/ppptui)"
  fi
}

choose_ppptui() { # REQUIRED(yes|no)
  local want=${LAB_PPPTUI:-auto}
  PPPTUI_BIN=
  case "$want" in
    auto|aot)
      if command -v dotnet >/dev/null && { command -v clang >/dev/null || command -v gcc >/dev/null || "$REPO/build.sh" zig >/dev/null; }; then
        if build_aot; then PPPTUI_BIN=$AOT_DIR/ppptui; return 0; fi
        [ "$want" = aot ] && die "the Native AOT build failed (see .lab/ppptui-aot.log)"
        say "the Native AOT build failed (see .lab/ppptui-aot.log); the guest runs the Debug build"
      elif [ "$want" = aot ]; then
        die "LAB_PPPTUI=aot needs dotnet and a C compiler (clang or gcc)"
      fi
      ensure_debug "$1"; PPPTUI_BIN=$DEBUG_DLL ;;
    debug) ensure_debug "$1"; PPPTUI_BIN=$DEBUG_DLL ;;
    *)
      [ -x "$want" ] || [[ $want == *.dll && -f $want ]] || die "LAB_PPPTUI=$want: no such ppptui binary"
      PPPTUI_BIN=$(realpath "$want")
      [[ $PPPTUI_BIN =~ ^[A-Za-z0-9_./+-]+$ ]] || die "LAB_PPPTUI=$want: the path has characters the lab cannot pass to the guest" ;;
  esac
}

new_run_dir() {
  mkdir -p "$RUNS"
  local dir; dir=$RUNS/$(date +%Y%m%d-%H%M%S)-$$
  mkdir -p "$dir"
  ln -sfn "runs/$(basename "$dir")" "$REPO/.lab/last"
  # Keep the newest few runs only.
  find "$RUNS" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort | head -n "-${LAB_KEEP_RUNS:-5}" | xargs -r rm -rf
  echo "$dir"
}

# The guest's root and first program for a pppd: 2.4 boots on the host's own root (Debian 12's
# pppd 2.4.9); 2.5 on the trixie root (pppd 2.5.2), whose /sbin/lab-init mounts the modules and
# this repository before it hands over to init.sh.
boot_args() { # RUN_DIR MODE PPPD
  local root=/ init=$LAB_DIR/guest/init.sh
  if [ "$3" = 2.5 ]; then
    root=$TRIXIE_ROOT init=/sbin/lab-init
    install -m 0755 "$LAB_DIR/guest/root-init.sh" "$TRIXIE_ROOT/sbin/lab-init"
  fi
  local args=(mem=1G rootfstype=hostfs "rootflags=$root" rw "init=$init" "LAB_REPO=$REPO"
    con=null con0=fd:0,fd:1 "uml_dir=$1" "umid=lab$$" quiet
    "LAB_MODE=$2" "LAB_OUT_HOST=$1" "LAB_CLIENT=${LAB_CLIENT:-ppptui}")
  [ -n "${PPPTUI_BIN:-}" ] && args+=("LAB_PPPTUI_BIN=$PPPTUI_BIN")
  args+=("LAB_HOST_LOAD=$(cut -d' ' -f1 /proc/loadavg)") # for the figures: how busy the host was
  [ -n "${LAB_ONLY:-}" ] && args+=("LAB_ONLY=$LAB_ONLY")
  [ -n "${LAB_SKIP:-}" ] && args+=("LAB_SKIP=$LAB_SKIP")
  [ -n "${LAB_SCENARIO_LIMIT:-}" ] && args+=("LAB_SCENARIO_LIMIT=$LAB_SCENARIO_LIMIT")
  [ -n "${LAB_FIGURES_TUI:-}" ] && args+=("LAB_FIGURES_TUI=$LAB_FIGURES_TUI")
  printf '%s\n' "${args[@]}"
}

# On a host whose CPU has more FPU state than the UML build knows (AVX-512, AMX), the host kernel
# refuses UML's every FPU-state write and the guest's init dies at once ("ptrace set fp regs
# failed, errno = 14"). host/uml-xstate-shim.c, preloaded into UML, gives each guest task a
# full-size copy of that state; where the sizes already agree it changes nothing. Built into .lab/
# when its source is newer. Sets UML_ENV, the environment `linux` runs with.
ensure_uml_shim() {
  local src=$LAB_DIR/host/uml-xstate-shim.c shim=$REPO/.lab/uml-xstate-shim.so cc
  UML_ENV=()
  if [ ! -f "$shim" ] || [ "$src" -nt "$shim" ]; then
    cc=$(command -v cc || command -v gcc || command -v clang || true)
    mkdir -p "$REPO/.lab"
    if [ -z "$cc" ] || ! "$cc" -O2 -shared -fPIC -o "$shim" "$src" 2>"$REPO/.lab/uml-xstate-shim.log"; then
      rm -f "$shim"
      say "no C compiler could build tests/lab/host/uml-xstate-shim.c (see .lab/uml-xstate-shim.log); on a CPU with AVX-512 or AMX the guest will not boot"
      return 0
    fi
  fi
  UML_ENV=("LD_PRELOAD=$shim")
}

# Which pppd the guests run, LAB_PPPD: 2.4, 2.5 or both (the default, 2.4 first).
lab_pppds() {
  case "${LAB_PPPD:-both}" in
    2.4|2.5) echo "$LAB_PPPD" ;;
    both) echo 2.4 2.5 ;;
    *) die "LAB_PPPD=$LAB_PPPD: use 2.4, 2.5 or both" ;;
  esac
}

# On pppd 2.5, when no scenario is named, the scenarios in LAB_PPPD25_SCENARIOS run (all: every
# one). The default covers every kind (PPTP, PPPoE, modem, pair), the main faults (a bad
# password, no listener, no access concentrator, no carrier), the import and both `new`
# scenarios, split routes for every kind, the screen, IPv6 on PPPoE and every L2TP scenario, and keeps the CI run
# (tests, both labs, benchmarks) inside its time budget.
PPPD25_DEFAULT=import,myvpn,pppoe,modem,pair,pptp-badpass,pptp-nolisten,pptp-drop,pppoe-noac,modem-nocarrier,new-pptp,new-pppoe,split-routes,tui-pptp,pppoe-ipv6,l2tp,l2tp-badpass,l2tp-nolns,l2tp-ipsec-conf,l2tp-ipsec,l2tp-ipsec-badpsk,l2tp-ipsec-starter
# user-mode Linux, with the FPU-state shim where it was built (see ensure_uml_shim).
uml() {
  ensure_uml_shim
  exec env "${UML_ENV[@]}" linux "$@"
}

cmd_check() { exec "$LAB_DIR/check.sh"; }

cmd_test() {
  ensure_packages
  check_rights
  check_repo_path
  local pppds; read -r -a pppds <<<"$(lab_pppds)"
  [[ " ${pppds[*]} " == *" 2.5 "* ]] && ensure_trixie_root
  # The CLI client and the full-screen scenarios (scenarios/NN-tui-*.sh) run the built ppptui.
  if [ "${LAB_CLIENT:-ppptui}" = ppptui ] || [[ " $* " == *" tui-"* ]]; then choose_ppptui yes; else choose_ppptui no; fi
  # The trixie root has no .NET: there the guest runs a native ppptui (the AOT build or a path).
  if [[ " ${pppds[*]} " == *" 2.5 "* ]] && [[ ${PPPTUI_BIN:-} == *.dll ]]; then
    die "pppd 2.5 runs in a root without .NET: it needs a native ppptui (LAB_PPPTUI=aot or a binary's path), not $PPPTUI_BIN"
  fi
  local only=("$@") name
  for name in "${only[@]}"; do
    compgen -G "$LAB_DIR/scenarios/[0-9][0-9]-$name.sh" >/dev/null || die "no scenario named '$name' (see tests/lab/scenarios/)"
  done

  local started=$SECONDS
  # Checks that need no guest come first and count like scenarios.
  local checks_passed=0 checks_failed=0 line
  while IFS= read -r line; do
    echo "$line"
    case "$line" in
      "PASS "*) checks_passed=$((checks_passed + 1)) ;;
      "FAIL "*) checks_failed=$((checks_failed + 1)) ;;
    esac
  done < <("$LAB_DIR/check.sh" --lines 2>&1 || true)

  TOTAL_PASSED=$checks_passed TOTAL_FAILED=$checks_failed TOTAL_SKIPPED=0
  local pppd summary=()
  for pppd in "${pppds[@]}"; do
    if [ ${#only[@]} -gt 0 ]; then LAB_ONLY=$(IFS=,; echo "${only[*]}")
    elif [ "$pppd" = 2.5 ] && [ "${LAB_PPPD25_SCENARIOS:-$PPPD25_DEFAULT}" != all ]; then LAB_ONLY=${LAB_PPPD25_SCENARIOS:-$PPPD25_DEFAULT}
    else LAB_ONLY=; fi
    export LAB_ONLY
    run_guest "$pppd"
    summary+=("$RUN_SUMMARY")
  done
  say "lab took $((SECONDS - started))s in all"
  for line in "${summary[@]}"; do say "$line"; done
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed$([ "$TOTAL_SKIPPED" -gt 0 ] && echo ", $TOTAL_SKIPPED skipped (LAB_CLIENT=${LAB_CLIENT:-ppptui})" || true)"
  [ "$TOTAL_FAILED" -eq 0 ]
}

# One guest on one pppd: boot, run the scenarios of LAB_ONLY (or all), count them and the host
# check into TOTAL_*, and leave a one-line summary in RUN_SUMMARY.
run_guest() { # PPPD(2.4|2.5)
  local pppd=$1 started=$SECONDS run before after status=0 name
  run=$(new_run_dir)
  echo "$pppd" >"$run/pppd-wanted"
  say "pppd $pppd: results go to ${run#"$REPO"/} (also .lab/last)"
  local watched=("${WATCHED[@]}")
  # On the trixie root the guest's own /etc/ppp is that root's: it must stay as it was too.
  [ "$pppd" = 2.5 ] && watched+=("$TRIXIE_ROOT/etc/ppp" "$TRIXIE_ROOT/etc/resolv.conf")
  before=$(WATCHED=("${watched[@]}"); host_fingerprint)
  local args; mapfile -t args < <(boot_args "$run" test "$pppd")
  say "booting the guest (user-mode Linux $(linux --version 2>/dev/null | head -n 1 || true), pppd $pppd)"
  timeout -k 10 "${LAB_TIMEOUT:-900}" "$LAB_DIR/lab.sh" uml "${args[@]}" </dev/null 2>&1 |
    tr -d '\r' | tee "$run/console.log" | grep --line-buffered -E '^lab: |^    |Kernel panic' || status=$?
  after=$(WATCHED=("${watched[@]}"); host_fingerprint)

  # Count: every scenario that should have run, the host check.
  local passed=0 failed=0 skipped=0 expected=()
  for name in "$LAB_DIR"/scenarios/[0-9][0-9]-*.sh; do
    name=$(basename "$name" .sh); name=${name#[0-9][0-9]-}
    if [ -n "${LAB_ONLY:-}" ] && [[ ",$LAB_ONLY," != *",$name,"* ]]; then continue; fi
    expected+=("$name")
  done
  local verdict
  for name in "${expected[@]}"; do
    verdict=$(awk -F'\t' -v n="$name" '$1 == n { v = $2 } END { print v }' "$run/results.tsv" 2>/dev/null || true)
    case "$verdict" in
      PASS) passed=$((passed + 1)) ;;
      FAIL) failed=$((failed + 1)) ;;
      SKIP) skipped=$((skipped + 1)) ;; # a scenario for the other client, or named in LAB_SKIP
      *) failed=$((failed + 1)); say "FAIL $name: no result (the guest stopped early; see ${run#"$REPO"/}/console.log)" ;;
    esac
  done
  [ -f "$run/guest-finished" ] || say "the guest did not finish its run (console: ${run#"$REPO"/}/console.log)"
  if [ "$before" = "$after" ]; then
    passed=$((passed + 1)); say "PASS host-untouched: ${watched[*]} are byte-identical after the run"
  else
    failed=$((failed + 1)); say "FAIL host-untouched: the host changed during the run:"
    diff <(echo "$before") <(echo "$after") | sed 's/^/    /' | head -n 40
  fi
  local version; version=$(sed -n 's/^PPPD=//p' "$run/guest.env" 2>/dev/null)
  say "pppd $pppd run took $((SECONDS - started))s; evidence in ${run#"$REPO"/}"
  [ -s "$run/figures.txt" ] && { say "figures (${run#"$REPO"/}/figures.txt):"; sed 's/^/    /' "$run/figures.txt"; }
  RUN_SUMMARY="${version:-pppd $pppd}: $passed passed, $failed failed$([ "$skipped" -gt 0 ] && echo ", $skipped skipped" || true) in $((SECONDS - started))s (${LAB_ONLY:+scenarios $LAB_ONLY; }${run#"$REPO"/})"
  TOTAL_PASSED=$((TOTAL_PASSED + passed)) TOTAL_FAILED=$((TOTAL_FAILED + failed)) TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
}

cmd_interactive() {
  ensure_packages
  check_rights
  check_repo_path
  [ -t 0 ] && [ -t 1 ] || die "the interactive lab needs a terminal (use ./build.sh lab-test in scripts)"
  choose_ppptui no
  local run before after saved args
  run=$(new_run_dir)
  before=$(host_fingerprint)
  local pppd; pppd=$(lab_pppds); pppd=${pppd%% *}
  [ "$pppd" = 2.5 ] && ensure_trixie_root
  mapfile -t args < <(boot_args "$run" interactive "$pppd")
  args+=("LAB_TERM=${TERM:-xterm}" "LAB_ROWS=$(tput lines 2>/dev/null || echo 24)" "LAB_COLS=$(tput cols 2>/dev/null || echo 80)"
    "LAB_UI=${LAB_UI:-shell}" loglevel=1)
  say "booting the lab guest; it powers off when you leave"
  saved=$(stty -g)
  # The guest's console is this terminal: raw, so keys (Ctrl-C too) reach the guest.
  trap 'stty "$saved"' EXIT
  stty raw -echo
  # Its own session: UML ends by killing its process group, which must not include this script.
  setsid -w "$LAB_DIR/lab.sh" uml "${args[@]}" || true
  stty "$saved"; trap - EXIT
  after=$(host_fingerprint)
  if [ "$before" = "$after" ]; then
    say "guest powered off; the host's ${WATCHED[*]} are unchanged"
  else
    say "WARNING: the host changed during the session:"; diff <(echo "$before") <(echo "$after") | head -n 40
    exit 1
  fi
}

verb=${1:-test}
[ $# -gt 0 ] && shift
case "$verb" in
  test) cmd_test "$@" ;;
  interactive) cmd_interactive "$@" ;;
  check) cmd_check ;;
  root) ensure_packages; ensure_trixie_root ;;
  uml) uml "$@" ;;
  *) die "unknown verb '$verb' (use: test [SCENARIO...], interactive, check)" ;;
esac
