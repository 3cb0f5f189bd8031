#!/usr/bin/env bash
# Builds the real Dockerfile and runs the image the way compose.yaml does (read-only root,
# no capabilities, 128 MB), then checks: the size, the health check turning "healthy", the
# home page and /readyz, the stamped version, and a clean exit on SIGTERM (docker stop).
#
# It starts a dockerd of its own (socket, PID file and run state in a temporary folder, a
# bridge of its own; images and layers in a cache folder kept between runs, so an unchanged
# go.mod skips `go mod download` and an unchanged tree the whole build) and stops it on exit. No registry is reachable from CI, so the two images the Dockerfile's FROM
# lines name are made locally under those names, and Docker uses them without pulling:
#   golang:1.26              the Go toolchain on this machine plus a static busybox as /bin/sh
#   gcr.io/distroless/static-debian12:nonroot
#                            /etc/passwd with nonroot (65532), /tmp, CA certificates
# Without dockerd, or not as root, it prints a NOTE and passes.
#
# Environment: VERSUS_DOCKER_CACHE (default ~/.cache/versus-docker-test) holds Docker's data.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dockerd >/dev/null 2>&1; then
  echo "NOTE: docker is not installed, so the Docker image test is SKIPPED. CI installs it; locally: apt-get install docker.io busybox-static"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "NOTE: the Docker image test starts its own dockerd and needs root, so it is SKIPPED."
  exit 0
fi

start=$SECONDS
status=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; status=1; }
elapsed() { echo "$((SECONDS - $1))s"; }

busybox=/bin/busybox
if [ ! -x "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then # ldd fails on a static binary
  echo "FAIL: a static busybox is needed for the build image's /bin/sh: apt-get install busybox-static"
  exit 1
fi
for tool in curl git ip iptables-save; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: the Docker image test needs $tool"; exit 1; }
done
# The client that matches Debian's dockerd; another one on PATH may be newer than its API.
docker_bin=/usr/bin/docker
[ -x "$docker_bin" ] || docker_bin=$(command -v docker) || { echo "FAIL: no docker client (docker.io)"; exit 1; }

cache=${VERSUS_DOCKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/versus-docker-test}
mkdir -p "$cache"
# One run at a time per cache: two daemons cannot share a data root.
exec 9>"$cache/lock"
if ! flock -w 600 9; then
  echo "FAIL: another docker-test.sh holds $cache/lock"
  exit 1
fi
tmp=$(mktemp -d /tmp/versus-docker.XXXXXX)
sock=$tmp/docker.sock
# DOCKER_BUILDKIT=0: the classic builder, whose step output the cache tagging below reads.
export DOCKER_HOST=unix://$sock DOCKER_CONFIG=$tmp/client DOCKER_BUILDKIT=0
d() { "$docker_bin" "$@"; }
name=versus-docker-test-$$
image=versus:docker-test

cleanup() {
  local rc=$?
  set +e
  if [ -S "$sock" ]; then
    d rm -f "$name" >/dev/null 2>&1
    d container prune -f >/dev/null 2>&1
    # Untagged images go: the previous run's, and this run's build stage. The layer with
    # the downloaded modules is tagged, so it stays as the next build's cache.
    d image prune -f >/dev/null 2>&1
  fi
  if [ -f "$tmp/docker.pid" ]; then
    local pid
    pid=$(cat "$tmp/docker.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
  fi
  if [ -n "${bridge:-}" ]; then
    # dockerd leaves its NAT and forwarding rules for the bridge behind; only those go.
    # shellcheck disable=SC2086 # $rule is split into its words on purpose
    iptables-save 2>/dev/null | awk -v b="$bridge" '/^\*/ { table = substr($0, 2) } /^-A / && index($0, b) { print table, $0 }' |
      while read -r table _ rule; do iptables -t "$table" -D $rule 2>/dev/null; done
    [ -n "${made_bridge:-}" ] && ip link delete "$bridge" 2>/dev/null
  fi
  rm -rf "$tmp" 2>/dev/null
  exit "$rc"
}
trap cleanup EXIT

# failed prints what explains a failure and exits.
failed() {
  echo "FAIL: $*"
  if d inspect "$name" >/dev/null 2>&1; then
    echo "--- container state"
    d inspect -f '{{json .State}}' "$name"
    echo "--- container logs"
    d logs "$name" 2>&1 | tail -n 50
  fi
  echo "--- dockerd log (last 30 lines)"
  tail -n 30 "$tmp/dockerd.log"
  echo "docker image test: FAILED after $(elapsed "$start")"
  exit 1
}

# --- a dockerd of our own
# Bridge networking with iptables, as Docker runs by default, so the test publishes a port
# the way users do. The bridge has its own name and subnet, to stay clear of a system dockerd.
t=$SECONDS
bridge=vrsdkr0 # the name has at most 15 characters
if ! ip link show "$bridge" >/dev/null 2>&1; then
  made_bridge=1
  ip link add "$bridge" type bridge
  ip addr add 10.213.213.1/24 dev "$bridge"
  ip link set "$bridge" up
fi
dockerd --data-root "$cache/data" --exec-root "$tmp/exec" --pidfile "$tmp/docker.pid" \
  -H "unix://$sock" --bridge "$bridge" >"$tmp/dockerd.log" 2>&1 &
for i in $(seq 1 60); do
  d version >/dev/null 2>&1 && break
  kill -0 $! 2>/dev/null || failed "dockerd exited at start"
  [ "$i" = 60 ] && failed "dockerd did not answer within 30 s"
  sleep 0.5
done
echo "dockerd $(d version -f '{{.Server.Version}}') started in $(elapsed "$t") (storage: $(d info -f '{{.Driver}}'))"

# --- the base images, made once per Go version and kept in the cache
t=$SECONDS
goroot=$(go env GOROOT)
goversion=$(go env GOVERSION)
standin=2 # raise when the images below change
if [ "$(d image inspect -f '{{index .Config.Labels "versus.stand-in"}}' golang:1.26 2>/dev/null)" != "$goversion-$standin" ]; then
  root=$tmp/golang
  mkdir -p "$root/bin" "$root/etc/ssl/certs" "$root/tmp" "$root/go" "$root/usr/local"
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"; done
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\n' >"$root/etc/group"
  # The host's module proxy settings, so the build downloads from where this machine does.
  tar -C "$root" -cf - . \
    -C "$(dirname "$goroot")" --transform "s,^$(basename "$goroot"),usr/local/go," "$(basename "$goroot")" |
    d import \
      --change 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV GOROOT=/usr/local/go' --change 'ENV GOPATH=/go' --change 'ENV GOTOOLCHAIN=local' \
      --change "ENV GOPROXY=$(go env GOPROXY)" --change "ENV GOSUMDB=$(go env GOSUMDB)" \
      --change 'WORKDIR /go' --change "LABEL versus.stand-in=$goversion-$standin" \
      - golang:1.26 >/dev/null || failed "docker import golang:1.26"
  echo "made golang:1.26 from $goroot ($goversion) and busybox"
fi
if [ "$(d image inspect -f '{{index .Config.Labels "versus.stand-in"}}' gcr.io/distroless/static-debian12:nonroot 2>/dev/null)" != "$standin" ]; then
  root=$tmp/distroless
  mkdir -p "$root/etc/ssl/certs" "$root/tmp" "$root/home/nonroot"
  chmod 1777 "$root/tmp"
  chown 65532:65532 "$root/home/nonroot"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$root/etc/group"
  tar -C "$root" --numeric-owner -cf - . |
    d import --change 'USER 65532' --change 'WORKDIR /home/nonroot' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
      --change "LABEL versus.stand-in=$standin" \
      - gcr.io/distroless/static-debian12:nonroot >/dev/null || failed "docker import distroless"
  echo "made gcr.io/distroless/static-debian12:nonroot"
fi
echo "base images ready in $(elapsed "$t")"

# --- build the real Dockerfile
t=$SECONDS
version=$(git describe --tags --always --dirty 2>/dev/null || echo devel)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if ! d build --build-arg VERSION="$version" --build-arg COMMIT="$commit" -t "$image" . >"$tmp/build.log" 2>&1; then
  tail -n 40 "$tmp/build.log"
  failed "docker build"
fi
pass "docker build in $(elapsed "$t") (version $version, commit $commit)"
# The classic builder prints " ---> ID" after each step. Tagged, the images of two steps
# outlive the prune at exit as the next build's cache: the downloaded modules, and the
# build itself, which a run on an unchanged tree reuses whole.
for step in modules:'RUN go mod download' build:'RUN CGO_ENABLED=0 go build'; do
  id=$(awk -v s="${step#*:}" 'index($0, s) { step = 1 } step && /^ ---> [0-9a-f]+$/ { print $2; exit }' "$tmp/build.log")
  [ -n "$id" ] && d tag "$id" "versus-docker-test:${step%%:*}"
done

# --- the image: size and configuration
size=$(d image inspect -f '{{.Size}}' "$image")
base=$(d image inspect -f '{{.Size}}' gcr.io/distroless/static-debian12:nonroot)
# The stand-in base is smaller than the real one (about 2 MiB), so that is added here.
estimate=$((size - base + 2200000))
if [ "$estimate" -le 20000000 ]; then
  pass "image size $((size / 1000)) kB here; with the real distroless base about $((estimate / 1000)) kB (limit 20000 kB)"
else
  fail "image too big: $((size / 1000)) kB here, about $((estimate / 1000)) kB with the real distroless base (limit 20000 kB)"
fi
config=$(d image inspect -f 'user={{.Config.User}} healthcheck={{json .Config.Healthcheck.Test}} entrypoint={{json .Config.Entrypoint}} cmd={{json .Config.Cmd}}' "$image")
if [ "$config" = 'user=65532:65532 healthcheck=["CMD","/versus","healthcheck"] entrypoint=["/versus"] cmd=["serve"]' ]; then
  pass "image config: $config"
else
  fail "image config: $config"
fi

# --- run it as compose.yaml does
# GOMEMLIMIT as in compose.yaml: without it, the garbage made while every page is rendered and
# compressed at start outgrows 128 MB and the kernel kills the server before it is ready.
t=$SECONDS
d run -d --name "$name" --read-only --cap-drop ALL --security-opt no-new-privileges=true \
  --memory 128m -e GOMEMLIMIT=80MiB --user 65532 -p 127.0.0.1::8080 \
  -e VERSUS_BASE_URL=https://versus.example.com "$image" >/dev/null || failed "docker run"
id=$(d inspect -f '{{.Id}}' "$name")
port=$(d port "$name" 8080/tcp | head -n 1)
port=${port##*:}
health=starting
for _ in $(seq 1 90); do
  health=$(d inspect -f '{{.State.Health.Status}}' "$name")
  [ "$health" = healthy ] && break
  [ "$(d inspect -f '{{.State.Running}}' "$name")" = true ] ||
    failed "the container stopped: $(d inspect -f 'exit code {{.State.ExitCode}}, OOM-killed {{.State.OOMKilled}}' "$name")"
  sleep 1
done
if [ "$health" = healthy ]; then
  pass "health check says healthy $(elapsed "$t") after start"
else
  failed "health status is still $health after 90 s: $(d inspect -f '{{json .State.Health.Log}}' "$name")"
fi

home=$(curl -sS -o "$tmp/home.html" -w '%{http_code} %{content_type}' "http://127.0.0.1:$port/") || failed "GET /"
if [[ $home == "200 text/html"* ]] && grep -q '<html' "$tmp/home.html"; then
  pass "GET / on port $port: $home"
else
  fail "GET / on port $port: $home"
fi
ready=$(curl -sS -w ' %{http_code}' "http://127.0.0.1:$port/readyz") || failed "GET /readyz"
if [[ $ready == *" 200" ]]; then
  pass "GET /readyz: $(echo "$ready" | tr '\n' ' ')"
else
  fail "GET /readyz: $ready"
fi

got=$(d run --rm "$image" version) || failed "versus version"
if [ "$got" = "versus $version ($commit)" ]; then
  pass "version: $got"
else
  fail "version: $got, want versus $version ($commit)"
fi

# The most memory the container has used, where the cgroup tells (v1, or v2 from Linux 5.19).
for f in /sys/fs/cgroup/memory/docker/"$id"/memory.max_usage_in_bytes /sys/fs/cgroup/docker/"$id"/memory.peak \
  /sys/fs/cgroup/system.slice/docker-"$id".scope/memory.peak; do
  if [ -r "$f" ]; then
    echo "peak memory use: $(($(cat "$f") / 1048576)) MiB of 128"
    break
  fi
done

# --- docker stop sends SIGTERM; the server shuts down and exits 0
t=$SECONDS
d stop -t 10 "$name" >/dev/null || failed "docker stop"
code=$(d inspect -f '{{.State.ExitCode}}' "$name")
if [ "$code" = 0 ]; then
  pass "docker stop: exit code 0 after $(elapsed "$t")"
else
  fail "docker stop: exit code $code after $(elapsed "$t") (OOMKilled=$(d inspect -f '{{.State.OOMKilled}}' "$name"))"
fi

# --- compose.yaml, where a compose tool is installed (CI does not install one)
if d compose version >/dev/null 2>&1; then
  compose=("$docker_bin" compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
fi
if [ -n "${compose+set}" ]; then
  if out=$("${compose[@]}" -f compose.yaml config -q 2>&1); then
    pass "${compose[*]} config: compose.yaml is valid"
  else
    fail "${compose[*]} config: $out"
  fi
else
  echo "NOTE: no docker compose or docker-compose, so compose.yaml is not validated."
fi

if [ "$status" != 0 ]; then
  failed "see above"
fi
echo "docker image test: PASSED in $(elapsed "$start")"
