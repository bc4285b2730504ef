#!/usr/bin/env bash
# The inbox benchmark (issue 7), its own command, not a test: verified, stored activities per second from 1,000
# remote actors (RSA-2048, draft-cavage, keys cached after a warm-up round) POSTed over HTTP on loopback to Herald
# (Jetty + HeraldFilter; in-memory and H2 stores) and to a Fedify 2.3.6 inbox server, the same requests in the
# same run, after the door alone (Inbox.receive without HTTP). See docs/benchmarks.md. A few minutes on 2 cores.
#
# Usage (from the repository root): benchmarks/run-inbox.sh [actors=1000] [requests=20000] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
actors="${1:-1000}"
requests="${2:-20000}"
connections="${3:-32}"
mvn -B -q -DskipTests -Djacoco.skip=true package -pl benchmarks -am
[ -d samples/interop/node_modules ] || (cd samples/interop && npm ci --no-audit --no-fund)
echo "== $(date -u '+%F %T UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "$(java -version 2>&1 | head -1); node $(node --version); load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/herald-benchmarks.jar -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.herald.benchmarks.InboxBenchmark "$actors" "$requests" "$(nproc)"
java -cp benchmarks/target/herald-benchmarks.jar -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.herald.benchmarks.InboxHttpBenchmark --actors "$actors" --requests "$requests" --connections "$connections" \
  --targets herald-memory,herald-h2,herald-postgres,fedify
