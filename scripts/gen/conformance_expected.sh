#!/usr/bin/env bash
# Records the expected results of the project's own conformance programs from CPython 3.11
# (programs that import greenlet or gevent: Debian's /usr/bin/python3 with python3-greenlet
# and python3-gevent, the reference for those packages):
# NAME.out (stdout), NAME.err (the last non-blank stderr line) and NAME.code (the exit code)
# when stderr is not blank or the code is not 0 - the format of ../shared/conformance.
# Each program runs 5 times; a program whose results differ between runs is reported and
# not recorded.   usage: scripts/gen/conformance_expected.sh tests/conformance/mp/*.py
set -u
python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for f in "$@"; do
  base=${f%.py}
  python=python3
  grep -qE '^(import|from) (greenlet|gevent)' "$f" && python=/usr/bin/python3
  for i in 1 2 3 4 5; do
    (cd "$(dirname "$f")" && timeout 60 $python "$(basename "$f")" </dev/null >"$tmp/out$i" 2>"$tmp/err$i"; echo $? >"$tmp/code$i")
    sed -e 's/[[:space:]]*$//' -e '/^$/d' "$tmp/err$i" | tail -n 1 >"$tmp/last$i"
  done
  same=1
  for i in 2 3 4 5; do
    cmp -s "$tmp/out1" "$tmp/out$i" && cmp -s "$tmp/last1" "$tmp/last$i" && cmp -s "$tmp/code1" "$tmp/code$i" || same=0
  done
  if [ $same -eq 0 ]; then
    echo "NOT RECORDED $f: its results differ between runs" >&2
    status=1
    continue
  fi
  cp "$tmp/out1" "$base.out"
  rm -f "$base.err" "$base.code"
  if [ -s "$tmp/last1" ] || [ "$(cat "$tmp/code1")" != 0 ]; then
    cp "$tmp/last1" "$base.err"
    cp "$tmp/code1" "$base.code"
  fi
  echo "recorded $f"
done
exit $status
