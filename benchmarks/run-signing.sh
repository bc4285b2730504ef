#!/usr/bin/env bash
# RSA-2048 signing figures for docs/benchmarks.md: OpenSSL's raw rate beside Herald's whole signed
# request, with the JDK provider and with Conscrypt, on 1 and 2 threads. Takes about 6 minutes.
# Usage (from the repository root): benchmarks/run-signing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
jar=benchmarks/target/herald-benchmarks.jar
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "== openssl speed rsa2048, 1 and 2 processes ($(openssl version))"
openssl speed -seconds 5 rsa2048 2>/dev/null | grep -E '^rsa 2048|sign/s'
openssl speed -seconds 5 -multi 2 rsa2048 2>/dev/null | grep -E '^rsa 2048|sign/s'
for threads in 1 2; do
  echo "== Herald, $threads thread(s)"
  java -jar "$jar" SigningBenchmark -t "$threads" -prof gc -rf text -rff "benchmarks/target/signing-$threads.txt" >/dev/null
  cat "benchmarks/target/signing-$threads.txt"
done
