#!/usr/bin/env bash
# Detection speed of several builds side by side in one JVM, by CPU time (for a loaded machine,
# where JMH's wall-clock error bars exceed the figures): DetectionCompare loads each build's
# DetectorRegistry from its own class path and alternates them with a \d regex baseline. With
# TYPES (comma-separated PII types) each build runs a registry of only those types.
#
#   bench/detect-compare.sh [ROUNDS] [TYPE[,TYPE...]] NAME=CLASSPATH [NAME=CLASSPATH ...]
#   # e.g. an old build's benchmarks jar next to this tree's, all types and then only PERSON:
#   bench/detect-compare.sh 8 old=/tmp/old/bench/target/benchmarks.jar new=bench/target/benchmarks.jar
#   bench/detect-compare.sh 8 PERSON old=/tmp/old/bench/target/benchmarks.jar new=bench/target/benchmarks.jar
#
# Builds bench/target/benchmarks.jar with Maven first when it is missing or older than a source.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-jar.sh"
rounds=8
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then rounds="$1"; shift; fi
exec java -XX:+UseSerialGC -Xmx2g -cp "$jar" dev.veil.bench.DetectionCompare "$rounds" "$@"
