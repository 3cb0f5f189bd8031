#!/usr/bin/env bash
# make bench: how close versus comes to nginx serving the very same bytes.
#
# 1. The Go benchmarks of each kind of page (cached, rendered per query), of search and
#    of loading a large generated corpus.
# 2. A load test: versus serve (access log on, to a file, as an operator runs it) beside
#    nginx serving `versus export` output with gzip_static (access log off: the limit for
#    a static file on this machine), both with 2 workers' worth of CPU, the same URLs,
#    wrk -t2 -c64 with Accept-Encoding: gzip, one at a time. For each URL it prints
#    requests per second, p50/p99 latency, the server's CPU time per request (from
#    /proc/PID/stat) and versus's ratio to nginx.
#
# Not part of make test: it takes a few minutes and needs a quiet machine. Run nothing
# else meanwhile — parallel load ruins the numbers. BENCH_SECONDS (default 10) sets each
# run's length; BENCH_GO=0 skips the Go benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${BENCH_SECONDS:-10}
clients=64

# nginx and wrk: installed with apt-get when missing (as root, as in CI).
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "bench: needs ${need[*]}: apt-get install ${need[*]}" >&2
    exit 1
  fi
  # Keep the package's own nginx service from starting.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

if [ "${BENCH_GO:-1}" != 0 ]; then
  echo "== Go benchmarks (go test -bench; ns/op is per page or per load)"
  go test -run '^$' -bench 'Cached|Render$|Build$' -benchmem ./internal/server/ | grep -E '^Benchmark'
  go test -run '^$' -bench 'Load' -benchmem ./internal/server/ ./internal/catalog/ | grep -E '^Benchmark' || true
  go test -run '^$' -bench 'Search' -benchmem ./internal/search/ | grep -E '^Benchmark' || true
  echo
fi

. "$(dirname "$0")/lib.sh" # $tmp, pids, cleanup, forget, pass/fail/expect, free_port, versus_binary, clean_env

free_port && vport=$port
free_port && nport=$port
base_url=https://versus.example.com

versus_binary

site=$tmp/site
env "${clean_env[@]}" "$bin" export --base-url "$base_url" "$site" >/dev/null

# nginx as Debian runs it (a worker per core, sendfile), serving the export.
conf=$tmp/nginx
mkdir -p "$conf/logs"
sed -E "s/listen 80;/listen 127.0.0.1:$nport;/; s/^ *listen \[::\]:80;//; s|root /srv/versus;|root $site;|" \
  deploy/nginx-export.conf >"$conf/versus-export.conf"
{
  [ "$(id -u)" != 0 ] || echo "user root;"
  cat <<EOF
daemon off;
worker_processes auto;
pid $conf/nginx.pid;
error_log $conf/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $conf/client_body;
    proxy_temp_path $conf/proxy;
    fastcgi_temp_path $conf/fastcgi;
    uwsgi_temp_path $conf/uwsgi;
    scgi_temp_path $conf/scgi;
    include $conf/versus-export.conf;
}
EOF
} >"$conf/nginx.conf"
"$nginx" -e "$conf/logs/error.log" -p "$conf" -c "$conf/nginx.conf" &
nginx_pid=$!
pids+=("$nginx_pid")

# versus as an operator runs it: the access log on, at info, to a file.
versus_log=$tmp/versus.log
env "${clean_env[@]}" "$bin" serve --addr "127.0.0.1:$vport" --base-url "$base_url" >"$tmp/versus.out" 2>"$versus_log" &
versus_pid=$!
pids+=("$versus_pid")

# Both up, and versus's responses at the best compression level: the export's bytes.
for _ in $(seq 600); do
  grep -q "compressed at the best level" "$versus_log" 2>/dev/null &&
    curl -fsS -o /dev/null "http://127.0.0.1:$nport/" 2>/dev/null && break
  sleep 0.1
done
grep -q "compressed at the best level" "$versus_log" || { echo "bench: versus did not finish compressing" >&2; cat "$versus_log" >&2; exit 1; }

# The URLs: one of each kind of cached page, found in the export.
first() { grep -o "<loc>$base_url$1[^<]*</loc>" "$site/sitemap.xml" | head -n1 | sed -E "s|<loc>$base_url||; s|</loc>||"; }
criterion=$(first /criteria/)
article=$(first /articles/)
preview=$(grep -o '<meta property="og:image" content="[^"]*"' "$site/index.html" | head -n1 | sed -E "s|.*content=\"$base_url||; s|\"$||")
css=$(grep -o 'href="/static/css/site[^"]*\.css"' "$site/index.html" | head -n1 | sed -E 's/href="//; s/"$//')
slugs=$(grep -o '<loc>[^<]*/criteria/[^<]*</loc>' "$site/sitemap.xml" | head -n3 | sed -E 's|.*/criteria/||; s|</loc>||' | paste -sd, -)

ticks=$(getconf CLK_TCK)
# cpu_ticks PID...: user+system CPU of the processes and their children threads.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
nginx_procs() { echo "$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"; }

# load NAME URL PIDS...: one wrk run; sets rps, p50, p99 (ms) and cpu (µs per request).
load() {
  local url=$1; shift
  local before after out requests
  before=$(cpu_ticks "$@")
  out=$(wrk -t2 -c$clients -d"${seconds}s" --latency -H 'Accept-Encoding: gzip' "$url")
  after=$(cpu_ticks "$@")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  cpu=$(awk -v t=$((after - before)) -v hz="$ticks" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
  if echo "$out" | grep -q "Non-2xx"; then
    echo "bench: $url answered errors:" >&2
    echo "$out" >&2
    exit 1
  fi
}
ms() { # wrk's latency ("812.00us", "1.20ms", "1.02s") in ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; printf "%.2f", n }'
}

printf '\n== Load: wrk -t2 -c%d -d%ss, Accept-Encoding: gzip; nginx gzip_static (access log off) vs versus (access log on)\n' "$clients" "$seconds"
printf '%-44s %9s %9s %7s  %8s %8s  %7s %7s  %6s %6s\n' "page" "nginx/s" "versus/s" "ratio" "nginx µs" "vs µs" "cpu×" "" "p99 n" "p99 v"
home_nginx=
for path in / "$criterion" "$article" "$preview" /api/v1/criteria "$css"; do
  load "http://127.0.0.1:$nport$path" $(nginx_procs)
  n_rps=$rps n_cpu=$cpu n_p99=$(ms "$p99")
  [ -n "$home_nginx" ] || home_nginx=$n_rps
  sleep 1
  load "http://127.0.0.1:$vport$path" "$versus_pid"
  v_rps=$rps v_cpu=$cpu v_p99=$(ms "$p99")
  printf '%-44s %9s %9s %6.2f×  %8s %8s  %6.2f×  %7s %6s %6s\n' "${path:0:44}" "$n_rps" "$v_rps" \
    "$(awk -v a="$v_rps" -v b="$n_rps" 'BEGIN {print a / b}')" "$n_cpu" "$v_cpu" \
    "$(awk -v a="$v_cpu" -v b="$n_cpu" 'BEGIN {print a / b}')" "" "$n_p99" "$v_p99"
  sleep 1
done

printf '\n== Query pages (versus only; ratio to nginx on the home page, %s/s)\n' "$home_nginx"
printf '%-44s %9s %7s %8s %8s\n' "page" "versus/s" "ratio" "vs µs" "p99 ms"
compare_query=$(echo "$slugs" | sed 's/^/c=/; s/,/\&c=/g')
for path in "/compare?$compare_query" "/search?q=websockets" "/decide?w=${slugs%%,*}:3"; do
  load "http://127.0.0.1:$vport$path" "$versus_pid"
  printf '%-44s %9s %6.2f× %8s %8s\n' "${path:0:44}" "$rps" "$(awk -v a="$rps" -v b="$home_nginx" 'BEGIN {print a / b}')" "$cpu" "$(ms "$p99")"
  sleep 1
done

# Views nobody asked for yet: three criteria at random per request, more combinations
# than the cache holds, so nearly every one is rendered and compressed (fast level).
all_slugs=$(grep -o '<loc>[^<]*/criteria/[^<]*</loc>' "$site/sitemap.xml" | sed -E 's|.*/criteria/||; s|</loc>||' | paste -sd, -)
cat >"$tmp/random-compare.lua" <<'LUA'
local slugs = {}
for s in string.gmatch(os.getenv("BENCH_SLUGS"), "[^,]+") do slugs[#slugs + 1] = s end
request = function()
  local function any() return slugs[math.random(#slugs)] end
  return wrk.format("GET", "/compare?c=" .. any() .. "&c=" .. any() .. "&c=" .. any())
end
LUA
before=$(cpu_ticks "$versus_pid")
out=$(BENCH_SLUGS=$all_slugs wrk -t2 -c$clients -d"${seconds}s" --latency -H 'Accept-Encoding: gzip' -s "$tmp/random-compare.lua" "http://127.0.0.1:$vport")
after=$(cpu_ticks "$versus_pid")
requests=$(echo "$out" | awk '/requests in/ {print $1}')
rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
refused=$(echo "$out" | awk '/Non-2xx/ {print $NF}' | grep . || echo 0)
rendered=$(awk -v n="$requests" -v r="$refused" -v s="$seconds" 'BEGIN {printf "%.0f", (n - r) / s}')
printf '%-44s %9s %6.2f× %8s %8s  (of which 429: %s/s; rendered %s/s, %s µs CPU each)\n' "/compare?c=RANDOM&c=RANDOM&c=RANDOM" "$rps" \
  "$(awk -v a="$rps" -v b="$home_nginx" 'BEGIN {print a / b}')" \
  "$(awk -v t=$((after - before)) -v hz="$ticks" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')" \
  "$(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")" "$(awk -v r="$refused" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')" \
  "$rendered" "$(awk -v t=$((after - before)) -v hz="$ticks" -v n="$((requests - refused))" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"

echo
echo "Goals (issue 11): cached pages ≥ 0.75× nginx, ≤ 1.5× its CPU per request, p99 ≤ 10 ms;"
echo "repeated query views ≥ 0.5× nginx; search ≥ 0.25× nginx."
echo "versus log: $(wc -l <"$versus_log") lines, $(grep -c 'level=ERROR' "$versus_log" || true) errors"
