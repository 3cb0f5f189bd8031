#!/usr/bin/env bash
# Lighthouse mobile performance for one page of every HTML kind (the page registry's
# examples, printed by scripts/examples), RUNS rounds in a row (2 by default), against
# `versus serve` once it has compressed everything at the best level. Prints each page's
# score and metrics per round; exits 1 if any score is below 100. Not part of `make test`:
# it takes minutes, and scores vary on a busy machine (rerun a dip before believing it).
#   scripts/lighthouse.sh [RUNS]        needs Chromium (CHROME_PATH) and npx
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser)}
tmp=$(mktemp -d)
pid=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/versus" ./cmd/versus
go run ./scripts/examples >"$tmp/examples"
port=$((20000 + RANDOM % 20000))
url=http://127.0.0.1:$port
"$tmp/versus" serve --addr 127.0.0.1:$port --base-url "$url" >"$tmp/serve.log" 2>&1 &
pid=$!
# Ready, and every page and asset recompressed at the best level, as a server that has
# run for a minute sends them.
for _ in $(seq 300); do
  grep -q 'compressed at the best level' "$tmp/serve.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'compressed at the best level' "$tmp/serve.log" || { echo "versus did not compress its pages in 30 s" >&2; exit 1; }

# The 404 page is measured too: Lighthouse refuses an error status unless told not to.
cat >"$tmp/config.json" <<'EOF'
{"extends": "lighthouse:default", "settings": {"onlyCategories": ["performance"], "formFactor": "mobile", "ignoreStatusCode": true}}
EOF

failed=0
for round in $(seq "$runs"); do
  echo "round $round of $runs"
  printf '  %-15s %5s %8s %8s %7s %5s %9s  %s\n' kind score FCP LCP TBT CLS bytes path
  while read -r kind _ path; do
    npx -y lighthouse@12 "$url$path" --config-path="$tmp/config.json" --quiet \
      --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$tmp/report.json" \
      </dev/null 2>"$tmp/lighthouse.log" || { echo "  $kind: lighthouse failed:"; tail -5 "$tmp/lighthouse.log"; failed=1; continue; }
    line=$(node -e '
      const r = require(process.argv[1]), a = r.audits;
      const score = r.categories.performance.score === null ? "error" : Math.round(r.categories.performance.score * 100);
      console.log([score, a["first-contentful-paint"].displayValue, a["largest-contentful-paint"].displayValue,
        a["total-blocking-time"].displayValue, a["cumulative-layout-shift"].displayValue,
        a["total-byte-weight"].numericValue].join("|"));' "$tmp/report.json" </dev/null)
    IFS='|' read -r score fcp lcp tbt cls bytes <<<"$line"
    printf '  %-15s %5s %8s %8s %7s %5s %9s  %s\n' "$kind" "$score" "$fcp" "$lcp" "$tbt" "$cls" "$bytes" "$path"
    [ "$score" = 100 ] || failed=1
  done <"$tmp/examples"
done
exit $failed
