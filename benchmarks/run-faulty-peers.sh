#!/usr/bin/env bash
# Faulty peers (issue 9, docs/reliability.md): the same fan-out through the delivery engine on an H2 file store, once
# with every loopback sink host healthy and once with 20 % of them answering 500, hanging, resetting the connection,
# trickling bytes, or answering 410. Prints the healthy hosts' deliveries/s in both runs and the ratio (target >= 90 %),
# then, per faulty host: requests seen, jobs by state, attempts, next attempt, host health, circuit, retry gaps against
# the schedule; and the followers behind the 410 host before and after. About 3 minutes; its own command, not a test.
# Usage (from the repository root): benchmarks/run-faulty-peers.sh [inboxes=5000] [hosts=50] [watch seconds=60]
set -euo pipefail
cd "$(dirname "$0")/.."
# The reactor builds the modules it needs; nothing is installed into ~/.m2.
mvn -B -q -DskipTests -Djacoco.skip=true package -pl benchmarks -am
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
java -Xmx512m -cp benchmarks/target/herald-benchmarks.jar -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  dev.herald.benchmarks.FaultyPeersBenchmark "${1:-5000}" "${2:-50}" "${3:-60}"
