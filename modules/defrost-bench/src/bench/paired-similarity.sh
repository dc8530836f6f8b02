#!/bin/bash
# The similarity measures of defrost against numpy + OpenBLAS (similarity_numpy.py beside this script), paired in
# time: R rounds of one numpy run and one defrost run on the same inputs, back to back (the order alternating
# between rounds), each taking the best of K repeats, so that a slow or a fast phase of a shared machine affects
# both sides alike. Prints each round and, per measure, the medians of the per-round bests, their ratio
# (numpy time / defrost time: above 1 means defrost is faster) and the range of the per-round ratios.
#
# Usage: modules/defrost-bench/src/bench/paired-similarity.sh [--rounds R] [--repeats K] [--threads N]
# Environment: DEFROST_JAR (default modules/defrost-cli/target/defrost.jar, build it first with
# `mvn -B -q -pl modules/defrost-cli -am package -Dmaven.test.skip=true`), PYTHON (default /usr/bin/python3, with
# numpy), DATA (where the inputs are written, default a temporary directory).
set -euo pipefail
rounds=5
repeats=5
threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) echo "unknown argument $1; usage: $0 [--rounds R] [--repeats K] [--threads N]" >&2; exit 2 ;;
  esac
done
jar="${DEFROST_JAR:-modules/defrost-cli/target/defrost.jar}"
python="${PYTHON:-/usr/bin/python3}"
script="$(dirname "${BASH_SOURCE[0]}")/python/similarity_numpy.py"
[ -f "$jar" ] || { echo "no $jar: build it first (see the header of $0)" >&2; exit 2; }
data="${DATA:-$(mktemp -d)}"
measures=(linear-cka information-imbalance neighborhood-overlap both)

# One line per measure, "measure best-seconds", from either program's output.
bests() { awk '$1 ~ /^(linear-cka|information-imbalance|neighborhood-overlap|both,)$/ {
  for (i = 2; i < NF; i++) if ($i == "best") { sub(",", "", $1); print $1, $(i + 1); break } }'; }
defrost_run() {
  java --add-modules jdk.incubator.vector -jar "$jar" bench similarity --data "$data" --repeats "$repeats" \
    --warmup 1 --threads "$threads" 2>/dev/null | bests
}
numpy_run() { OPENBLAS_NUM_THREADS="$threads" "$python" "$script" "$data" "$repeats" 2>/dev/null | bests; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
best_of() { awk -v m="$1" '$1 == m {print $2}'; }

defrost_run >/dev/null # writes the inputs numpy reads
declare -A n d r
for ((i = 1; i <= rounds; i++)); do
  if ((i % 2)); then a=$(numpy_run); b=$(defrost_run); else b=$(defrost_run); a=$(numpy_run); fi
  line="round $i  $(date +%T)  load $(cut -d' ' -f1 /proc/loadavg)"
  for m in "${measures[@]}"; do
    x=$(best_of "$m" <<<"$a"); y=$(best_of "$m" <<<"$b")
    n[$m]+="$x "; d[$m]+="$y "; r[$m]+="$(awk -v a="$x" -v b="$y" 'BEGIN {printf "%.2f", a / b}') "
    line+="  $m $x/$y s"
  done
  echo "$line"
done
for m in "${measures[@]}"; do
  mn=$(tr ' ' '\n' <<<"${n[$m]}" | grep . | median); md=$(tr ' ' '\n' <<<"${d[$m]}" | grep . | median)
  lo=$(tr ' ' '\n' <<<"${r[$m]}" | grep . | sort -n | head -1); hi=$(tr ' ' '\n' <<<"${r[$m]}" | grep . | sort -n | tail -1)
  printf '%-22s median of %d rounds (best of %d), s: numpy %s, defrost %s, numpy/defrost %s (per round %s to %s)\n' \
    "$m" "$rounds" "$repeats" "$mn" "$md" "$(awk -v a="$mn" -v b="$md" 'BEGIN {printf "%.2f", a / b}')" "$lo" "$hi"
done
