#!/usr/bin/env bash
# Checks that nginx serving a static export (versus export, deploy/nginx-export.conf)
# sends what versus serve sends: for every path the export wrote, the same bytes with
# Accept-Encoding gzip and without, the same Content-Type and the same caching, framing
# and cross-origin headers. It exports the real content, starts nginx (its own prefix,
# pid and temporary paths in a temporary folder, a free port) and versus on another
# port, and compares them with curl. Prints PASS or FAIL lines and exits 1 if any failed.
# Skipped with a NOTE when nginx is not installed (apt-get install nginx).
# VERSUS_BIN=path tests that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."

nginx=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if [ -z "$nginx" ]; then
  echo "NOTE: nginx is not installed, so the export test is SKIPPED (apt-get install nginx)"
  exit 0
fi

. "$(dirname "$0")/lib.sh" # $tmp, pids, cleanup, forget, pass/fail/expect, free_port, versus_binary, clean_env

free_port && vport=$port
free_port && nport=$port
versus=http://127.0.0.1:$vport
static=http://127.0.0.1:$nport
base_url=https://versus.example.com # the same public address for both, so pages are equal

versus_binary

site=$tmp/site
env "${clean_env[@]}" "$bin" export --base-url "$base_url" "$site"
[ -f "$site/_headers" ] || { echo "FAIL: versus export wrote no _headers"; exit 1; }

# nginx with deploy/nginx-export.conf: its port and the export's folder, every file it
# writes in $tmp.
conf=$tmp/nginx
mkdir -p "$conf/logs"
sed -E "s/listen 80;/listen 127.0.0.1:$nport;/; s/^ *listen \[::\]:80;//; s|root /srv/versus;|root $site;|" \
  deploy/nginx-export.conf >"$conf/versus-export.conf"
if sed 's/#.*//' "$conf/versus-export.conf" | grep -nE '/srv/versus|listen 80;' >&2; then
  echo "FAIL: deploy/nginx-export.conf: the lines above were not rendered for the test; update scripts/export-test.sh" >&2
  exit 1
fi
{
  [ "$(id -u)" != 0 ] || echo "user root;" # workers read the export in $tmp
  cat <<EOF
daemon off;
pid $conf/nginx.pid;
error_log $conf/logs/error.log notice;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $conf/client_body;
    proxy_temp_path $conf/proxy;
    fastcgi_temp_path $conf/fastcgi;
    uwsgi_temp_path $conf/uwsgi;
    scgi_temp_path $conf/scgi;
    include $conf/versus-export.conf;
}
EOF
} >"$conf/nginx.conf"
if ! "$nginx" -t -q -e "$conf/logs/error.log" -p "$conf" -c "$conf/nginx.conf"; then
  echo "FAIL: nginx -t rejects deploy/nginx-export.conf"
  cat "$conf/logs/error.log" >&2
  exit 1
fi
"$nginx" -e "$conf/logs/error.log" -p "$conf" -c "$conf/nginx.conf" &
pids+=($!)

versus_log=$tmp/versus.log
for attempt in 1 2 3; do # another test may take the free port first
  env "${clean_env[@]}" "$bin" serve --addr "127.0.0.1:$vport" --base-url "$base_url" >"$tmp/versus.out" 2>"$versus_log" &
  versus_pid=$!
  pids+=("$versus_pid")
  for _ in $(seq 360); do # a cold start on a busy machine takes a while
    curl -fsS --max-time 2 -o /dev/null "$versus/readyz" 2>/dev/null && break 2
    kill -0 "$versus_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ "$attempt" = 3 ] || ! grep -q 'address already in use' "$tmp/versus.out" "$versus_log"; then
    echo "FAIL: versus serve did not become ready on $versus"
    cat "$tmp/versus.out" "$versus_log" >&2
    exit 1
  fi
  free_port && vport=$port
  versus=http://127.0.0.1:$vport
done
curl -s -o /dev/null --max-time 2 "$static/" || sleep 1

# passes: how many best-level passes versus has logged.
passes() { grep -c 'compressed at the best level' "$versus_log" || true; }
wait_pass_after() { # N SECONDS: wait until more than N passes are logged
  for _ in $(seq $(($2 * 4))); do
    [ "$(passes)" -gt "$1" ] && return 0
    sleep 0.25
  done
  return 1
}
wait_pass_after 0 60 || { echo "FAIL: versus never finished compressing at the best level"; exit 1; }

# Every path the export has: those of _headers (all but query views), the query views.
mapfile -t urls < <(grep '^/' "$site/_headers" | grep -vx /404.html)
for f in "$site"/compare/g/*.html; do
  [ -e "$f" ] && urls+=("/compare?g=$(basename "$f" .html)")
done

# Lazy pages (preview images, API documents) are made on their first request, at a fast
# level; versus recompresses them at the best level in a pass a second later. Wait for
# that pass, then until no further pass comes for 3 s (pages made during a pass get one
# of their own).
n=$(passes)
for url in "${urls[@]}"; do curl -fsS -o /dev/null "$versus$url" || fail "versus serve: GET $url failed"; done
wait_pass_after "$n" 60 || { echo "FAIL: versus did not recompress the pages made on first request"; exit 1; }
while n=$(passes); wait_pass_after "$n" 3; do :; done

# get SERVER URL ENCODING NAME: headers to $tmp/NAME.h, body to $tmp/NAME.b; prints the status.
get() {
  curl -sS --max-time 10 -H "Accept-Encoding: $3" -D "$tmp/$4.h" -o "$tmp/$4.b" -w '%{http_code}' "$1$2" || true
}
# The headers that say how a response may be used; ETag and Last-Modified are each server's own.
compared_headers="Content-Type Content-Encoding Cache-Control Access-Control-Allow-Origin Access-Control-Expose-Headers Cross-Origin-Resource-Policy Content-Security-Policy X-Frame-Options X-Content-Type-Options Referrer-Policy"

# pick FILE NAMES: the headers of a headers file that NAMES lists, lower-cased and sorted.
pick() {
  awk -v names="$2" 'BEGIN { n = split(tolower(names), a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
    { sub(/\r$/, ""); i = index($0, ":"); if (i == 0) next
      k = tolower(substr($0, 1, i - 1)); v = substr($0, i + 1); sub(/^ +/, "", v)
      if (k in want) print k ": " v }' "$1" | sort
}

# compare URL NGINX-URL ENCODING WANT-STATUS: nginx at NGINX-URL and versus at URL send
# the same status, bytes and headers. For a query view, versus sends the view from its
# cache at the fast compression level, and the export has those bytes.
bad=0
compare() {
  local url=$1 nurl=$2 enc=$3 want=$4 vs ns names=$compared_headers problems=""
  vs=$(get "$versus" "$url" "$enc" v)
  ns=$(get "$static" "$nurl" "$enc" n)
  [ "$vs" = "$want" ] && [ "$ns" = "$want" ] || problems+=" status: nginx $ns, versus $vs, want $want;"
  pick "$tmp/n.h" "$names" >"$tmp/n.p"
  pick "$tmp/v.h" "$names" >"$tmp/v.p"
  if ! cmp -s "$tmp/n.p" "$tmp/v.p"; then
    problems+=" headers (< nginx, > versus): $(diff "$tmp/n.p" "$tmp/v.p" | grep '^[<>]' | tr '\n' ' ');"
  fi
  if ! cmp -s "$tmp/n.b" "$tmp/v.b"; then
    problems+=" body: nginx $(wc -c <"$tmp/n.b") bytes, versus $(wc -c <"$tmp/v.b") bytes, $(cmp "$tmp/n.b" "$tmp/v.b" 2>&1 | head -n1);"
  fi
  if [ -n "$problems" ]; then
    bad=$((bad + 1))
    [ "$bad" -gt 20 ] || echo "  differs: $nurl with Accept-Encoding: $enc:$problems"
  fi
}

for enc in gzip identity; do
  bad=0
  for url in "${urls[@]}"; do
    case "$url" in
    *\?*) compare "$url" "$url" "$enc" 200 ;;
    *) compare "$url" "$url" "$enc" 200 ;;
    esac
  done
  compare /no-such-page /no-such-page "$enc" 404
  if [ "$bad" = 0 ]; then
    pass "every exported path (${#urls[@]} and the 404 page) with Accept-Encoding: $enc: nginx sends versus's bytes, Content-Type and headers"
  else
    fail "$bad of ${#urls[@]} paths with Accept-Encoding: $enc differ between nginx and versus (above)"
  fi
done

# Queries a static server cannot answer get the page without the query.
bad=0
compare /search "/search?q=node" gzip 200
compare /compare "/compare?g=no-such-group" gzip 200
compare /compare "/compare?g=$(basename "$(ls "$site"/compare/g/*.html | head -n1)" .html)&s=node" gzip 200
compare /decide "/decide?w=x:3" gzip 200
if [ "$bad" = 0 ]; then pass "a query nginx cannot answer (search, decide, other compare views) gets the page without it"; else fail "query fallbacks differ (above)"; fi

if grep -n '\[emerg\]\|\[alert\]\|\[crit\]\|\[error\]' "$conf/logs/error.log" | grep -v 'No such file\|open()' >&2; then
  fail "nginx: its error log has the lines above"
fi

echo "export-test: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  echo "--- last lines of the versus log"
  tail -n 15 "$versus_log"
  exit 1
fi
