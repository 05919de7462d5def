# Shared by scripts/play.sh and scripts/test.sh. Source it; it changes no state by itself.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}   # emcc's JS optimiser needs acorn (TOOLCHAIN.md)
JOBS=${JOBS:-$(nproc)}

say() { printf '\033[1m[%s]\033[0m %s\n' "${SCRIPT_NAME:-interleave}" "$*"; }

# Configures a preset only when it has not been configured yet; builds incrementally.
build_preset() {
  local preset=$1; shift
  # A configure that failed half-way leaves a cache but no build.ninja: configure again then.
  if [ ! -f "$ROOT/build/$preset/build.ninja" ]; then
    cmake --preset "$preset" -S "$ROOT" >/dev/null || return 1
  fi
  cmake --build "$ROOT/build/$preset" -j "$JOBS" "$@"
}

# The page: the threaded wasm and the wasm CLI (preset web), the wasm without threads (preset
# web-st, only its page target), then the site assembled from both in build/web/site.
build_web() {
  build_preset web && build_preset web-st --target interleave_web && "$ROOT/web/site.sh"
}
