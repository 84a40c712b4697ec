#!/bin/bash
# Runs every scenario (or those named in LAB_ONLY) one after another, each bounded in time.
# Usage: run-tests.sh   (LAB_DIR, LAB_CLIENT, LAB_ONLY, LAB_SCENARIO_LIMIT in the environment)
set -u
# shellcheck source=lib.sh
. "$LAB_DIR/guest/lib.sh"
limit=${LAB_SCENARIO_LIMIT:-120}
: >"$LAB_OUT/results.tsv"
for file in "$LAB_DIR"/scenarios/[0-9][0-9]-*.sh; do
  name=$(basename "$file" .sh); name=${name#[0-9][0-9]-}
  if [ -n "${LAB_ONLY:-}" ] && [[ " ${LAB_ONLY//,/ } " != *" $name "* ]]; then continue; fi
  timeout -k 5 "$limit" bash "$LAB_DIR/guest/scenario.sh" "$file"
  status=$?
  if [ $status -ge 124 ]; then
    say "FAIL $name: ran out of its ${limit}s"
    printf '%s\tFAIL\t%s\tunknown\tran out of its %ss\n' "$name" "$limit" "$limit" >>"$LAB_OUT/results.tsv"
  fi
done
echo done >"$LAB_OUT/guest-finished"
