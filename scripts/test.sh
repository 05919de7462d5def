#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds natively and for the
# web, then runs ctest (Catch2 suites and the conformance corpus), the wasm CLI under node and
# the browser tests. Ends with a summary line and exits non-zero if any stage failed.
set -uo pipefail
SCRIPT_NAME=test
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

passed=() failed=() skipped=()
stage() { # stage NAME COMMAND... : runs one stage, timing it and recording the outcome
  local name=$1; shift
  local start=$SECONDS
  say "stage: $name"
  if "$@"; then
    passed+=("$name ($((SECONDS - start)) s)")
  else
    failed+=("$name ($((SECONDS - start)) s)")
  fi
}
needs() { # needs STAGE: true when that stage passed
  local s
  for s in "${passed[@]}"; do [[ $s == "$1 ("* ]] && return 0; done
  skipped+=("$2 (needs $1)")
  return 1
}

# The interpreter compiled to wasm, run by node, against CPython's recorded output: the
# language, and the thread programs in det and free mode.
conformance_wasm() {
  local corpus="$ROOT/../shared/conformance"
  if [ ! -d "$corpus" ]; then say "no ../shared/conformance beside the clone: skipped"; return 0; fi
  local cli="node --no-experimental-fetch $ROOT/build/web/interleave.js run"
  local threads=("$corpus"/thread_*.py "$corpus"/sync_*.py "$corpus"/queue_*.py "$corpus"/time_*.py
                 "$corpus"/pool_as_completed.py "$corpus"/pool_submit_map.py)
  local ok=0
  "$corpus/run.sh" "$cli" "$corpus"/lang_*.py || ok=1
  "$corpus/run.sh" "$cli --mode det" "${threads[@]}" || ok=1
  "$corpus/run.sh" "$cli --mode free" "${threads[@]}" || ok=1
  return $ok
}

stage setup scripts/setup.sh
stage "native build" build_preset native
needs "native build" ctest && stage ctest ctest --test-dir build/native --output-on-failure -j "$JOBS"
stage "web build" build_preset web
needs "web build" "wasm conformance" && stage "wasm conformance" conformance_wasm
needs "web build" "browser tests" && stage "browser tests" node --test web/tests/

echo
say "summary"
for s in "${passed[@]}"; do echo "  PASS  $s"; done
for s in "${failed[@]}"; do echo "  FAIL  $s"; done
for s in "${skipped[@]}"; do echo "  SKIP  $s"; done
say "browser screenshots: artifacts/browser/"
echo "stages: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
