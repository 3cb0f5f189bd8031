#!/usr/bin/env bash
# Floods `versus serve` with expensive searches while measuring the latency of a cached
# page, with the query limit on (the default) and, for comparison, effectively off.
#   scripts/flood.sh            needs wrk (apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
bin=$(mktemp -d)/versus
go build -o "$bin" ./cmd/versus
# Eight common two-letter words: the costliest search a short query can ask for.
expensive='/search?q=in+on+of+to+is+it+as+an'
duration=${DURATION:-10s}
for limit in 0 100000; do
  port=$((20000 + RANDOM % 20000))
  "$bin" serve --addr 127.0.0.1:$port --query-limit $limit --log-level warn >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:$port/readyz; do sleep 0.05; done
  curl -s -o /dev/null http://127.0.0.1:$port/   # warm
  label=$([ $limit = 0 ] && echo "query limit on (default)" || echo "query limit off")
  wrk -t1 -c64 -d"$duration" "http://127.0.0.1:$port$expensive" > /tmp/flood-search.txt &
  flood=$!
  sleep 1
  wrk -t1 -c8 -d"$duration" --latency http://127.0.0.1:$port/ > /tmp/flood-home.txt
  wait $flood
  kill $pid; wait $pid 2>/dev/null || true
  echo "== $label"
  echo "  cached page / under the flood: $(grep -E '^\s+50%' /tmp/flood-home.txt | awk '{print "p50 " $2}'), $(grep -E '^\s+99%' /tmp/flood-home.txt | awk '{print "p99 " $2}'), $(grep Requests/sec /tmp/flood-home.txt | awk '{print $2 " req/s"}')"
  echo "  searches: $(grep Requests/sec /tmp/flood-search.txt | awk '{print $2 " req/s"}'), $(grep -o 'Non-2xx or 3xx responses: [0-9]*' /tmp/flood-search.txt | awk '{print $5}' || echo 0) refused (429) of $(grep 'requests in' /tmp/flood-search.txt | awk '{print $1}')"
done
