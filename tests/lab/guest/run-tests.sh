#!/bin/bash
# Runs every scenario (or those named in LAB_ONLY, less those named in LAB_SKIP) one after
# another, each bounded in time.
# With LAB_CLIENT=ppptui the lab's peers files first become ppptui profiles (ppptui import, then
# ppptui apply writes them back through ppptui's renderer), so every dial uses what ppptui wrote.
# Usage: run-tests.sh   (LAB_DIR, LAB_CLIENT, LAB_ONLY, LAB_SKIP, LAB_SCENARIO_LIMIT in the environment)
set -u
# shellcheck source=lib.sh
. "$LAB_DIR/guest/lib.sh"
limit=${LAB_SCENARIO_LIMIT:-120}
LAB_SKIP=${LAB_SKIP:-}
: >"$LAB_OUT/results.tsv"

# The lab's profiles as ppptui profiles. What happened is kept in prepare.out; the import
# scenario checks the outcome, and a dial of a profile that did not import fails on its own.
prepare_ppptui() {
  local out=$LAB_OUT/prepare.out status
  {
    echo "\$ ppptui import"
    timeout 120 "$PPPTUI" import </dev/null; status=$?
    echo "[exit $status]"
    echo "IMPORT_EXIT=$status" >"$LAB_RUN/prepare.env"
    # The renderer writes every profile's files back; the imported files must need no change.
    echo "\$ ppptui apply"
    timeout 120 "$PPPTUI" apply </dev/null; status=$?
    echo "[exit $status]"
    echo "APPLY_EXIT=$status" >>"$LAB_RUN/prepare.env"
  } >"$out" 2>&1
  say "ppptui import and apply of the lab's peers files: $(tr '\n' ' ' <"$LAB_RUN/prepare.env")(see prepare.out)"
}
[ "$LAB_CLIENT" = ppptui ] && prepare_ppptui

for file in "$LAB_DIR"/scenarios/[0-9][0-9]-*.sh; do
  name=$(basename "$file" .sh); name=${name#[0-9][0-9]-}
  if [ -n "${LAB_ONLY:-}" ] && [[ " ${LAB_ONLY//,/ } " != *" $name "* ]]; then continue; fi
  if [[ " ${LAB_SKIP//,/ } " == *" $name "* ]]; then
    printf '%s\tSKIP\t0\t\tnamed in LAB_SKIP\n' "$name" >>"$LAB_OUT/results.tsv"
    say "SKIP $name: named in LAB_SKIP"; continue
  fi
  # A scenario may need longer than the others (SCENARIO_LIMIT in its file).
  own=$(SCENARIO_LIMIT=; . "$file" >/dev/null 2>&1; echo "${SCENARIO_LIMIT:-}")
  timeout -k 5 "${own:-$limit}" bash "$LAB_DIR/guest/scenario.sh" "$file"
  status=$?
  if [ $status -ge 124 ]; then
    say "FAIL $name: ran out of its ${own:-$limit}s"
    printf '%s\tFAIL\t%s\tunknown\tran out of its %ss\n' "$name" "${own:-$limit}" "${own:-$limit}" >>"$LAB_OUT/results.tsv"
  fi
done
echo done >"$LAB_OUT/guest-finished"
