#!/usr/bin/env bash
# Runs Veil's JMH benchmarks with the settings docs/performance.md reports, each next to the
# baseline it declares (measured in the same run). Arguments go to JMH, for example a name filter:
#
#   bench/jmh.sh                      # everything: 16 s per benchmark and parameter set, about 13 minutes
#   bench/jmh.sh DetectionBenchmark   # one class
#
# Builds bench/target/benchmarks.jar with Maven first when it is missing or stale.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-jar.sh"
exec java -jar "$jar" -f 1 -wi 3 -i 5 -w 2s -r 2s "$@"
