#!/bin/bash
# Training throughput of defrost against the PyTorch reference, paired in time: for each workload, R rounds of
# one reference run and one defrost run back to back (the order alternating between rounds), so that a slow or a
# fast phase of a shared machine affects both sides alike. Prints each round and, per workload, the medians over
# the rounds, their ratio and the range of the per-round ratios.
#
# Usage: modules/defrost-bench/src/bench/paired-train.sh [--rounds R] [--threads N] [W1 W2 W3 W4]
# Environment: DEFROST_JAR (default modules/defrost-cli/target/defrost.jar, build it first with
# `mvn -B -q -pl modules/defrost-cli -am package -Dmaven.test.skip=true`), TORCH_REFERENCE (default
# ../shared/bench/torch_reference.py), PYTHON (default /usr/bin/python3).
set -euo pipefail
rounds=5
threads=2
workloads=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    W[1-4]) workloads+=("$1"); shift ;;
    *) echo "unknown argument $1; usage: $0 [--rounds R] [--threads N] [W1 W2 W3 W4]" >&2; exit 2 ;;
  esac
done
[ ${#workloads[@]} -gt 0 ] || workloads=(W3 W4)
jar="${DEFROST_JAR:-modules/defrost-cli/target/defrost.jar}"
reference="${TORCH_REFERENCE:-../shared/bench/torch_reference.py}"
python="${PYTHON:-/usr/bin/python3}"
[ -f "$jar" ] || { echo "no $jar: build it first (see the header of $0)" >&2; exit 2; }
[ -f "$reference" ] || { echo "no $reference: set TORCH_REFERENCE" >&2; exit 2; }

rate() { sed -n 's/.*samples_per_s=\([0-9.]*\).*/\1/p' | tail -1; }
torch_run() { "$python" "$reference" "$1" --repeats 1 2>/dev/null | rate; }
defrost_run() {
  java --add-modules jdk.incubator.vector -jar "$jar" bench train --workload "$1" --repeats 1 --threads "$threads" \
    2>/dev/null | rate
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

for w in "${workloads[@]}"; do
  t=(); d=(); r=()
  for ((i = 1; i <= rounds; i++)); do
    if ((i % 2)); then a=$(torch_run "$w"); b=$(defrost_run "$w"); else b=$(defrost_run "$w"); a=$(torch_run "$w"); fi
    t+=("$a"); d+=("$b"); r+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", b / a}')")
    printf '%s round %d  %s  load %s  torch %s  defrost %s  ratio %s\n' "$w" "$i" "$(date +%T)" \
      "$(cut -d' ' -f1 /proc/loadavg)" "$a" "$b" "${r[-1]}"
  done
  mt=$(printf '%s\n' "${t[@]}" | median); md=$(printf '%s\n' "${d[@]}" | median)
  lo=$(printf '%s\n' "${r[@]}" | sort -n | head -1); hi=$(printf '%s\n' "${r[@]}" | sort -n | tail -1)
  printf '%s: median over %d rounds, samples/s: torch %s, defrost %s, ratio %s (per round %s to %s)\n' "$w" \
    "$rounds" "$mt" "$md" "$(awk -v a="$mt" -v b="$md" 'BEGIN {printf "%.2f", b / a}')" "$lo" "$hi"
done
