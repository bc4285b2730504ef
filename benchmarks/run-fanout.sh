#!/usr/bin/env bash
# The fan-out benchmark (issue 6), its own command, not a test: one Create to N distinct inboxes on loopback sinks,
# sent by Herald (its own JVM, default DeliverySettings) with each store, and by Fedify 2.3.6 to the same sinks,
# beside `openssl speed -multi 2 rsa2048` measured before and after in the same run. Then the same fan-out to
# 100,000 followers with the H2 store in -Xmx64m (no warm-up round there: it is about memory). See
# docs/benchmarks.md. About 15 minutes on 2 cores.
#
# Usage (from the repository root): benchmarks/run-fanout.sh [inboxes=5000] [hosts=200] [big=100000]
#   big=0 skips the 100,000-follower run. Extra JVM options for Herald's JVM: -Dfanout.node.jvm="..." in
#   FANOUT_DRIVER_OPTS; force a signature provider with FANOUT_DRIVER_OPTS=-Dherald.signatures.provider=jdk.
set -euo pipefail
cd "$(dirname "$0")/.."
inboxes="${1:-5000}"
hosts="${2:-200}"
big="${3:-100000}"
mvn -B -q -DskipTests -Djacoco.skip=true package -pl benchmarks -am
[ -d samples/interop/node_modules ] || (cd samples/interop && npm ci --no-audit --no-fund)
echo "== $(date -u '+%F %T UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "$(java -version 2>&1 | head -1); node $(node --version); $(openssl version); load average $(cut -d' ' -f1-3 /proc/loadavg)"
java ${FANOUT_DRIVER_OPTS:-} -cp benchmarks/target/herald-benchmarks.jar -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.herald.benchmarks.FanOutBenchmark --inboxes "$inboxes" --hosts "$hosts" --stores memory,h2,postgres \
  --heap 256m --fedify in-process,none
# The same over HTTPS (sinks with a self-signed P-256 certificate that the senders trust): every real inbox is HTTPS.
java ${FANOUT_DRIVER_OPTS:-} -cp benchmarks/target/herald-benchmarks.jar -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.herald.benchmarks.FanOutBenchmark --inboxes "$inboxes" --hosts "$hosts" --stores memory --heap 256m \
  --fedify none --tls
if [ "$big" != "0" ]; then
  java ${FANOUT_DRIVER_OPTS:-} -cp benchmarks/target/herald-benchmarks.jar -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    dev.herald.benchmarks.FanOutBenchmark --inboxes "$big" --hosts "$hosts" --stores h2 --heap 64m --fedify off \
    --no-openssl --no-warmup
fi
