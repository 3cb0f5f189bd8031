#!/usr/bin/env bash
# Checks deploy/nginx-cache.conf: nginx as a caching proxy in front of two versus
# replicas. It builds versus once, starts two replicas and nginx on free loopback ports
# in a temporary folder, and asks through nginx with curl: what is stored and served from
# the cache, in which encodings, what happens when one replica and then both stop, and
# that a refusal (429, 503) is never stored. Prints a PASS or FAIL line per check and
# exits 1 if any failed; without nginx it says so and exits 0 (apt-get install nginx).
# VERSUS_BIN=path tests that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."

nginx=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if [ -z "$nginx" ]; then
  echo "NOTE: nginx is not installed, so the scale-out checks are SKIPPED (apt-get install nginx)"
  exit 0
fi

. "$(dirname "$0")/lib.sh" # $tmp, pids, cleanup, forget, pass/fail/expect, free_port, versus_binary, clean_env

# get NAME PATH [curl options]: asks nginx; the headers go to $tmp/NAME.h and the body to
# $tmp/NAME.b, never decoded; prints the status code.
get() {
  local name=$1 path=$2
  shift 2
  curl -sS --max-time 15 -D "$tmp/$name.h" -o "$tmp/$name.b" -w '%{http_code}' "$@" "$base$path" || true
}
# header NAME FIELD: the value of the last FIELD header of the response saved as NAME.
header() { grep -i "^$2:" "$tmp/$1.h" | tail -n1 | cut -d: -f2- | sed 's/^ *//; s/\r$//' || true; }
cache() { header "$1" X-Cache-Status; }

free_port && port_a=$port
free_port && port_b=$port
free_port && nginx_port=$port
base=http://127.0.0.1:$nginx_port

versus_binary

# start_replica NAME PORT: a versus on PORT that trusts nginx (127.0.0.1), logging JSON
# to $tmp/NAME.log; waits until /readyz answers. Sets replica_pid.
start_replica() {
  local name=$1 port=$2 env=() v
  # Settings come from the test alone, not from the caller's VERSUS_* variables.
  for v in $(compgen -e); do [[ "$v" != VERSUS_* ]] || env+=(-u "$v"); done
  env "${env[@]}" "$bin" serve --addr "127.0.0.1:$port" --base-url "http://localhost:$nginx_port" \
    --trusted-proxies 127.0.0.1 --log-format json >"$tmp/$name.out" 2>"$tmp/$name.log" &
  replica_pid=$!
  pids+=("$replica_pid")
  for _ in $(seq 360); do # a cold start on a busy machine takes a while
    curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && return
    kill -0 "$replica_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "FAIL: replica $name did not become ready on port $port" >&2
  cat "$tmp/$name.out" "$tmp/$name.log" >&2
  exit 1
}
# stop_replica NAME PID: SIGTERM, then its exit status once it has gone.
stop_replica() {
  local rc=0
  kill -TERM "$2"
  wait "$2" || rc=$?
  forget "$2"
  expect "replica $1 stops on SIGTERM with exit status 0" "$rc" 0
}

start_replica a "$port_a" && pid_a=$replica_pid
start_replica b "$port_b" && pid_b=$replica_pid

# nginx from deploy/nginx-cache.conf, every file it writes in $tmp/nginx.
conf=$tmp/nginx
mkdir -p "$conf/logs"
sed -E "
  s/server 10\.0\.0\.11:8080/server 127.0.0.1:$port_a/
  s/server 10\.0\.0\.12:8080/server 127.0.0.1:$port_b/
  s/listen 80;/listen 127.0.0.1:$nginx_port;/
  s/^ *listen \[::\]:80;//
  s/versus\.example\.com;/localhost;/
  s|/var/cache/nginx-versus|$conf/cache|" deploy/nginx-cache.conf >"$conf/versus.conf"
if sed 's/#.*//' "$conf/versus.conf" | grep -nE '10\.0\.0\.|example\.com|/var/cache|:80;' >&2; then
  echo "FAIL: deploy/nginx-cache.conf: the lines above were not rendered for the test; update $0" >&2
  exit 1
fi
{
  [ "$(id -u)" != 0 ] || echo "user root;" # workers write the cache in $tmp
  cat <<EOF
daemon off;
pid $conf/nginx.pid;
error_log $conf/logs/error.log notice;
events { worker_connections 256; }
http {
    access_log $conf/logs/access.log;
    client_body_temp_path $conf/client_body;
    proxy_temp_path $conf/proxy;
    fastcgi_temp_path $conf/fastcgi;
    uwsgi_temp_path $conf/uwsgi;
    scgi_temp_path $conf/scgi;
    gzip on;  # as Debian's nginx.conf has it: the file must turn it off
    gzip_types text/plain text/css application/json application/javascript text/xml application/xml;
    include $conf/versus.conf;
}
EOF
} >"$conf/nginx.conf"
if ! "$nginx" -t -q -e "$conf/logs/error.log" -p "$conf" -c "$conf/nginx.conf"; then
  echo "FAIL: nginx -t rejects deploy/nginx-cache.conf" >&2
  cat "$conf/logs/error.log" >&2
  exit 1
fi
"$nginx" -e "$conf/logs/error.log" -p "$conf" -c "$conf/nginx.conf" &
pids+=($!)
for _ in $(seq 50); do
  curl -s -o /dev/null --max-time 1 "$base/healthz" && break
  sleep 0.1
done

# The replicas are interchangeable: the same page, byte for byte, under the same ETag.
curl -sS -D "$tmp/a.h" -o "$tmp/a.b" -H 'Accept-Encoding: identity' "http://127.0.0.1:$port_a/"
curl -sS -D "$tmp/b.h" -o "$tmp/b.b" -H 'Accept-Encoding: identity' "http://127.0.0.1:$port_b/"
if cmp -s "$tmp/a.b" "$tmp/b.b" && [ -n "$(header a ETag)" ] && [ "$(header a ETag)" = "$(header b ETag)" ]; then
  pass "both replicas serve the same home page under the same ETag $(header a ETag)"
else
  fail "the replicas differ: ETags '$(header a ETag)' and '$(header b ETag)'"
fi
criterion=$(grep -oE 'href="/criteria/[a-z0-9-]+"' "$tmp/a.b" | head -n1 | cut -d'"' -f2)
asset=$(grep -oE '/static/css/[^"]+\.css' "$tmp/a.b" | head -n1)
others=$(grep -oE 'href="/criteria/[a-z0-9-]+"' "$tmp/a.b" | cut -d'"' -f2 | sort -u | grep -vx "$criterion" | head -n4)

# (a) The first request is a MISS and stored; the second is a HIT.
shared="public, max-age=0, s-maxage=10"
for url in / "$criterion" /api/v1/criteria "$asset" "/compare?c=${criterion#/criteria/}"; do
  s1=$(get miss "$url")
  s2=$(get hit "$url")
  want=$shared
  [[ "$url" != /static/* ]] || want="public, max-age=31536000, immutable"
  if [ "$s1 $(cache miss) $s2 $(cache hit)" = "200 MISS 200 HIT" ] && cmp -s "$tmp/miss.b" "$tmp/hit.b" &&
    [ "$(header hit Cache-Control)" = "$want" ]; then
    pass "$url: MISS, then HIT with the same bytes (Cache-Control: $want)"
  else
    fail "$url: $s1 $(cache miss), then $s2 $(cache hit), Cache-Control '$(header hit Cache-Control)'"
  fi
done
stored_at=$SECONDS

# A browser revalidating its copy gets a 304 from the cache.
etag=$(header hit ETag)
get inm "$criterion" -H "If-None-Match: $(header miss ETag)" >/dev/null
s=$(get inm "$criterion" -H "If-None-Match: $(header inm ETag)")
expect "$criterion with If-None-Match: 304 from the cache" "$s $(cache inm)" "304 HIT"

# (b) Encodings: each Accept-Encoding gets its own entry, the right Content-Encoding, and
# the same page once decoded; browsers' many spellings of Accept-Encoding share entries.
page=$(echo "$others" | head -n1)
ok=true
for enc in identity gzip br; do
  s1=$(get "enc-$enc-1" "$page" -H "Accept-Encoding: $enc")
  s2=$(get "enc-$enc" "$page" -H "Accept-Encoding: $enc")
  want=$enc
  [ "$enc" != identity ] || want=""
  if [ "$s1 $(cache "enc-$enc-1") $s2 $(cache "enc-$enc")" != "200 MISS 200 HIT" ] ||
    [ "$(header "enc-$enc" Content-Encoding)" != "$want" ] || [ "$(header "enc-$enc" Vary)" != Accept-Encoding ]; then
    ok=false
    fail "$page with Accept-Encoding $enc: $s1 $(cache "enc-$enc-1"), then $s2 $(cache "enc-$enc"), Content-Encoding '$(header "enc-$enc" Content-Encoding)', Vary '$(header "enc-$enc" Vary)'"
  fi
done
if $ok; then pass "$page as identity, gzip and br: each a MISS then a HIT, with its own Content-Encoding and Vary: Accept-Encoding"; fi
if gzip -dc <"$tmp/enc-gzip.b" | cmp -s - "$tmp/enc-identity.b"; then
  pass "$page: the cached gzip response decodes to the cached identity one ($(wc -c <"$tmp/enc-gzip.b") bytes → $(wc -c <"$tmp/enc-identity.b"))"
else
  fail "$page: the cached gzip response does not decode to the identity one"
fi
if command -v brotli >/dev/null 2>&1; then
  if brotli -dc <"$tmp/enc-br.b" | cmp -s - "$tmp/enc-identity.b"; then
    pass "$page: the cached br response decodes to the identity one"
  else
    fail "$page: the cached br response does not decode to the identity one"
  fi
fi
s1=$(get chrome "$page" -H 'Accept-Encoding: gzip, deflate, br, zstd')
s2=$(get firefox "$page" -H 'Accept-Encoding: br;q=1.0, gzip;q=0.8, *;q=0.1')
s3=$(get nobr "$page" -H 'Accept-Encoding: br;q=0, gzip')
expect "$page: 'gzip, deflate, br, zstd', then 'br;q=1.0, gzip;q=0.8, *;q=0.1' share one br entry; 'br;q=0, gzip' gets gzip" \
  "$s1 $(cache chrome) $(header chrome Content-Encoding) $s2 $(cache firefox) $s3 $(header nobr Content-Encoding)" \
  "200 MISS br 200 HIT 200 gzip"

# --trusted-proxies behind the cache: the replica that answered logs the client nginx
# saw, whatever a client says about itself.
logged_client() { # ID: the client field of the request with ID in either replica's log
  local line=""
  for _ in $(seq 30); do
    line=$(grep -hF -- "\"$1\"" "$tmp/a.log" "$tmp/b.log" | tail -n1 || true)
    [ -z "$line" ] || break
    sleep 0.1
  done
  printf '%s\n' "$line" | sed -n -E 's/.*"client":"([^"]*)".*/\1/p'
}
get xff "/search?q=xff" -H 'X-Forwarded-For: 203.0.113.7' >/dev/null
expect "X-Forwarded-For: 203.0.113.7 from 127.0.0.1 (trusted) is logged as client 203.0.113.7" "$(logged_client "$(header xff X-Request-Id)")" 203.0.113.7
get spoof "/search?q=spoof" --interface 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.7' -H 'Forwarded: for=203.0.113.9' >/dev/null
expect "X-Forwarded-For and Forwarded sent by a client at 127.0.0.2 are logged as client 127.0.0.2" "$(logged_client "$(header spoof X-Request-Id)")" 127.0.0.2

# (c) Failover. One replica stops: pages nobody asked for yet still come, from the other.
stop_replica a "$pid_a"
statuses=""
for url in $others; do
  [ "$url" != "$page" ] || continue
  statuses+="$(get failover "$url")/$(cache failover) "
done
statuses+="$(get failover "/search?q=failover")/$(cache failover)"
if [[ "$statuses" =~ ^(200/MISS\ )+200/MISS$ ]]; then
  pass "replica a down: uncached pages and a new search are 200 from replica b ($statuses)"
else
  fail "replica a down: uncached pages gave $statuses"
fi

# Both stop: stored pages are still served, pages never stored fail fast with 502 or 504.
stop_replica b "$pid_b"
t0=$(date +%s%N)
s=$(get down-new "/search?q=nobody-asked")
ms=$((($(date +%s%N) - t0) / 1000000))
if [[ "$s" =~ ^50[24]$ ]] && [ "$ms" -lt 5000 ]; then
  pass "both replicas down: an uncached page fails with $s $(cache down-new) in $ms ms"
else
  fail "both replicas down: an uncached page gave '$s' in $ms ms; want 502 or 504 within 5 s"
fi
s=$(get down-cached "$criterion")
if [[ "$s $(cache down-cached)" =~ ^200\ (HIT|STALE)$ ]]; then
  pass "both replicas down: $criterion is still served from the cache ($s $(cache down-cached))"
else
  fail "both replicas down: $criterion gave $s $(cache down-cached); want 200 HIT or STALE"
fi
# Once the stored copies are older than s-maxage, they are served as STALE.
sleep $((stored_at + 12 > SECONDS ? stored_at + 12 - SECONDS : 0))
ok=true
for url in "$criterion" /api/v1/criteria /; do
  s=$(get stale "$url")
  if [ "$s $(cache stale)" != "200 STALE" ]; then
    ok=false
    fail "both replicas down, $url older than s-maxage: $s $(cache stale)"
  fi
done
if ! cmp -s "$tmp/stale.b" "$tmp/a.b"; then ok=false; fail "the stale home page is not the page replica a served"; fi
if $ok; then pass "both replicas down, 12 s later: $criterion, /api/v1/criteria and / are 200 STALE, / as replica a served it"; fi

# (d) Refusals are never stored. A stand-in answers on both replicas' ports as versus
# does when its query slots are full (429 for a search) or while it loads its content
# (503 for everything else), with no-store and Retry-After; /bare answers 200 without
# any Cache-Control.
standin=$tmp/standin
mkdir -p "$standin"
{
  [ "$(id -u)" != 0 ] || echo "user root;"
  cat <<EOF
daemon off;
pid $standin/nginx.pid;
error_log $standin/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $standin/client_body;
    proxy_temp_path $standin/proxy;
    fastcgi_temp_path $standin/fastcgi;
    uwsgi_temp_path $standin/uwsgi;
    scgi_temp_path $standin/scgi;
    server {
        listen 127.0.0.1:$port_a;
        listen 127.0.0.1:$port_b;
        default_type text/plain;
        location = /search {
            add_header Cache-Control no-store always;
            add_header Retry-After 1 always;
            return 429 "busy\n";
        }
        location = /bare { return 200 "no Cache-Control\n"; }
        location / {
            add_header Cache-Control no-store always;
            add_header Retry-After 1 always;
            return 503 "loading\n";
        }
    }
}
EOF
} >"$standin/nginx.conf"
"$nginx" -e "$standin/error.log" -p "$standin" -c "$standin/nginx.conf" &
standin_pid=$!
pids+=("$standin_pid")
# nginx counts both replicas as failed until fail_timeout (10 s) after the last refused
# connection; only then does it try them again.
sleep 11
s1=$(get refused "/search?q=refused")
c1=$(cache refused)
s2=$(get refused "/search?q=refused")
expect "a 429 (no-store) from the replicas reaches the client and is never stored" "$s1 $c1 $s2 $(cache refused)" "429 MISS 429 MISS"
s1=$(get bare "/bare")
c1=$(cache bare)
s2=$(get bare "/bare")
expect "a 200 without Cache-Control is never stored" "$s1 $c1 $s2 $(cache bare)" "200 MISS 200 MISS"
# A 503 counts as a failed replica (proxy_next_upstream http_503): once both have
# answered 503, nginx answers 502 itself until fail_timeout is over.
s1=$(get loading "/about")
c1=$(cache loading)
s2=$(get loading "/about")
if [ "$s1 $c1" = "503 MISS" ] && [[ "$s2 $(cache loading)" =~ ^50[23]\ MISS$ ]]; then
  pass "a 503 (no-store) for an uncached page reaches the client and is never stored ($s1 $c1, then $s2 $(cache loading))"
else
  fail "a 503 for an uncached page: $s1 $c1, then $s2 $(cache loading); want 503 MISS, then 503 or 502 MISS"
fi
s=$(get stale503 "$criterion")
expect "while the replicas answer 503, $criterion is served from the cache" "$s $(cache stale503)" "200 STALE"
kill "$standin_pid" && wait "$standin_pid" 2>/dev/null || true
forget "$standin_pid"

if grep -n '\[emerg\]\|\[alert\]\|\[crit\]' "$conf/logs/error.log" >&2; then
  fail "nginx: its error log has the lines above"
fi

echo "scale-test: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  for f in "$tmp/a.log" "$tmp/b.log" "$conf/logs/error.log"; do
    [ -f "$f" ] && { echo "--- last lines of $(basename "$f")"; tail -n 15 "$f"; }
  done
  exit 1
fi
