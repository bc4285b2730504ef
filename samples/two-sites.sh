#!/usr/bin/env bash
# Two Herald samples on one machine that federate with each other:
#   alice on 127.0.0.1:$PORT_A follows bob on 127.0.0.1:$PORT_B, bob posts, and the post arrives at alice.
#
#   mvn -B -q -DskipTests package && samples/two-sites.sh
#
# Environment: PORT_A (default 8081), PORT_B (8082), DATA (a fresh temporary folder), JAR (the built jar),
# KEEP=1 to leave both running (stop them with Ctrl-C). Local federation only: both run with
# --allow-private-network, which lets them talk plain http to each other on loopback.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="${JAR:-$here/target/herald-sample.jar}"
PORT_A="${PORT_A:-8081}"
PORT_B="${PORT_B:-8082}"
DATA="${DATA:-$(mktemp -d -t herald-two-sites.XXXXXX)}"
TOKEN_A="alice-token-$RANDOM$RANDOM"
TOKEN_B="bob-token-$RANDOM$RANDOM"
A="http://127.0.0.1:$PORT_A"
B="http://127.0.0.1:$PORT_B"

[ -f "$JAR" ] || { echo "two-sites: no $JAR; build it first: mvn -B -q -DskipTests package" >&2; exit 1; }
command -v curl >/dev/null || { echo "two-sites: needs curl" >&2; exit 1; }

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT

start() { # name port token
  java -jar "$JAR" --port "$2" --base-url "http://127.0.0.1:$2" --handle "$1" --name "${1^}" \
    --data "$DATA/$1" --admin-token "$3" --allow-private-network > "$DATA/$1.log" 2>&1 &
  pids+=("$!")
}

wait_for() { # description seconds command...
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "two-sites: FAILED: $what (logs in $DATA)" >&2
  exit 1
}

api() { # origin token method path [body]
  curl -sS --fail-with-body -X "$3" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    ${5:+--data "$5"} "$1/admin/api$4"
}

echo "two-sites: data and logs in $DATA"
start alice "$PORT_A" "$TOKEN_A"
start bob "$PORT_B" "$TOKEN_B"
wait_for "alice ready" 60 grep -q '^herald: ready' "$DATA/alice.log"
wait_for "bob ready" 60 grep -q '^herald: ready' "$DATA/bob.log"
grep '^herald: ready' "$DATA/alice.log" "$DATA/bob.log" | sed 's/^.*herald:/two-sites:/'

echo "two-sites: alice follows @bob@127.0.0.1:$PORT_B"
api "$A" "$TOKEN_A" POST /follow "{\"target\": \"@bob@127.0.0.1:$PORT_B\"}"; echo
wait_for "bob has alice as a follower" 30 sh -c "curl -sS -H 'Authorization: Bearer $TOKEN_B' $B/admin/api/followers | grep -q '$A/ap/actors/alice'"
wait_for "alice's follow is accepted" 30 sh -c "curl -sS -H 'Authorization: Bearer $TOKEN_A' $A/admin/api/following | grep -q '\"accepted\":true'"
echo "two-sites: bob's followers: $(api "$B" "$TOKEN_B" GET /followers)"

echo "two-sites: bob posts"
api "$B" "$TOKEN_B" POST /posts '{"content": "<p>Hello from Bob'"'"'s site!</p>", "summary": "Greetings", "hashtags": ["herald"], "language": "en"}'; echo
wait_for "the post arrives at alice" 30 sh -c "curl -sS -H 'Authorization: Bearer $TOKEN_A' $A/admin/api/inbox | grep -q 'Hello from Bob'"
echo "two-sites: alice received: $(grep 'Received Create' "$DATA/alice.log" | tail -1 | sed 's/^.*Received/Received/')"
echo "two-sites: bob's deliveries: $(api "$B" "$TOKEN_B" GET /deliveries)"
echo "two-sites: OK: the post arrived"

if [ "${KEEP:-0}" = "1" ]; then
  echo "two-sites: both keep running: $A/admin (token $TOKEN_A), $B/admin (token $TOKEN_B); Ctrl-C stops them"
  wait
fi
