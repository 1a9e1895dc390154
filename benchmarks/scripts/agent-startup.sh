#!/usr/bin/env bash
# Agent start-up and call-site cost (benchmarks/RESULTS.md ("Agent start-up and call-site cost")).
#
#   benchmarks/scripts/agent-startup.sh [--runs N] [--attach-runs N] [--classes N] [--jmh] [--java25]
#
# Builds the agent and the benchmarks, then
#   1. AgentStartupBenchmark: time to main without / with the agent / with instrument=false, loading
#      5,000 application classes, attach to corrected time (child JVMs; JDK 17, plus Temurin 25 with --java25);
#   2. with --jmh: CallSiteBenchmark (raw System.currentTimeMillis() vs the rewritten call site, -prof gc).
# The machine's load shows in every figure: read min and median, and the load average printed first.
set -euo pipefail
cd "$(dirname "$0")/../.."

# --java25 runs JAVA25_HOME's java (default: the first /usr/lib/jvm/temurin-25* found)
jdk25="${JAVA25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}"
JAVA25="${jdk25:+$jdk25/bin/java}"
args=()
jmh=false
javas=(--java "$(command -v java)")
while [ $# -gt 0 ]; do
  case "$1" in
    --jmh) jmh=true ;;
    --java25)
      [ -x "$JAVA25" ] || { echo "--java25: no JDK 25 found; set JAVA25_HOME" >&2; exit 2; }
      javas+=(--java "$JAVA25") ;;
    *) args+=("$1") ;;
  esac
  shift
done

mvn -B -q -pl testkit,api,agent,benchmarks -am package -DskipTests
java -cp benchmarks/target/benchmarks.jar dev.chronotick.bench.agent.AgentStartupBenchmark \
  --agent agent/target/chronotick-agent.jar "${javas[@]}" "${args[@]+"${args[@]}"}"

if [ "$jmh" = true ]; then
  java -jar benchmarks/target/benchmarks.jar CallSiteBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
fi
