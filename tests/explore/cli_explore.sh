#!/usr/bin/env bash
# `interleave explore` as a user runs it: finds the failure, prints JSON, and the token
# replays with `interleave run --replay` to the same failure.
# usage: cli_explore.sh INTERLEAVE PROGRAM.py STRATEGY KIND PREEMPTIONS REPLAY_EXIT
set -u
bin=$1 program=$2 strategy=$3 kind=$4 preemptions=$5 replay_exit=$6
out=$("$bin" explore "$program" --strategy "$strategy" --max-preemptions 2 --budget 5000 --json)
rc=$?
if [ "$rc" != 1 ]; then echo "explore exited $rc, expected 1 (found)"; echo "$out"; exit 1; fi
IFS=$'\t' read -r token got_kind got_pre message < <(python3 -c '
import json, sys
j = json.loads(sys.stdin.read())
assert j["found"] is True, j
print(j["token"], j["failure"]["kind"], j["preemptions"], j["failure"]["message"], sep="\t")
' <<<"$out") || { echo "bad JSON: $out"; exit 1; }
[ "$got_kind" = "$kind" ] || { echo "failure kind $got_kind, expected $kind"; exit 1; }
[ "$got_pre" = "$preemptions" ] || { echo "preemptions $got_pre, expected $preemptions"; exit 1; }
err=$("$bin" run "$program" --replay "$token" 2>&1 >/dev/null)
rc=$?
[ "$rc" = "$replay_exit" ] || { echo "replay exited $rc, expected $replay_exit: $err"; exit 1; }
case "$err" in *"$message"*) ;; *) echo "replay's stderr lacks '$message': $err"; exit 1 ;; esac
echo "found $kind with $got_pre preemption(s); replay exit $rc: $message"
