#!/usr/bin/env bash
# Checks the reverse-proxy snippets in deploy/ against a running versus. It renders
# deploy/nginx.conf and deploy/Caddyfile for free loopback ports and a throwaway
# certificate, starts versus, nginx and Caddy in a temporary folder, and asks through each
# proxy with curl. Prints a PASS or FAIL line per check and exits 1 if any failed. A proxy
# that is not installed is skipped with a NOTE (apt-get install nginx caddy).
# VERSUS_BIN=path tests that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."

nginx=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
caddy=$(command -v caddy || true)
[ -n "$nginx" ] || echo "NOTE: nginx is not installed, so the nginx checks are SKIPPED (apt-get install nginx)"
[ -n "$caddy" ] || echo "NOTE: caddy is not installed, so the Caddy checks are SKIPPED (apt-get install caddy)"
[ -n "$nginx$caddy" ] || exit 0

. "$(dirname "$0")/lib.sh" # $tmp, pids, cleanup, forget, pass/fail/expect, free_port, versus_binary, clean_env
# stop PID: ends a process this script started and forgets it, so cleanup never signals
# a process that reuses its ID.
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget "$1"
}

# get NAME URL [curl options]: the headers go to $tmp/NAME.h and the body to $tmp/NAME.b;
# prints the status code and the HTTP version. The client trusts only the test's
# certificate, and never decodes bodies.
get() {
  local name=$1 url=$2
  shift 2
  curl -sS --max-time 10 --cacert "$tmp/cert.pem" -D "$tmp/$name.h" -o "$tmp/$name.b" \
    -w '%{http_code} %{http_version}' "$@" "$url" || true
}
# header FILE NAME: the value of the last NAME header in a headers file.
header() { grep -i "^$2:" "$1" | tail -n1 | cut -d: -f2- | sed 's/^ *//; s/\r$//' || true; }

# log_field ID FIELD: FIELD of the access log record of the request with ID, from a JSON
# ("client":"…") or text (client=…) line. Waits a little: versus logs after responding.
log_field() {
  local line=""
  [ -n "$1" ] || return 0
  for _ in $(seq 30); do
    line=$(grep -F -- "$1" "$versus_log" | tail -n1 || true)
    [ -z "$line" ] || break
    sleep 0.1
  done
  case "$line" in
  "{"*) printf '%s\n' "$line" | sed -n -E "s/.*\"$2\":\"?([^\",}]*).*/\1/p" ;;
  *) printf '%s\n' "$line" | sed -n -E "s/(^|.* )$2=\"?([^\" ]*).*/\2/p" ;;
  esac
}

free_port && vport=$port
free_port && nginx_http=$port
free_port && nginx_tls=$port
free_port && caddy_http=$port
free_port && caddy_tls=$port
origin=http://127.0.0.1:$vport

versus_binary

# start_versus LOG [FLAGS]: serves on $vport and waits until /readyz answers.
versus_pid=""
start_versus() {
  versus_log=$1
  shift
  local flags=(--base-url "https://localhost:$nginx_tls" --log-format json) env=() v
  # Settings come from the test alone, not from the caller's VERSUS_* variables.
  for v in $(compgen -e); do [[ "$v" != VERSUS_* ]] || env+=(-u "$v"); done
  env "${env[@]}" VERSUS_ADDR="127.0.0.1:$vport" "$bin" serve "${flags[@]}" "$@" >"$tmp/versus.out" 2>"$versus_log" &
  versus_pid=$!
  pids+=("$versus_pid")
  for _ in $(seq 360); do # a cold start on a busy machine takes a while
    if curl -fsS --max-time 2 -o /dev/null "$origin/readyz" 2>/dev/null; then
      # versus answers first with fast compression and recompresses every page at the
      # best level in the background; compare bytes only once that pass is over.
      for _ in $(seq 240); do
        if grep -q 'compressed at the best level' "$versus_log"; then return; fi
        sleep 0.25
      done
      echo "FAIL: versus never finished compressing at the best level" >&2
      exit 1
    fi
    if ! kill -0 "$versus_pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "FAIL: versus did not become ready on $origin"
  cat "$tmp/versus.out" "$versus_log" >&2
  exit 1
}

# A throwaway certificate for localhost.
if command -v openssl >/dev/null 2>&1; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
else
  (cd "$tmp" && go run "$(go env GOROOT)/src/crypto/tls/generate_cert.go" --host localhost,127.0.0.1 --ecdsa-curve P256 2>/dev/null)
fi

start_versus "$tmp/versus-trusted.log" --trusted-proxies 127.0.0.1
curl -sS -o /dev/null -D "$tmp/direct.h" "$origin/"
hsts=$(header "$tmp/direct.h" Strict-Transport-Security)
# A page and a document versus sends uncompressed, as versus itself encodes them.
encoded_urls="/criteria /sitemap.xml /feed.xml"
for url in $encoded_urls; do
  for enc in br gzip identity; do
    curl -sS -H "Accept-Encoding: $enc" -D "$tmp/direct-${url//[\/.]/_}-$enc.h" -o "$tmp/direct-${url//[\/.]/_}-$enc" "$origin$url"
  done
done

# render SOURCE TARGET SED-SCRIPT: the snippet with test values, and a failure if any of
# the operator's values is left (the snippet changed and this script did not follow).
render() {
  sed -E "$3" "$1" >"$2"
  if sed 's/#.*//' "$2" | grep -nE 'versus\.example\.com|/etc/letsencrypt|/var/cache|:8080|:80;|:443 ' >&2; then
    echo "FAIL: $1: the lines above were not rendered for the test; update scripts/proxy-test.sh" >&2
    exit 1
  fi
}

# common PROXY BASE: what every proxy must get right.
common() {
  local p=$1 base=$2 status version enc want
  read -r status version <<<"$(get "$p-home" "$base/" --http2)"
  if [ "$status" = 200 ] && [[ "$(header "$tmp/$p-home.h" Content-Type)" == text/html* ]] &&
    grep -qi '<!doctype html' "$tmp/$p-home.b" && [ "$version" = 2 ]; then
    pass "$p: GET / over HTTPS (certificate checked) is 200 text/html over HTTP/2"
  else
    fail "$p: GET / over HTTPS: status $status, HTTP/$version, Content-Type $(header "$tmp/$p-home.h" Content-Type)"
  fi

  # The proxy passes Accept-Encoding on and versus's bytes back untouched: compressed
  # or not, also on a second request (from nginx's cache), with the encodings interleaved.
  local ok=true url direct got
  for url in $encoded_urls; do
    for enc in br gzip identity br gzip identity; do
      direct=$tmp/direct-${url//[\/.]/_}-$enc
      get "$p-$enc" "$base$url" -H "Accept-Encoding: $enc" >/dev/null
      got=$(header "$tmp/$p-$enc.h" Content-Encoding)
      want=$(header "$direct.h" Content-Encoding)
      if [ "$got" != "$want" ] || ! cmp -s "$tmp/$p-$enc.b" "$direct"; then
        ok=false
        fail "$p: $url with Accept-Encoding: $enc gave Content-Encoding '$got' and $(wc -c <"$tmp/$p-$enc.b") bytes; versus sends '$want' and $(wc -c <"$direct") bytes"
      fi
    done
  done
  if $ok; then pass "$p: ${encoded_urls// /, } with Accept-Encoding br, gzip, identity (twice each) come back as versus sent them, byte for byte"; fi

  if [ -z "$hsts" ]; then
    fail "$p: versus sends no Strict-Transport-Security with an https --base-url"
  else
    expect "$p: Strict-Transport-Security reaches the client" "$(header "$tmp/$p-home.h" Strict-Transport-Security)" "$hsts"
  fi
}

# client_is PROXY WHAT ID WANT: versus logged the request with ID as coming from WANT.
client_is() {
  expect "$1: $2" "$(log_field "$3" client)" "$4"
}

nginx_checks() {
  local conf=$tmp/nginx status id id2 asset preview url
  mkdir -p "$conf/logs"
  local ipv6='s/^ *listen \[::\]:.*//'
  if grep -q ' lo$' /proc/net/if_inet6 2>/dev/null; then
    ipv6="s/listen \[::\]:80;/listen [::1]:$nginx_http;/; s/listen \[::\]:443 /listen [::1]:$nginx_tls /"
  fi
  render deploy/nginx.conf "$conf/versus.conf" "
    s/server 127\.0\.0\.1:8080/server 127.0.0.1:$vport/
    s/listen 80;/listen 127.0.0.1:$nginx_http;/
    s/listen 443 /listen 127.0.0.1:$nginx_tls /
    $ipv6
    s/versus\.example\.com;/localhost;/
    s|/etc/letsencrypt/live/versus\.example\.com/fullchain\.pem|$tmp/cert.pem|
    s|/etc/letsencrypt/live/versus\.example\.com/privkey\.pem|$tmp/key.pem|
    s|/var/cache/nginx-versus|$conf/cache|"
  # The main context around the snippet, like Debian's /etc/nginx/nginx.conf with its
  # gzip_types line uncommented, as many sites have it; every file nginx writes is in $tmp.
  {
    [ "$(id -u)" != 0 ] || echo "user root;" # workers read the key and write the cache in $tmp
    cat <<EOF
daemon off;
pid $conf/nginx.pid;
error_log $conf/logs/error.log notice;
events { worker_connections 128; }
http {
    access_log $conf/logs/access.log;
    client_body_temp_path $conf/client_body;
    proxy_temp_path $conf/proxy;
    fastcgi_temp_path $conf/fastcgi;
    uwsgi_temp_path $conf/uwsgi;
    scgi_temp_path $conf/scgi;
    gzip on;
    gzip_types text/plain text/css application/json application/javascript text/xml application/xml application/xml+rss text/javascript;
    include $conf/versus.conf;
}
EOF
  } >"$conf/nginx.conf"
  if ! "$nginx" -t -q -e "$conf/logs/error.log" -p "$conf" -c "$conf/nginx.conf"; then
    fail "nginx: nginx -t rejects deploy/nginx.conf"
    cat "$conf/logs/error.log" >&2
    return
  fi
  "$nginx" -e "$conf/logs/error.log" -p "$conf" -c "$conf/nginx.conf" &
  pids+=($!)
  nginx_up=true
  for _ in $(seq 50); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$nginx_http/" && break
    sleep 0.1
  done
  local base=https://localhost:$nginx_tls

  read -r status _ <<<"$(get nginx-redirect "http://localhost:$nginx_http/criteria?c=x" --http1.1)"
  expect "nginx: http:// redirects to https:// (301, same path and query)" \
    "$status $(header "$tmp/nginx-redirect.h" Location)" "301 https://localhost/criteria?c=x"

  common nginx "$base"

  # nginx names the request; versus logs that name (works before versus returns the header).
  get nginx-id "$base/criteria?proxy-test=id" -H 'X-Request-Id: from-the-client' >/dev/null
  id=$(header "$tmp/nginx-id.h" X-Request-Id)
  if [[ "$id" =~ ^[0-9a-f]{32}$ ]] && [ "$(log_field "$id" request_id)" = "$id" ]; then
    pass "nginx: X-Request-Id is returned and is the request_id versus logged"
  else
    fail "nginx: X-Request-Id '$id' is not a request_id in versus's log"
  fi

  client_is nginx "X-Forwarded-For: 203.0.113.7 from 127.0.0.1 (trusted) is logged as client 203.0.113.7" \
    "$(get nginx-xff "$base/criteria?proxy-test=xff" -H 'X-Forwarded-For: 203.0.113.7' >/dev/null; header "$tmp/nginx-xff.h" X-Request-Id)" 203.0.113.7
  client_is nginx "X-Forwarded-For: 203.0.113.7 from 127.0.0.2 (untrusted) is logged as client 127.0.0.2" \
    "$(get nginx-spoof "$base/criteria?proxy-test=spoof" --interface 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.7' >/dev/null; header "$tmp/nginx-spoof.h" X-Request-Id)" 127.0.0.2
  client_is nginx "a client's own Forwarded: for=198.51.100.9 is dropped: logged as client 127.0.0.1" \
    "$(get nginx-fwd "$base/criteria?proxy-test=fwd" -H 'Forwarded: for=198.51.100.9' >/dev/null; header "$tmp/nginx-fwd.h" X-Request-Id)" 127.0.0.1

  # Assets and previews: stored on the first request, served from the cache after.
  asset=$(grep -oE '/static/css/[^"]+\.css' "$tmp/nginx-home.b" | head -n1)
  preview=$(grep -oE '/preview/[^"]+\.png' "$tmp/nginx-home.b" | head -n1)
  for url in "$asset" "$preview"; do
    get nginx-asset1 "$base$url" >/dev/null
    get nginx-asset2 "$base$url" >/dev/null
    if [ -n "$url" ] && [ "$(header "$tmp/nginx-asset2.h" X-Cache-Status)" = HIT ] &&
      [[ "$(header "$tmp/nginx-asset2.h" Cache-Control)" == *immutable* ]] && cmp -s "$tmp/nginx-asset1.b" "$tmp/nginx-asset2.b"; then
      pass "nginx: a second GET of $url is X-Cache-Status: HIT, immutable"
    else
      fail "nginx: a second GET of '$url': X-Cache-Status '$(header "$tmp/nginx-asset2.h" X-Cache-Status)', Cache-Control '$(header "$tmp/nginx-asset2.h" Cache-Control)'"
    fi
  done
  id=$(header "$tmp/nginx-asset1.h" X-Request-Id)
  id2=$(header "$tmp/nginx-asset2.h" X-Request-Id)
  if [ -n "$id2" ] && [ "$id" != "$id2" ] && [ "$(grep -ci '^x-request-id:' "$tmp/nginx-asset2.h")" = 1 ]; then
    pass "nginx: a cache hit carries one X-Request-Id, its own, not the stored one"
  else
    fail "nginx: a cache hit has these X-Request-Id headers, the first response '$id':" "$(grep -i '^x-request-id:' "$tmp/nginx-asset2.h" | tr -d '\r' | tr '\n' ' ')"
  fi

  # Pages: stored for a second, then revalidated with a conditional request. (nginx
  # counts whole seconds, so "1s" can last almost two.)
  get nginx-page1 "$base/about" >/dev/null
  get nginx-page2 "$base/about" >/dev/null
  sleep 2.2
  get nginx-page3 "$base/about" >/dev/null
  id=$(header "$tmp/nginx-page3.h" X-Request-Id)
  status=$(header "$tmp/nginx-page2.h" X-Cache-Status)
  [ "$status" != REVALIDATED ] || status=HIT # the machine stalled for a second: as good
  expect "nginx: a page is HIT within its second, then REVALIDATED; versus answered 304" \
    "$status $(header "$tmp/nginx-page3.h" X-Cache-Status) $(log_field "$id" status)" \
    "HIT REVALIDATED 304"
  if cmp -s "$tmp/nginx-page1.b" "$tmp/nginx-page3.b" && [ -n "$(header "$tmp/nginx-page3.h" ETag)" ]; then
    pass "nginx: the revalidated page is the same page, with its ETag"
  else
    fail "nginx: the revalidated page differs from the first or has no ETag"
  fi
  # The largest response nginx does not store (the home page with a query, uncompressed)
  # fits its buffers: the error log's last check looks for "buffered to a temporary file".
  get nginx-large "$base/?proxy-test=buffers" -H 'Accept-Encoding: identity' >/dev/null
  get nginx-search "$base/search?q=node" >/dev/null
  expect "nginx: a query (/search?q=node) goes to versus (BYPASS)" "$(header "$tmp/nginx-search.h" X-Cache-Status)" BYPASS
  get nginx-ready1 "$base/readyz" >/dev/null
  get nginx-ready2 "$base/readyz" >/dev/null
  expect "nginx: /readyz (no-store) is never served from the cache" \
    "$(header "$tmp/nginx-ready1.h" X-Cache-Status) $(header "$tmp/nginx-ready2.h" X-Cache-Status)" "MISS MISS"
}

caddy_checks() {
  local conf=$tmp/caddy status
  mkdir -p "$conf"
  {
    cat <<EOF
{
	admin off
	default_bind 127.0.0.1
	http_port $caddy_http
	https_port $caddy_tls
}
EOF
    cat deploy/Caddyfile
  } >"$conf/Caddyfile.in"
  render "$conf/Caddyfile.in" "$conf/Caddyfile" "
    s|^versus\.example\.com \{|localhost {\n\ttls $tmp/cert.pem $tmp/key.pem|
    s/reverse_proxy 127\.0\.0\.1:8080/reverse_proxy 127.0.0.1:$vport/"
  XDG_DATA_HOME=$conf/data XDG_CONFIG_HOME=$conf/config \
    "$caddy" run --config "$conf/Caddyfile" --adapter caddyfile >"$conf/caddy.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -s -o /dev/null --max-time 1 --cacert "$tmp/cert.pem" "https://localhost:$caddy_tls/readyz" && break
    sleep 0.1
  done
  if ! grep -q '"serving initial configuration"' "$conf/caddy.log"; then
    fail "caddy: did not start with deploy/Caddyfile"
    cat "$conf/caddy.log" >&2
    return
  fi
  caddy_up=true
  local base=https://localhost:$caddy_tls

  read -r status _ <<<"$(get caddy-redirect "http://localhost:$caddy_http/criteria?c=x" --http1.1)"
  expect "caddy: http:// redirects to https:// (308, same path and query)" \
    "$status $(header "$tmp/caddy-redirect.h" Location)" "308 https://localhost/criteria?c=x"

  common caddy "$base"

  # Caddy passes the client's X-Request-Id on; versus logs it and returns it.
  get caddy-id "$base/criteria?proxy-test=id" -H 'X-Request-Id: proxy-test.caddy-1' >/dev/null
  expect "caddy: an incoming X-Request-Id reaches versus's log" "$(log_field proxy-test.caddy-1 request_id)" proxy-test.caddy-1
  expect "caddy: X-Request-Id is returned" "$(header "$tmp/caddy-id.h" X-Request-Id)" proxy-test.caddy-1

  # Caddy is the first hop: it drops a client's X-Forwarded-For and sends the address it sees.
  get caddy-xff "$base/criteria?proxy-test=xff" -H 'X-Forwarded-For: 203.0.113.7' -H 'X-Request-Id: proxy-test.caddy-xff' >/dev/null
  client_is caddy "X-Forwarded-For: 203.0.113.7 sent by the client is dropped: logged as client 127.0.0.1" proxy-test.caddy-xff 127.0.0.1
  get caddy-spoof "$base/criteria?proxy-test=spoof" --interface 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.7' -H 'X-Request-Id: proxy-test.caddy-spoof' >/dev/null
  client_is caddy "a client at 127.0.0.2 is logged as client 127.0.0.2" proxy-test.caddy-spoof 127.0.0.2
  get caddy-fwd "$base/criteria?proxy-test=fwd" -H 'Forwarded: for=198.51.100.9' -H 'X-Request-Id: proxy-test.caddy-fwd' >/dev/null
  client_is caddy "a client's own Forwarded: for=198.51.100.9 is dropped: logged as client 127.0.0.1" proxy-test.caddy-fwd 127.0.0.1
}

nginx_up=false caddy_up=false
if [ -n "$nginx" ]; then nginx_checks; fi
if [ -n "$caddy" ]; then caddy_checks; fi

# versus goes away: nginx serves the stored page, and health checks see the outage.
stop "$versus_pid"
if $nginx_up; then
  sleep 2.2 # until the stored /about has expired, so nginx must ask versus first
  read -r status _ <<<"$(get nginx-stale "https://localhost:$nginx_tls/about")"
  expect "nginx: while versus is down a stored page is served (STALE)" "$status $(header "$tmp/nginx-stale.h" X-Cache-Status)" "200 STALE"
  read -r status _ <<<"$(get nginx-down "https://localhost:$nginx_tls/readyz")"
  expect "nginx: while versus is down /readyz says so (502)" "$status" 502
fi

# What reaches the origin, whatever versus makes of it: a second nginx takes versus's
# port and answers with the request headers it got.
if [ -n "$nginx" ] && { $nginx_up || $caddy_up; }; then
  echo_dir=$tmp/echo
  mkdir -p "$echo_dir"
  {
    [ "$(id -u)" != 0 ] || echo "user root;"
    cat <<EOF
daemon off;
pid $echo_dir/nginx.pid;
error_log $echo_dir/error.log;
events { worker_connections 16; }
http {
    access_log off;
    client_body_temp_path $echo_dir/client_body;
    proxy_temp_path $echo_dir/proxy;
    fastcgi_temp_path $echo_dir/fastcgi;
    uwsgi_temp_path $echo_dir/uwsgi;
    scgi_temp_path $echo_dir/scgi;
    server {
        listen 127.0.0.1:$vport;
        default_type text/plain;
        add_header Cache-Control no-store;
        return 200 "Host: \$http_host\nX-Forwarded-For: \$http_x_forwarded_for\nX-Forwarded-Proto: \$http_x_forwarded_proto\nAccept-Encoding: \$http_accept_encoding\nX-Request-Id: \$http_x_request_id\n";
    }
}
EOF
  } >"$echo_dir/nginx.conf"
  "$nginx" -e "$echo_dir/error.log" -p "$echo_dir" -c "$echo_dir/nginx.conf" &
  echo_pid=$!
  pids+=("$echo_pid")
  for _ in $(seq 50); do
    curl -s -o /dev/null --max-time 1 "$origin/" && break
    sleep 0.1
  done
  # A client at 127.0.0.2 that sends its own X-Forwarded-For.
  origin_sees() {
    get "$1-echo" "$2/echo?proxy-test=headers" --interface 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.7' \
      -H 'Accept-Encoding: br' -H "X-Request-Id: proxy-test.$1-echo" >/dev/null
    tr -d '\r' <"$tmp/$1-echo.b"
  }
  if $nginx_up; then
    expect "nginx: versus gets Host, the client's X-Forwarded-For chain plus the client, X-Forwarded-Proto, Accept-Encoding, nginx's X-Request-Id" \
      "$(origin_sees nginx "https://localhost:$nginx_tls")" \
      "$(printf 'Host: localhost\nX-Forwarded-For: 203.0.113.7, 127.0.0.2\nX-Forwarded-Proto: https\nAccept-Encoding: br\nX-Request-Id: %s' "$(header "$tmp/nginx-echo.h" X-Request-Id)")"
  fi
  if $caddy_up; then
    expect "caddy: versus gets Host, X-Forwarded-For with only the client, X-Forwarded-Proto, Accept-Encoding, the client's X-Request-Id" \
      "$(origin_sees caddy "https://localhost:$caddy_tls")" \
      "$(printf 'Host: localhost:%s\nX-Forwarded-For: 127.0.0.2\nX-Forwarded-Proto: https\nAccept-Encoding: br\nX-Request-Id: proxy-test.caddy-echo' "$caddy_tls")"
  fi
  stop "$echo_pid"
elif [ -z "$nginx" ]; then
  echo "NOTE: the checks of the headers versus receives use nginx as a stand-in origin, so they are SKIPPED"
fi

# versus without --trusted-proxies: the address it logs is the proxy's, whatever the headers say.
start_versus "$tmp/versus-untrusted.log"
if $nginx_up; then
  client_is nginx "without --trusted-proxies, X-Forwarded-For: 203.0.113.7 is logged as client 127.0.0.1" \
    "$(get nginx-untrusted "https://localhost:$nginx_tls/criteria?proxy-test=untrusted" -H 'X-Forwarded-For: 203.0.113.7' >/dev/null; header "$tmp/nginx-untrusted.h" X-Request-Id)" 127.0.0.1
fi
if $caddy_up; then
  get caddy-untrusted "https://localhost:$caddy_tls/criteria?proxy-test=untrusted" --interface 127.0.0.2 -H 'X-Request-Id: proxy-test.caddy-untrusted' >/dev/null
  client_is caddy "without --trusted-proxies, a client at 127.0.0.2 is logged as client 127.0.0.1" proxy-test.caddy-untrusted 127.0.0.1
fi

if $nginx_up; then
  if grep -n 'buffered to a temporary file\|\[emerg\]\|\[alert\]\|\[crit\]' "$tmp/nginx/logs/error.log" >&2; then
    fail "nginx: its error log has the lines above"
  else
    pass "nginx: no errors and no responses buffered to disk in its error log"
  fi
fi

echo "proxy-test: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  for f in "$tmp/versus-trusted.log" "$tmp/versus-untrusted.log" "$tmp/nginx/logs/error.log" "$tmp/caddy/caddy.log"; do
    [ -f "$f" ] && { echo "--- last lines of $(basename "$(dirname "$f")")/$(basename "$f")"; tail -n 15 "$f"; }
  done
  exit 1
fi
