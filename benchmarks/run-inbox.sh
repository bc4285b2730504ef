#!/usr/bin/env bash
# Inbox throughput for docs/inbox.md: verified (RSA-2048, draft-cavage), stored activities per second from 1,000
# remote actors with cached keys, through Inbox.receive, into the in-memory store and into H2. About a minute.
# Usage (from the repository root): benchmarks/run-inbox.sh [actors] [requests] [threads]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl .,signatures,webfinger,core
mvn -B -q -DskipTests package -pl benchmarks
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
java -cp benchmarks/target/herald-benchmarks.jar dev.herald.benchmarks.InboxBenchmark "${1:-1000}" "${2:-20000}" "${3:-$(nproc)}"
