#!/usr/bin/env bash
# Installs what Interleave needs, idempotently: Debian packages, ImGui and SDL2 sources
# (apt-get source into deps/), SDL2 built for wasm, and the npm packages of package-lock.json.
# A second run installs nothing. Sources come only from Debian's archive and npm.
#
#   scripts/setup.sh            everything (native, web, browser tests)
#   scripts/setup.sh --native   only what the native build and its tests need
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DEPS=$ROOT/deps
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
scope=${1:-all}

NATIVE_PKGS=(build-essential cmake ninja-build git pkg-config catch2 libbenchmark-dev libimgui-dev libsdl2-dev
             libtomlplusplus-dev nlohmann-json3-dev
             clang libclang-rt-14-dev python3
             python3-greenlet python3-gevent)  # the reference for greenlet/gevent conformance (scripts/gen)
WEB_PKGS=(emscripten nodejs npm chromium dpkg-dev fonttools fonts-wqy-microhei fonts-dejavu-core)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

apt_updated=0
apt_update_once() {
  [ $apt_updated = 1 ] && return
  as_root apt-get update -qq
  apt_updated=1
}

install_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return
  say "installing Debian packages: $(echo $missing)"
  apt_update_once
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# `node` may come from outside Debian (e.g. nodesource); that is fine if it is >= 18.
install_web_packages() {
  local pkgs=()
  for p in "${WEB_PKGS[@]}"; do
    if [ "$p" = nodejs ] || [ "$p" = npm ]; then
      command -v "$p" >/dev/null 2>&1 && continue
    fi
    pkgs+=("$p")
  done
  install_packages "${pkgs[@]}"
}

ensure_deb_src() {
  local list=/etc/apt/sources.list.d/interleave-deb-src.sources
  grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null && return
  say "adding a deb-src entry for bookworm main ($list)"
  as_root tee "$list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt_updated=0
  apt_update_once
}

# apt-get source PACKAGE into deps/, linked as deps/NAME (stable path for CMake).
fetch_source() {
  local package=$1 name=$2 probe=$3
  [ -e "$DEPS/$name/$probe" ] && return
  ensure_deb_src
  say "fetching $package sources (apt-get source)"
  mkdir -p "$DEPS/src"
  (cd "$DEPS/src" && apt-get source -qq "$package" >/dev/null 2>&1) || {
    apt_updated=0; apt_update_once
    (cd "$DEPS/src" && apt-get source -qq "$package" >/dev/null)
  }
  local dir
  dir=$(find "$DEPS/src" -maxdepth 1 -mindepth 1 -type d -name "${package}-*" | sort | tail -n 1)
  [ -n "$dir" ] || { echo "setup: apt-get source $package left no folder" >&2; exit 1; }
  ln -sfn "src/$(basename "$dir")" "$DEPS/$name"
}

build_sdl2_wasm() {  # build_sdl2_wasm OUT threads|nothreads
  local out=$1 kind=$2 stamp=$1/.stamp
  local want version
  version=$(emcc --version)   # whole output: a pipe into head would break emcc's pipe under pipefail
  want="$(readlink "$DEPS/sdl2") ${version%%$'\n'*} v2 $kind"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
  say "building SDL2 for wasm, $kind (about 30 s, cached in ${out#$ROOT/})"
  NODE_PATH=/usr/share/nodejs bash "$ROOT/scripts/build-sdl2-wasm.sh" "$DEPS/sdl2" "$out" "$kind"
  echo "$want" >"$stamp"
}

npm_install() {
  local stamp=node_modules/.interleave-lock
  if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then return; fi
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
}

install_packages "${NATIVE_PKGS[@]}"
if [ "$scope" != --native ]; then
  install_web_packages
  fetch_source imgui imgui imgui.cpp
  fetch_source libsdl2 sdl2 include/SDL.h
  build_sdl2_wasm "$DEPS/sdl2-wasm" threads
  build_sdl2_wasm "$DEPS/sdl2-wasm-st" nothreads
  npm_install
fi
say "ready"
