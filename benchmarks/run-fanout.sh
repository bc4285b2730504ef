#!/usr/bin/env bash
# Fan-out throughput of the delivery engine on loopback (see FanOutBenchmark): one activity to N distinct inboxes
# on H sink hosts (127.0.x.y), signed with RSA-2048 per request. Its own command, not a test.
# Usage (from the repository root): benchmarks/run-fanout.sh [inboxes=5000] [hosts=250] [memory|h2] [perHost=8]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl .,signatures,webfinger,core
mvn -B -q -DskipTests package -pl benchmarks
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
java -Xmx${HERALD_FANOUT_HEAP:-256m} -cp benchmarks/target/herald-benchmarks.jar \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.herald.benchmarks.FanOutBenchmark "$@"
