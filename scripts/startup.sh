#!/usr/bin/env bash
# Measures how fast `versus serve` answers after exec and how much memory it holds:
# time to the first answer from /healthz and to the first 200 from / and /readyz, then
# peak and current resident memory (VmHWM, VmRSS) a few seconds later. The polling is
# done by a Go program (scripts/startup), every millisecond, so the numbers are not a
# shell's and curl's start-up.
#   scripts/startup.sh [extra serve flags...]     e.g. --content /tmp/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)/versus
go build -o "$bin" ./cmd/versus
go run ./scripts/startup "$bin" "$@"
