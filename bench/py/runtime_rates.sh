#!/usr/bin/env bash
# Green-thread switches per second at bytecode granularity (det) and GIL hand-offs per
# second (free), natively and for wasm under node, from the CLI's JSON report.
# usage: bench/py/runtime_rates.sh [NATIVE_BINARY] [WASM_JS]
#   defaults: build/native-release/interleave, build/web/interleave.js
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
native=${1:-$root/build/native-release/interleave}
wasm=${2:-$root/build/web/interleave.js}
rate() {  # rate FIELD -- command...: FIELD / wall_time_s of the JSON the command prints
  local field=$1; shift; shift
  "$@" --json | python3 -c "import json,sys; j=json.load(sys.stdin); print('%.3g' % (j['$field'] / j['wall_time_s']))"
}
printf "%-8s %22s %22s\n" build "det switches/s" "free GIL hand-offs/s"
for build in native wasm; do
  if [ $build = native ]; then cmd=("$native"); else cmd=(node --no-experimental-fetch "$wasm"); fi
  [ -e "${cmd[-1]}" ] || { echo "$build: ${cmd[-1]} not built"; continue; }
  det=$(rate steps -- "${cmd[@]}" run "$here/switches.py" --mode det)
  free=$(rate context_switches -- "${cmd[@]}" run "$here/gil_handoffs.py" --mode free --switch-interval 0.000001)
  printf "%-8s %22s %22s\n" $build "$det" "$free"
done
