#!/usr/bin/env bash
# Measures how fast `versus serve` answers after exec and how much memory it holds:
# time to the first answer from /healthz and to the first 200 from / and /readyz, then
# peak and current resident memory (VmHWM, VmRSS) a few seconds later.
#   scripts/startup.sh [extra serve flags...]     e.g. --content /tmp/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)/versus
go build -o "$bin" ./cmd/versus
port=$((20000 + RANDOM % 20000))
url=http://127.0.0.1:$port
ms() { date +%s%3N; }
start=$(ms)
"$bin" serve --addr 127.0.0.1:$port "$@" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
first() { # first() PATH STATUS: wait until PATH answers STATUS, print ms since exec
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url$1" 2>/dev/null)" = "$2" ]; do
    kill -0 $pid 2>/dev/null || { echo "versus exited" >&2; exit 1; }
    sleep 0.005
  done
  echo $(( $(ms) - start ))
}
health=$(first /healthz 200)
home=$(first / 200)
ready=$(first /readyz 200)
echo "first /healthz 200: ${health} ms; first / 200: ${home} ms; /readyz 200: ${ready} ms after exec"
curl -s -o /dev/null -H 'Accept-Encoding: br' "$url/criteria/security"
sleep "${SETTLE:-5}"
grep -E 'VmHWM|VmRSS' /proc/$pid/status | tr -s ' \t' ' ' | paste -sd ';'
