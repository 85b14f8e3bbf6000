#!/usr/bin/env bash
# The policy engine of several builds side by side in one JVM, by CPU time per ticket (for a
# loaded machine): EngineCompare loads each build from its own class path and alternates them.
# corpus: the load benchmark's 4 KB tickets of every shape and language, each with its brand's
# example policy and every view, as the gateway's intake applies them (CPU per ticket). Each build's
# line ends with the bytes it allocates per ticket (what intake leaves for the collector).
#
#   bench/engine-compare.sh ticket|large|distinct|corpus [ROUNDS] NAME=CLASSPATH [NAME=CLASSPATH ...]
#   # e.g. an old build's benchmarks jar next to this tree's:
#   bench/engine-compare.sh ticket 12 old=/tmp/old/bench/target/benchmarks.jar new=bench/target/benchmarks.jar
#
# Builds bench/target/benchmarks.jar with Maven first when it is missing or older than a source.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-jar.sh"
mode="$1"; shift
rounds=8
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then rounds="$1"; shift; fi
exec java -XX:+UseSerialGC -Xmx2g -Dveil.examples="$root/examples" -cp "$jar" dev.veil.bench.EngineCompare "$mode" "$rounds" "$@"
