#!/usr/bin/env bash
# A small load run on this machine, loopback only: starts `veil serve` (dev defaults) in a
# scratch directory, then measures GET /healthz (the baseline) and signed ticket intake of the
# example Zendesk ticket, each for SECONDS with CLIENTS concurrent clients, in the same run.
#
#   bench/load.sh [SECONDS] [CLIENTS]      # defaults: 20 seconds, 16 clients
#
# Needs ports 8080 and 8081 free. The server's data directory is deleted afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-jar.sh"
seconds="${1:-20}"
clients="${2:-16}"
work="$(mktemp -d)"
ln -s "$root/examples" "$work/examples"
(cd "$work" && exec java ${VEIL_JAVA_OPTS:-} -cp "$jar" dev.veil.gateway.cli.VeilCommand serve > "$work/serve.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -sf http://127.0.0.1:8080/healthz > /dev/null 2>&1 && break
  sleep 0.2
done
curl -sf http://127.0.0.1:8080/healthz > /dev/null || { echo "load: the server did not start; its log:" >&2; cat "$work/serve.log" >&2; exit 1; }
secret="$(java -cp "$jar" dev.veil.bench.load.DevSecret)"
java -cp "$jar" dev.veil.bench.load.LoadRun http://127.0.0.1:8080 acme "$secret" "$root/examples/tickets/zendesk-en.json" "$seconds" "$clients"
