#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest for a set time, one after the other (docs/fuzzing.md), and prints per target the
# executions, executions per second, coverage and findings. A finding's input is written by Jazzer into the test's
# ...FuzzTestInputs/<method>/ resource directory as crash-<sha1>, where `mvn verify` then runs it as a regression
# test. Each target's generated corpus is kept in <module>/.cifuzz-corpus/ (git-ignored) and grows run after run.
#
# Usage (from anywhere in the repository):
#   benchmarks/run-fuzz.sh [seconds-per-target] [target-substring]
#   seconds-per-target  default 60
#   target-substring    only targets whose name contains it, e.g. Resource or InboxDoor
# Environment:
#   HERALD_FUZZ_FRESH=1 deletes the generated corpora first, so a run starts from the checked-in seeds alone.
# Exit status: 0 when no target found anything, 1 otherwise. Logs: target/fuzz/<target>.log.
# Builds through the reactor (never `mvn install`). Sequential by design: libFuzzer runs one target per JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${1:-60}"
FILTER="${2:-}"
# module:TestClass#method
TARGETS=(
  "signatures:CavageSignatureHeaderFuzzTest#parse"
  "signatures:StructuredFieldsFuzzTest#parse"
  "webfinger:ResourceFuzzTest#parse"
  "webfinger:WebFingerServerFuzzTest#query"
  "webfinger:JrdFuzzTest#parse"
  "core:LimitedJsonParserFuzzTest#parse"
  "core:DocumentReaderFuzzTest#read"
  "core:InboxDoorFuzzTest#unsigned"
  "core:InboxDoorFuzzTest#signed"
)
# Coverage feedback from Herald and from the JSON and JSON-LD libraries it parses with.
INSTRUMENT='dev.herald.**,org.eclipse.parsson.**,com.apicatalog.**'
# One input running longer than this is a finding (timeout-<sha1>), passed to libFuzzer as -timeout. Not a JUnit
# timeout: JUnit would time out the whole fuzzing run, which is one test invocation.
INPUT_TIMEOUT=10

mkdir -p target/fuzz
if [[ "${HERALD_FUZZ_FRESH:-}" == 1 ]]; then
  rm -rf signatures/.cifuzz-corpus webfinger/.cifuzz-corpus core/.cifuzz-corpus
fi

echo "== $(date -u +%Y-%m-%dT%H:%MZ), ${SECONDS_PER_TARGET} s per target, $(nproc) cores, $(java -version 2>&1 | head -1)"
# Compile once up front, so the first target's time is not spent building.
mvn -B -q -pl signatures,webfinger,core -am test-compile -Djacoco.skip=true

summary=()
failed=0
for target in "${TARGETS[@]}"; do
  module="${target%%:*}"
  test="${target#*:}"
  [[ -n "$FILTER" && "$test" != *"$FILTER"* ]] && continue
  log="target/fuzz/${test//#/.}.log"
  echo "-- fuzzing $test ($module) for ${SECONDS_PER_TARGET} s"
  status=0
  JAZZER_FUZZ=1 mvn -B -pl "$module" -am test \
    -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true \
    -Djazzer.max_duration="${SECONDS_PER_TARGET}s" \
    -Djazzer.instrument="$INSTRUMENT" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout="$INPUT_TIMEOUT" >"$log" 2>&1 || status=$?
  # libFuzzer's last status line: "#<execs> DONE cov: <edges> ft: <features> corp: <n>/<size> ... exec/s: <rate>"
  done_line="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)"
  execs="$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$done_line")"
  rate="$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$done_line")"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")"
  corp="$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$done_line")"
  findings="$(grep -c 'Test unit written to' "$log" || true)"
  if [[ "$status" -ne 0 && "$findings" -eq 0 ]]; then
    findings="?"  # the build failed some other way: read the log
  fi
  if [[ "$status" -ne 0 || "$findings" != 0 ]]; then
    failed=1
    grep -E 'Test unit written to|FuzzTestFinding' "$log" | head -5 || true
  fi
  summary+=("$(printf '%-40s %12s %8s %6s %7s %6s %8s' "$test" "${execs:-0}" "${rate:-0}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$findings")")
done

echo
printf '%-40s %12s %8s %6s %7s %6s %8s\n' target executions exec/s cov ft corpus findings
printf '%s\n' "${summary[@]}"
exit "$failed"
