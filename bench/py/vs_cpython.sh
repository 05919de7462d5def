#!/usr/bin/env bash
# Runs the three benchmark programs side by side on CPython and on Interleave's
# interpreter (native, and wasm under node when built) and prints time ratios.
# usage: bench/py/vs_cpython.sh [NATIVE_BINARY] [WASM_JS]
#   defaults: build/native-release/interleave, build/web/interleave.js (the web preset's CLI for node)
# Times are CPU seconds (user+sys, best of 3): the machine is shared, so wall time is noisy.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
native=${1:-$root/build/native-release/interleave}
wasm=${2:-$root/build/web/interleave.js}
runs=${BENCH_RUNS:-3}

cpu_time() {  # prints the best user+sys time of $runs runs of "$@"; checks output against CPython's
  local best=""
  for _ in $(seq "$runs"); do
    local t
    /usr/bin/time -o "$tmp/time" -f "%U %S" "$@" >"$tmp/out" 2>/dev/null
    t=$(tail -1 "$tmp/time" | awk '{printf "%.3f", $1 + $2}')
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$t; fi
  done
  echo "$best"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf "%-18s %9s %9s %7s" program cpython native ratio
[ -f "$wasm" ] && printf " %9s %7s" wasm ratio
printf "\n"
for prog in loop_arith fib str_list_dict; do
  py="$here/$prog.py"
  c=$(cpu_time python3 "$py"); cp "$tmp/out" "$tmp/expected"
  n=$(cpu_time "$native" run "$py")
  cmp -s "$tmp/out" "$tmp/expected" || echo "WARNING: $prog output differs natively" >&2
  printf "%-18s %9s %9s %7.2f" "$prog" "$c" "$n" "$(awk -v a="$n" -v b="$c" 'BEGIN{print a / b}')"
  if [ -f "$wasm" ]; then
    w=$(NODE_PATH=/usr/share/nodejs cpu_time node --no-experimental-fetch "$wasm" run "$py")
    cmp -s "$tmp/out" "$tmp/expected" || echo "WARNING: $prog output differs under node" >&2
    printf " %9s %7.2f" "$w" "$(awk -v a="$w" -v b="$c" 'BEGIN{print a / b}')"
  fi
  printf "\n"
done
