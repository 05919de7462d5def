#!/usr/bin/env bash
# The project's own conformance programs (recorded from CPython 3.11 by
# scripts/gen/conformance_expected.sh), checked the way ../shared/conformance checks its own:
# stdout exactly as NAME.out, the last non-blank stderr line as NAME.err (none: blank), the
# exit code as NAME.code (none: 0).   usage: tests/conformance/run.sh "COMMAND" FILE.py|DIR...
set -u
[ $# -ge 2 ] || { echo "usage: $0 \"COMMAND\" FILE.py|DIR ..." >&2; exit 2; }
cmd=$1
shift
limit=${CONFORMANCE_TIMEOUT:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
programs=()
for arg in "$@"; do
  if [ -d "$arg" ]; then programs+=("$arg"/*.py); else programs+=("$arg"); fi
done
last_nonblank() { sed -e 's/[[:space:]]*$//' -e '/^$/d' "$1" | tail -n 1; }
passed=0
failed=0
for program in "${programs[@]}"; do
  base=${program%.py}
  timeout -k 2 "$limit" bash -c "$cmd \"\$1\"" run "$program" </dev/null >"$tmp/out" 2>"$tmp/err"
  code=$?
  problems=""
  expected_code=0
  [ -f "$base.code" ] && expected_code=$(tr -d '[:space:]' <"$base.code")
  [ "$code" = "$expected_code" ] || problems+=" exit code $code, expected $expected_code;"
  cmp -s "$base.out" "$tmp/out" || problems+=" stdout differs: $(diff "$base.out" "$tmp/out" | head -3 | tr '\n' ' ');"
  expected_err=""
  [ -f "$base.err" ] && expected_err=$(last_nonblank "$base.err")
  [ "$(last_nonblank "$tmp/err")" = "$expected_err" ] || problems+=" stderr ends '$(last_nonblank "$tmp/err" | cut -c1-80)', expected '$expected_err';"
  if [ -z "$problems" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $(basename "$base"):$problems"; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
