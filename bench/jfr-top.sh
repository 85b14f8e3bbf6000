#!/usr/bin/env bash
# Prints the hottest frames of a JFR recording: the top (innermost) frame of every
# jdk.ExecutionSample, counted, with its share of all samples.
#
#   bench/jfr-top.sh RECORDING.jfr [N]        # N frames, default 15
#
# Record with: java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
#   -XX:StartFlightRecording=filename=R.jfr,settings=profile ...
# Without DebugNonSafepoints the JIT keeps line information only at safepoints and JFR charges a
# sample to the nearest one: on detection, 5.8 % of the samples went to a branch of
# ContextWords.matches that runs 141 times per 256 KiB corpus. Even with it, a leaf frame of a few
# per cent is a place to time (bench DetectionBreakdown, or a harness), not a cost.
set -euo pipefail
file="$1"; n="${2:-15}"
jfr print --events jdk.ExecutionSample "$file" | awk '
  /stackTrace = \[/ { top = 1; next }
  top == 1 { sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*$/, ""); count[$0]++; total++; top = 0 }
  END { for (f in count) printf "%6.1f%%  %6d  %s\n", 100 * count[f] / total, count[f], f }
' | sort -rn | head -n "$n"
