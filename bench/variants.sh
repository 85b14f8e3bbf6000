#!/usr/bin/env bash
# Prints Veil's detection recall per variant family (full-width, other digit scripts, invisible
# characters, separators, markup, encodings, near misses ...) on seeded generated cases, and the
# decoys each family flags; see docs/accuracy.md.
#
#   bench/variants.sh [--errors] [SEED [CASES_PER_CELL]]
#
# --errors also lists every missed value and flagged decoy with the spans found.
#
# Builds bench/target/benchmarks.jar with Maven first when it is missing or older than a source.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-jar.sh"
exec java -cp "$jar" dev.veil.bench.variants.VariantReport "$@"
