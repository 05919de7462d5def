#!/usr/bin/env bash
# Assembles the page in one folder from the two wasm builds, without building them:
#   web/site.sh [OUT]        (default OUT: build/web/site)
# Inputs: build/web (preset web: interleave_web.{js,wasm,worker.js} and the wasm CLI
# interleave.js, which writes the lesson catalogue), build/web-st (preset web-st:
# interleave_web_st.{js,wasm}), web/shell/* and web/src/*.js (bundled with esbuild), lessons/.
# Page-script work needs only this script, not a wasm build. Exits non-zero naming what is
# missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
THREADED=${INTERLEAVE_WEB_BUILD:-$ROOT/build/web}
SINGLE=${INTERLEAVE_WEB_ST_BUILD:-$ROOT/build/web-st}
OUT=${1:-$THREADED/site}

wasm=("$THREADED/interleave_web.js" "$THREADED/interleave_web.wasm" "$THREADED/interleave_web.worker.js"
      "$SINGLE/interleave_web_st.js" "$SINGLE/interleave_web_st.wasm")
for f in "${wasm[@]}" "$THREADED/interleave.js"; do
  if [ ! -f "$f" ]; then
    echo "site.sh: $f is missing: build the presets web and web-st first (scripts/lib.sh build_web)" >&2
    exit 1
  fi
done

mkdir -p "$OUT"
cp -p "${wasm[@]}" "$ROOT"/web/shell/* "$OUT/"

# The page's scripts in one file (CodeMirror, markdown-it, lz-string from npm).
"$ROOT/node_modules/.bin/esbuild" "$ROOT/web/src/main.js" --bundle --minify --format=iife --target=es2020 \
  --legal-comments=none --outfile="$OUT/app.js" --log-level=warning

# Lessons are data the page fetches: the folder is copied, and the catalogue (validated by the
# same C++ loader as the CLI's) is written by the wasm CLI under node: no native tool needed.
rm -rf "$OUT/lessons"
cp -r "$ROOT/lessons" "$OUT/lessons"
INTERLEAVE_LESSONS="$ROOT/lessons" node --no-experimental-fetch "$THREADED/interleave.js" list --json \
  > "$OUT/lessons.json.tmp"
mv "$OUT/lessons.json.tmp" "$OUT/lessons.json"
