#!/usr/bin/env bash
# Crash test at scale (issue 9, docs/reliability.md): the samples' CrashIT with N deliveries. The sample process
# (embedded H2) fans one post out to N inboxes on loopback sink hosts, is killed with SIGKILL after 40 % of them got
# it, and is restarted on the same data; every inbox must get the post, duplicates only for jobs that were claimed
# and sent at the kill. Prints the figures (seeding, publish -> kill, jobs claimed at the kill, restart -> every
# inbox, duplicates and their bound). Under 5 minutes at 10,000 on 2 cores; its own command, not part of mvn verify
# (which runs CrashIT at 1,000).
# Usage (from the repository root): benchmarks/run-crash.sh [deliveries=10000] [hosts=deliveries/50] [kill at %=40]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
hosts=${2:-$(( n / 50 < 10 ? 10 : (n / 50 > 200 ? 200 : n / 50) ))}
kill_at=${3:-40}
mkdir -p samples/target
log=samples/target/run-crash.log
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "== building the sample jar and running CrashIT with $n deliveries on $hosts hosts (full log: $log)"
status=0
# The reactor builds what the sample needs (nothing is installed into ~/.m2), packages the jar, runs the one IT.
mvn -B -pl samples -am verify -Dit.test=CrashIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dspotless.check.skip=true \
  -Dherald.crash.deliveries="$n" -Dherald.crash.hosts="$hosts" -Dherald.crash.killAt="$kill_at" >"$log" 2>&1 || status=$?
awk '/^crash:/ {on = 1} on {print} /^  total/ {on = 0}' "$log"
grep -E 'Tests run:.*CrashIT|BUILD (SUCCESS|FAILURE)' "$log" || true
if [ "$status" -ne 0 ]; then
  grep -E '^\[ERROR\]' "$log" | head -30
fi
exit "$status"
