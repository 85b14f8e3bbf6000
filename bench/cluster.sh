#!/usr/bin/env bash
# Clustered mode on this machine: intake requests/s with 1, 2 and 3 gateway nodes on one
# PostgreSQL (started from Maven's jars, no Docker), next to each other in one run. Loopback,
# ephemeral ports only; docs/scaling.md reports the figures and extrapolates from them.
#
#   bench/cluster.sh [SECONDS] [CLIENTS]      # defaults: 15 seconds, 16 clients
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-jar.sh"
exec java ${VEIL_JAVA_OPTS:-} -cp "$jar" dev.veil.bench.cluster.ClusterScaling "$root" "${1:-15}" "${2:-16}"
