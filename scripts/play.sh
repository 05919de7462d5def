#!/usr/bin/env bash
# Installs what is missing, builds the page and serves it at http://127.0.0.1:8000
# with the cross-origin isolation headers. PORT=N picks another port.
set -euo pipefail
SCRIPT_NAME=play
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/setup.sh"
say "building the page (presets web and web-st)"
build_web
exec node "$ROOT/web/server/serve.mjs" --root "$ROOT/build/web/site" --port "${PORT:-8000}"
