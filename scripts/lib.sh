# Shared by the scripts that start versus and proxies for a test or a measurement:
#   . "$(dirname "$0")/lib.sh"
# It makes $tmp (removed on exit), stops every process listed in pids on exit, and
# counts checks in passed and failed.

tmp=$(mktemp -d)
pids=()
# shellcheck disable=SC2317 # called by the trap
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# forget PID: a process the script has stopped itself, so cleanup never signals a
# process that reuses its ID.
forget() {
  local kept=() p
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}

# pass and fail print a check's outcome and count it; expect WHAT GOT WANT is one check.
passed=0 failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
expect() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', want '$3'"; fi
}

# free_port: sets port to a free loopback port, never one it gave before.
taken=" "
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    case "$taken" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      taken+="$p "
      port=$p
      return
    fi
  done
}

# versus_binary: sets bin to $VERSUS_BIN when given, else to a versus built into $tmp.
versus_binary() {
  if [ -n "${VERSUS_BIN:-}" ]; then
    bin=$VERSUS_BIN
  else
    bin=$tmp/versus
    go build -trimpath -o "$bin" ./cmd/versus
  fi
}

# clean_env: `env "${clean_env[@]}" cmd` runs cmd without the caller's VERSUS_*
# variables, so settings come from the script alone.
clean_env=()
for v in $(compgen -e); do [[ "$v" != VERSUS_* ]] || clean_env+=(-u "$v"); done
