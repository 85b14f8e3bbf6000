#!/usr/bin/env bash
# Veil's load benchmark, side by side with nginx, on this machine and over loopback only.
#
#   bench/load.sh [--quick] [--seconds N] [--warmup N] [--connections N] [--threads N] [--cases REGEX] [--jar FILE] [--rate N]
#
# In one run it generates a corpus (Zendesk-, Salesforce- and Freshdesk-shaped tickets in English
# and Spanish, about 4 KB with about six PII values each, plus 64 KB and 1 MiB variants), starts an
# upstream stub, nginx as a plain reverse proxy in front of it and Veil (dev mode, the example
# brands' policies), each on a free ephemeral port of 127.0.0.1, and drives every case with wrk at
# the same connections, threads and duration:
#   direct-SIZE / nginx-SIZE   POST of the same ticket body to the stub, directly and through nginx
#   veil-healthz               GET /healthz (the server alone)
#   veil-intake-SIZE           signed ticket intake, every request a new ticket (verify the
#                              signature, parse, detect, tokenize, persist durably, route)
#   veil-expert-get            GET /v1/tickets/{id} of a ticket the expert claimed
#   fixed-*                    a fixed-rate run at half of veil-intake-4k's rate (FixedRate: open
#                              loop, coordinated-omission corrected, HdrHistogram) to the stub,
#                              nginx and Veil intake, to read latency without queueing; and
#                              fixed-fsync: no request, a group-committed fsync'd append per due
#                              request on the disk of Veil's data, into a file made with zeros in
#                              advance as Veil's log files are (what durability alone adds);
#                              below the table, how long Veil's JVM stood still in fixed-veil-intake
#                              (its safepoints, -Xlog:safepoint: the collector's pauses) and how
#                              many of its slowest 1 % of requests were in flight during a stop
# and prints one table (LoadTable). Exits non-zero if any case had errors. For each Veil case the
# table also gives the Veil process's CPU time per request (utime + stime of /proc/PID/stat over the
# measured run, divided by the requests completed; the JIT compiler threads' share beside it, summed
# over those threads, which Veil's JVM keeps for its life here: -XX:-UseDynamicNumberOfCompilerThreads,
# as a compiler thread that ended would take its CPU time out of the sum): other
# load on the machine moves req/s a lot and this figure little, so compare builds by it.
#
# --quick: the 4 KB cases only, 3 seconds each after 2-second warm-ups, 16 connections (a smoke run
# of under two minutes); the default is every size, 20 seconds after 5, with 32 connections and 2
# wrk threads. The first Veil intake case warms up until the JIT compilers take under 10 % of Veil's
# CPU (steps of 10 s, at least 20 s, at most 90 s or --warmup N): on two busy cores C2 needs a
# minute or more for intake's code, and CPU per request is only comparable once it is done. Needs nginx and wrk (Debian packages; installed
# with apt-get when missing). Veil's JVM gets this tree's default options (jvm.options, also with --jar),
# then VEIL_JAVA_OPTS (a JFR recording, a heap size), which override them. VEIL_JAVA=PATH runs Veil's
# JVM (only Veil's: the harness stays on the default java) with another java, e.g. a newer JDK's.
# --cases REGEX runs only the cases whose names match, fixed-rate ones included (those need
# veil-intake-4k: e.g. --cases 'veil-intake-4k$|fixed-veil' for Veil's fixed-rate run alone).
# --rate N runs the fixed-rate cases at N requests/s instead of half of veil-intake-4k's rate (to
# compare builds or JVM settings at the same offered load).
# --jar FILE runs Veil from another build's bench/target/benchmarks.jar (the harness stays this
# tree's), so two builds are compared by the same measurement.
# VEIL_FIXED_TRACE=DIR in the environment: each fixed-rate case also writes DIR/CASE.tsv, every measured
# request's due time (epoch ms) and latency (µs), to lay the slowest beside Veil's log, GC log or JFR (an
# existing, writable directory, or the script stops before it starts anything).
# Everything runs in a scratch directory that is deleted afterwards (kept with VEIL_LOAD_KEEP=1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds=20 warmup=5 veil_warmup=90 connections=32 threads=2 cases=. sizes="4k 64k 1m" jar_arg="" fixed_rate=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) seconds=3 warmup=2 veil_warmup=2 connections=16 sizes="4k"; shift ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; veil_warmup="$2"; shift 2 ;;
    --jar) jar_arg="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --rate) fixed_rate="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/!s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    *) echo "load: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$seconds" "$warmup" "$connections" "$threads"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 && "$n" -le 3600 ]] || { echo "load: $n: expected a whole number from 1 to 3600" >&2; exit 2; }
done
[[ -z "$fixed_rate" || ( "$fixed_rate" =~ ^[0-9]+$ && "$fixed_rate" -ge 1 && "$fixed_rate" -le 100000 ) ]] \
  || { echo "load: --rate $fixed_rate: expected a whole number from 1 to 100000" >&2; exit 2; }
veil_java="${VEIL_JAVA:-java}"
"$veil_java" -version > /dev/null 2>&1 || { echo "load: VEIL_JAVA=$veil_java: not a java command that runs" >&2; exit 2; }
# traces are written at the end of each fixed-rate run: a directory that is not there would fail it only then
[[ -z "${VEIL_FIXED_TRACE:-}" || ( -d "$VEIL_FIXED_TRACE" && -w "$VEIL_FIXED_TRACE" ) ]] \
  || { echo "load: VEIL_FIXED_TRACE=$VEIL_FIXED_TRACE: not a directory this script can write" >&2; exit 2; }

# ---- tools -------------------------------------------------------------------------------------
missing=()
command -v wrk > /dev/null || missing+=(wrk)
command -v nginx > /dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "load: installing ${missing[*]} with apt-get" >&2
  sudo=""; [[ $EUID -ne 0 ]] && sudo="sudo"
  $sudo apt-get install -y -qq "${missing[@]}" > /dev/null || { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" > /dev/null; }
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
source "$here/ensure-jar.sh"
cp=(java -cp "$jar")   # the harness: corpus, stub, deliveries, fixed-rate runs, the table
veil_jar="$jar"
if [[ -n "$jar_arg" ]]; then
  [[ -f "$jar_arg" ]] || { echo "load: $jar_arg: no such file" >&2; exit 2; }
  veil_jar="$(cd "$(dirname "$jar_arg")" && pwd)/$(basename "$jar_arg")"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/veil-load.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  [[ "${VEIL_LOAD_KEEP:-}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT
results="$work/results.txt"
: > "$results"

# ---- corpus, upstream stub, nginx, Veil --------------------------------------------------------
"${cp[@]}" dev.veil.bench.load.CorpusFiles "$root/examples/tickets" "$work/corpus"
# FreePorts' ports are free when it looks, not when nginx or Veil binds them: another program (a
# test binding port 0, say) may take one meanwhile, so a server that cannot bind is started again
# on other ports (three tries)
started() { # URL PID: waits until URL answers (0), or the process ended or 30 s passed (1)
  for _ in $(seq 1 150); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2> /dev/null || return 1
    sleep 0.2
  done
  return 1
}

"${cp[@]}" dev.veil.bench.load.UpstreamStub "$work/stub.port" > "$work/stub.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do [[ -f "$work/stub.port" ]] && break; sleep 0.1; done
stub_port="$(cat "$work/stub.port")"
started "http://127.0.0.1:$stub_port/" "${pids[-1]}" || { echo "load: the upstream stub did not start; its log:"; cat "$work/stub.log"; exit 1; } >&2

mkdir -p "$work/nginx"
chmod 711 "$work"; chmod 777 "$work/nginx"   # nginx's workers may run as another user
for attempt in 1 2 3; do
  nginx_port="$("${cp[@]}" dev.veil.bench.load.FreePorts 1)"
  cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes $(nproc);
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_max_body_size 4m;
  client_body_buffer_size 2m;                 # bodies stay in memory, as in Veil
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream stub { server 127.0.0.1:$stub_port; keepalive 128; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://stub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
  "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" > "$work/nginx/stdout.log" 2>&1 &
  nginx_pid=$!
  pids+=($nginx_pid)
  started "http://127.0.0.1:$nginx_port/" "$nginx_pid" && break
  kill "$nginx_pid" 2> /dev/null || true; wait "$nginx_pid" 2> /dev/null || true
  if [[ $attempt -lt 3 ]] && cat "$work/nginx/error.log" "$work/nginx/stdout.log" 2> /dev/null | grep -q 'in use'; then
    echo "load: nginx could not bind port $nginx_port; trying another" >&2; : > "$work/nginx/error.log"; : > "$work/nginx/stdout.log"; continue
  fi
  echo "load: nginx did not start; its log:" >&2; cat "$work/nginx/error.log" >&2; exit 1
done

secret="$("${cp[@]}" dev.veil.bench.load.DevSecret)"
crm_secret="$("${cp[@]}" dev.veil.bench.load.DevSecret crm)"
policies="$root/examples/policies"
for attempt in 1 2 3; do
  ports=($("${cp[@]}" dev.veil.bench.load.FreePorts 2))
  veil_port="${ports[0]}" admin_port="${ports[1]}"
  cat > "$work/veil.yaml" <<YAML
dev: true
server:
  public: { host: 127.0.0.1, port: $veil_port, maxConnections: 4096 }
  admin: { host: 127.0.0.1, port: $admin_port }
limits: { maxBodyBytes: 2MiB }
data: $work/veil-data
identity: dev
brands:
  acme:
    policy: $policies/acme.yaml
    webhookSecrets: [ "$secret" ]
    crm: { replyUrl: "http://127.0.0.1:$admin_port/dev/crm/replies", secret: "$crm_secret" }
  globex:
    policy: $policies/globex.yaml
    webhookSecrets: [ "$secret" ]
    crm: { replyUrl: "http://127.0.0.1:$admin_port/dev/crm/replies", secret: "$crm_secret", ticketId: /Id, comments: /CaseComments/records }
  initech:
    policy: $policies/initech.yaml
    webhookSecrets: [ "$secret" ]
    crm: { replyUrl: "http://127.0.0.1:$admin_port/dev/crm/replies", secret: "$crm_secret", ticketId: /id, comments: /conversations }
YAML
  (cd "$work" && exec "$veil_java" @"$root/jvm.options" -Xlog:safepoint:file="$work/veil-safepoints.log":timemillis -XX:-UseDynamicNumberOfCompilerThreads ${VEIL_JAVA_OPTS:-} -cp "$veil_jar" dev.veil.gateway.cli.VeilCommand serve --config "$work/veil.yaml" > "$work/veil.log" 2>&1) &
  veil_pid=$!   # the subshell execs java: this is Veil's JVM
  pids+=($veil_pid)
  started "http://127.0.0.1:$veil_port/healthz" "$veil_pid" && break
  kill "$veil_pid" 2> /dev/null || true; wait "$veil_pid" 2> /dev/null || true
  if [[ $attempt -lt 3 ]] && grep -q 'cannot bind' "$work/veil.log"; then
    echo "load: Veil could not bind port $veil_port or $admin_port; trying others" >&2; continue
  fi
  echo "load: Veil did not start; its log:" >&2; cat "$work/veil.log" >&2; exit 1
done

# ---- the cases ---------------------------------------------------------------------------------
lua="$here/load/wrk.lua"
hz="$(getconf CLK_TCK)"
# Veil's CPU time so far in clock ticks: the process's utime + stime, then the JIT compiler threads' alone
# (fields 14 and 15 of stat; the command name in parentheses may hold spaces, so count after its ')')
veil_cpu() {
  local jit=0 t
  for t in /proc/"$veil_pid"/task/*; do
    [[ "$(cat "$t/comm" 2> /dev/null)" == C[12]\ CompilerThre* ]] || continue
    jit=$(( jit + $(sed 's/^.*) //' "$t/stat" 2> /dev/null | awk '{ print $12 + $13 }' || echo 0) ))
  done
  echo "$(sed 's/^.*) //' /proc/"$veil_pid"/stat | awk '{ print $12 + $13 }') $jit"
}
wrk_case() { # CASE URL [wrk options...] [-- lua arguments...]: a warm-up, then the measured run
  local name="$1" url="$2"; shift 2
  [[ "$name" =~ $cases ]] || return 0
  local opts=() args=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && { shift; args=("$@"); }
  CASE="$name" LOAD="$connections conns" wrk -t"$threads" -c"$connections" -d"${warmup}s" --timeout 30s -s "$lua" "${opts[@]}" "$url" -- "${args[@]}" > /dev/null
  measure "$name" "$url" "${opts[@]}" -- "${args[@]}"
}
measure() { # CASE URL [wrk options...] -- [lua arguments...]: the measured run, and Veil's CPU time over it
  local name="$1" url="$2" before after; shift 2
  local opts=(); while [[ "$1" != "--" ]]; do opts+=("$1"); shift; done; shift
  [[ "$name" == veil-* ]] && before=($(veil_cpu))
  CASE="$name" LOAD="$connections conns" wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 30s -s "$lua" "${opts[@]}" "$url" -- "$@" \
    | grep '^RESULT|' | tee -a "$results" | cut -d'|' -f2-4 | sed 's/^/load: /' >&2
  if [[ "$name" == veil-* ]]; then
    after=($(veil_cpu))
    echo "CPU|$name|$(( after[0] - before[0] ))|$(( after[1] - before[1] ))|$hz" >> "$results"
  fi
}
deliveries() { # SIZE SECONDS: signed deliveries, each a new ticket, for SECONDS at the case's cap, written just before use
  local bytes count=$(( $2 * cap[$1] ))
  case "$1" in 4k) bytes=4096 ;; 64k) bytes=65536 ;; 1m) bytes=1048576 ;; esac
  "${cp[@]}" dev.veil.bench.load.SignedRequests "$root/examples/tickets" "$secret" "$bytes" "$count" "$next_id" "$work/deliveries.tsv"
  next_id=$(( next_id + count ))
}

# the most requests per second a case's delivery file allows before wrk would start over (replays
# fail the run): above the peaks measured on the 2-core machine of docs/performance.md with room to
# spare (4 KB intake reached 4,400/s there on 2026-12-01, past the 4,000 this once was; the 4 KB,
# 64 KB and 1 MiB files take about 1, 1.3 and 2 GB for a 20 s case; wrk holds them in memory)
declare -A cap=([4k]=12000 [64k]=1000 [1m]=100)
next_id=1000000 intake_warmed=""
for size in $sizes; do
  body="$work/corpus/zendesk-en-$size.json"
  wrk_case "direct-$size" "http://127.0.0.1:$stub_port/tickets" -- body "$body"
  wrk_case "nginx-$size" "http://127.0.0.1:$nginx_port/tickets" -- body "$body"
done
wrk_case veil-healthz "http://127.0.0.1:$veil_port/healthz"
for size in $sizes; do
  [[ "veil-intake-$size" =~ $cases ]] || continue
  # The first intake case warms up in steps of at most 10 s until the JIT compilers took under 10 %
  # of Veil's CPU in a step (at least 20 s, at most --warmup / 90 s); later sizes run the same code.
  budget="$warmup" spent=0
  [[ -z "$intake_warmed" ]] && budget="$veil_warmup" intake_warmed=1
  while (( spent < budget )); do
    step=$(( budget - spent < 10 ? budget - spent : 10 ))
    deliveries "$size" "$step"
    before=($(veil_cpu))
    wrk -t"$threads" -c"$connections" -d"${step}s" --timeout 30s -s "$lua" "http://127.0.0.1:$veil_port/" -- signed "$work/deliveries.tsv" "$threads" "$work/wrk-ready" > /dev/null
    after=($(veil_cpu)); spent=$(( spent + step ))
    jit=$(( after[0] > before[0] ? 100 * (after[1] - before[1]) / (after[0] - before[0]) : 0 ))
    echo "load: veil-intake-$size warm-up ${spent}s: JIT compilers ${jit}% of Veil's CPU" >&2
    (( spent >= 20 && jit < 10 )) && break
  done
  deliveries "$size" "$seconds"
  measure "veil-intake-$size" "http://127.0.0.1:$veil_port/" -- signed "$work/deliveries.tsv" "$threads" "$work/wrk-ready"
  rm -f "$work/deliveries.tsv"
done

# an expert reads a ticket they claimed
if [[ veil-expert-get =~ $cases ]]; then
  token="$(cd "$work" && java -cp "$veil_jar" dev.veil.gateway.cli.VeilCommand dev token --expert exp-1 --config "$work/veil.yaml")"
  ticket="$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$veil_port/v1/offers?limit=1" | grep -o '"ticketId": *"[^"]*"' | head -1 | sed 's/.*"\(t_[^"]*\)"/\1/')"
  [[ -n "$ticket" ]] || { echo "load: no offer for exp-1 after intake" >&2; exit 1; }
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$veil_port/v1/tickets/$ticket/claim"
  wrk_case veil-expert-get "http://127.0.0.1:$veil_port/v1/tickets/$ticket" -H "Authorization: Bearer $token"
fi

# fixed rate at half of Veil's intake peak: latency without queueing. Each fixed case runs when its
# own name matches --cases, as the wrk cases do, in this order.
fixed_cases=()
for name in fixed-direct fixed-nginx fixed-fsync fixed-veil-intake; do
  [[ "$name" =~ $cases ]] && fixed_cases+=("$name")
done
if [[ ${#fixed_cases[@]} -gt 0 ]] && ! grep -q '^RESULT|veil-intake-4k|' "$results"; then
  echo "load: skipping ${fixed_cases[*]}: the fixed-rate cases need veil-intake-4k (its peak sets their rate and warms Veil up); add it to --cases" >&2
elif [[ ${#fixed_cases[@]} -gt 0 ]]; then
  peak="$(grep '^RESULT|veil-intake-4k|' "$results" | awk -F'|' '{ printf "%d", $4 / $5 }')"
  rate=$(( peak / 2 > 1 ? peak / 2 : 1 ))
  if [[ -n "$fixed_rate" ]]; then
    rate="$fixed_rate"
    echo "load: fixed-rate runs at $rate requests/s (--rate; veil-intake-4k's peak was $peak)" >&2
  else
    echo "load: fixed-rate runs at $rate requests/s (half of veil-intake-4k's $peak)" >&2
  fi
  for name in "${fixed_cases[@]}"; do
    case "$name" in
      fixed-direct) "${cp[@]}" dev.veil.bench.load.FixedRate fixed-direct "$rate" "$warmup" "$seconds" post "http://127.0.0.1:$stub_port/tickets" "$work/corpus/zendesk-en-4k.json" >> "$results" ;;
      fixed-nginx) "${cp[@]}" dev.veil.bench.load.FixedRate fixed-nginx "$rate" "$warmup" "$seconds" post "http://127.0.0.1:$nginx_port/tickets" "$work/corpus/zendesk-en-4k.json" >> "$results" ;;
      fixed-fsync)
        # the disk alone: each request a group-committed durable append of the ticket's size (a ticket's
        # log frames are larger, with its views; an fsync's time hardly depends on a few kilobytes more)
        "${cp[@]}" dev.veil.bench.load.FixedRate fixed-fsync "$rate" "$warmup" "$seconds" fsync "$work" 4096 >> "$results" ;;
      fixed-veil-intake)
        # always traced (into VEIL_FIXED_TRACE if set, else the scratch directory): the pause line
        # below tells how many of the slowest requests a stop of the JVM can explain
        trace_dir="${VEIL_FIXED_TRACE:-$work}"
        VEIL_FIXED_TRACE="$trace_dir" "${cp[@]}" dev.veil.bench.load.FixedRate fixed-veil-intake "$rate" "$warmup" "$seconds" intake "http://127.0.0.1:$veil_port" "$root/examples/tickets" "$secret" "$next_id" >> "$results"
        # Veil's safepoints (collector pauses) in the measured run: its last SECONDS, to within the last answers' drain
        ended="$(date +%s%3N)"
        "${cp[@]}" dev.veil.bench.load.SafepointPauses "$work/veil-safepoints.log" fixed-veil-intake "$(( ended - seconds * 1000 ))" "$ended" "$trace_dir/fixed-veil-intake.tsv" >> "$results" ;;
    esac
  done
fi

echo
# a kernel memory monitor (DAMON) that is running holds a core for milliseconds at a time: on the
# 2-core machines of round 15 it made most of the fixed-rate run's slow log forces (docs/performance.md)
damon=""
for state in /sys/kernel/mm/damon/admin/kdamonds/*/state; do
  if [[ -r "$state" && "$(cat "$state")" == on ]]; then damon=", the kernel's DAMON memory monitor running (it lengthens the fixed-rate tail)"; fi
done
echo "Veil load benchmark: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)$damon, $("$veil_java" -version 2>&1 | head -1), $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), wrk $connections connections / $threads threads, ${seconds}s per case after ${warmup}s warm-up (the first intake case: up to ${veil_warmup}s), Veil from $veil_jar"
"${cp[@]}" dev.veil.bench.load.LoadTable "$results"
