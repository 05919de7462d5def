#!/usr/bin/env bash
# How long CPython 3.11 takes per Interleave bytecode: the figure det mode's default virtual
# CPU speed (instruction_ns) is chosen from (docs/runtime.md, "The virtual CPU's speed").
# For each CPU-bound benchmark: CPython's CPU time (best of 3, less an empty interpreter's
# start) divided by the bytecodes Interleave runs for it (the det run's step count).
# usage: bench/py/calibrate_instruction_ns.sh [NATIVE_BINARY]   (default build/native/interleave)
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cli=${1:-$root/build/native/interleave}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best_cpu() {  # the best user+sys seconds of three runs of "$@"
  local best=""
  for _ in 1 2 3; do
    /usr/bin/time -o "$tmp/time" -f "%U %S" "$@" >/dev/null 2>&1
    local t
    t=$(tail -1 "$tmp/time" | awk '{printf "%.3f", $1 + $2}')
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$t; fi
  done
  echo "$best"
}

start=$(best_cpu python3 -c pass)
printf "%-16s %12s %10s %12s\n" program bytecodes cpython_s ns/bytecode
for prog in loop_arith fib str_list_dict countdown; do
  steps=$("$cli" run "$here/$prog.py" --mode det --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["steps"])')
  c=$(best_cpu python3 "$here/$prog.py")
  ns=$(awk -v c="$c" -v s="$start" -v n="$steps" 'BEGIN{printf "%.2f", (c - s) * 1e9 / n}')
  printf "%-16s %12s %10s %12s\n" "$prog" "$steps" "$c" "$ns"
  echo "$ns" >> "$tmp/ns"
done
printf "median ns/bytecode: %s (CPython start %s s subtracted)\n" "$(sort -n "$tmp/ns" | awk '{a[NR]=$1} END{print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')" "$start"
