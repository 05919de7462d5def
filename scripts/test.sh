#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds natively and for the
# web, then runs ctest (Catch2 suites and the conformance corpus), the wasm CLI under node and
# the browser tests. Ends with a summary line and exits non-zero if any stage failed.
set -uo pipefail
SCRIPT_NAME=test
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

SKIPPED=77   # a stage's exit code for "nothing to run here" (as ctest's SKIP_RETURN_CODE)
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
passed=() failed=() skipped=()
stage() { # stage NAME COMMAND... : runs one stage, timing it and recording the outcome
  local name=$1; shift
  local start=$SECONDS rc
  say "stage: $name"
  "$@" 2>&1 | tee "$LOG"
  rc=${PIPESTATUS[0]}
  local took="$((SECONDS - start)) s"
  if [ "$rc" -eq "$SKIPPED" ]; then
    skipped+=("$name ($(tail -n 1 "$LOG"))")
  elif [ "$rc" -eq 0 ]; then
    passed+=("$name ($took$(skips_in "$LOG"))")
  else
    failed+=("$name ($took$(skips_in "$LOG"))")
  fi
}
skips_in() { # skips_in LOG: ", N skipped" when ctest or node --test skipped tests in that log
  local n
  n=$(grep -c '(Skipped)$' "$1")
  [ "$n" -eq 0 ] && n=$(sed -n 's/^\(# \|ℹ \)skipped \([0-9]*\)$/\2/p' "$1" | tail -n 1)
  [ "${n:-0}" -gt 0 ] && printf ', %s skipped' "$n"
  return 0
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
  local cli="node --no-experimental-fetch $ROOT/build/web/interleave.js run"
  local ok=0
  # The project's own corpus (multiprocessing, coroutines, the language and library) needs
  # nothing beside the clone.
  local own=("$ROOT/tests/conformance/mp" "$ROOT/tests/conformance/coro" "$ROOT/tests/conformance/lang")
  "$ROOT/tests/conformance/run.sh" "$cli --mode det" "${own[@]}" || ok=1
  "$ROOT/tests/conformance/run.sh" "$cli --mode free" "${own[@]}" || ok=1
  local corpus="$ROOT/../shared/conformance"
  if [ ! -d "$corpus" ]; then
    echo "no ../shared/conformance beside the clone: only the project's own corpus ran"
    [ $ok -eq 0 ] && return "$SKIPPED"
    return $ok
  fi
  local threads=("$corpus"/thread_*.py "$corpus"/sync_*.py "$corpus"/queue_*.py "$corpus"/time_*.py
                 "$corpus"/pool_as_completed.py "$corpus"/pool_submit_map.py)
  local processes=("$corpus"/proc_*.py "$corpus"/pool_mp_pool.py "$corpus"/coro_*.py)
  "$corpus/run.sh" "$cli" "$corpus"/lang_*.py || ok=1
  "$corpus/run.sh" "$cli --mode det" "${threads[@]}" "${processes[@]}" || ok=1
  "$corpus/run.sh" "$cli --mode free" "${threads[@]}" "${processes[@]}" || ok=1
  return $ok
}

stage setup scripts/setup.sh
stage "native build" build_preset native
needs "native build" ctest && stage ctest ctest --test-dir build/native --output-on-failure -j "$JOBS"
stage "web build" build_web
needs "web build" "wasm conformance" && stage "wasm conformance" conformance_wasm
needs "web build" "browser tests" && stage "browser tests" node --test web/tests/

echo
say "summary"
# A stage that passed with skipped tests says how many; a stage with nothing to run is a SKIP.
for s in "${passed[@]}"; do echo "  PASS  $s"; done
for s in "${failed[@]}"; do echo "  FAIL  $s"; done
for s in "${skipped[@]}"; do echo "  SKIP  $s"; done
say "browser screenshots: artifacts/browser/"
echo "stages: ${#passed[@]} passed, ${#failed[@]} failed, ${#skipped[@]} skipped"
[ ${#failed[@]} -eq 0 ]
