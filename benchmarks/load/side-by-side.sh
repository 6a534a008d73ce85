#!/usr/bin/env bash
# Closed loops of several service jars at the same time, one bench.sh each (own database, own port), ROUNDS times:
# on a machine whose speed swings from minute to minute (this project's 2 vCPUs did 600 to 1,200 messages/s with the
# same jar on different days), runs one after the other compare the machine more than the jars; run together, every
# swing hits all of them alike, and the sum of each jar's throughputs over the rounds compares the jars.
#
#   benchmarks/load/side-by-side.sh ROUNDS MAX JAR...
#   benchmarks/load/side-by-side.sh 3 12 /tmp/before.jar bootstrap/target/consentflow.jar
#
# Each run: --max MAX contacts at once, 60 s measured after 20 s of warm-up. Prints per round and jar its
# throughput, p99, the exactly-once check and CPU per message, then each jar's sum over the rounds.
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,9p "$0"; exit 2; }
ROUNDS=$1; MAX=$2; shift 2
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$(mktemp -d /tmp/cf-side.XXXXXX)"
declare -A SUM
for r in $(seq 1 "$ROUNDS"); do
  pids=(); i=0
  for j in "$@"; do
    "$ROOT/benchmarks/load/bench.sh" --jar "$j" -- --max "$MAX" --duration 60s --warmup 20s > "$OUT/$r.$i" 2>&1 &
    pids+=($!); i=$((i+1))
  done
  wait "${pids[@]}"
  i=0
  for j in "$@"; do
    f="$OUT/$r.$i"
    t=$(grep -o 'throughput=[0-9.]*' "$f" | cut -d= -f2 || echo 0)
    SUM[$i]=$(awk -v a="${SUM[$i]:-0}" -v b="${t:-0}" 'BEGIN { print a + b }')
    echo "round $r  $j: throughput ${t:-?} msg/s, $(grep -o 'p99=[0-9.]*' "$f"), $(grep -o 'check=[a-z]*' "$f") | $(grep -o 'service [0-9.]*, postgres backends [0-9.]*' "$f") ms/msg"
    i=$((i+1))
  done
done
i=0
for j in "$@"; do echo "sum over $ROUNDS rounds  $j: ${SUM[$i]} msg/s"; i=$((i+1)); done
echo "logs: $OUT"
