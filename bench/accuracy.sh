#!/usr/bin/env bash
# Prints Veil's detection accuracy on the public benchmarks (presidio-research synth_dataset_v2,
# MEDDOCAN, pyap address examples) next to Presidio's published figures; see docs/accuracy.md.
#
#   bench/accuracy.sh [--errors] [DATA_DIR]
#
# DATA_DIR holds presidio-research/, meddocan/ and address_examples_pyap.txt; it defaults to
# ../shared/data/bench next to the repository. --errors also lists every miss in context.
# Builds bench/target/benchmarks.jar with Maven first when it is missing or older than a source.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-jar.sh"
args=()
data=""
for arg in "$@"; do
  if [[ "$arg" == -* ]]; then args+=("$arg"); else data="$arg"; fi
done
exec java -cp "$jar" dev.veil.bench.accuracy.AccuracyReport ${args[@]+"${args[@]}"} "${data:-$root/../shared/data/bench}"
