#!/usr/bin/env bash
# Fails when a *.templ file is not formatted as `go tool templ fmt` would write it, or when
# the committed *_templ.go files differ from what `go tool templ generate` makes of the
# *.templ files. Both run on a scratch copy, so the tree is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp go.mod go.sum "$scratch/"
mkdir -p "$scratch/web"
(cd web && find . -name '*.templ' | while read -r f; do mkdir -p "$scratch/web/$(dirname "$f")"; cp "$f" "$scratch/web/$f"; done)
if ! out=$(cd "$scratch" && go tool templ fmt -fail web 2>&1); then
  echo "$out" >&2
  echo "templ: the templates above are not formatted; run 'make fmt' and commit them" >&2
  exit 1
fi
if ! out=$(cd "$scratch" && go tool templ generate 2>&1); then
  echo "$out" >&2
  exit 1
fi
status=0
while read -r generated; do
  committed="web/${generated#"$scratch"/web/}"
  if ! cmp -s "$generated" "$committed"; then
    echo "templ: $committed is out of date; run 'make generate' and commit it" >&2
    status=1
  fi
done < <(find "$scratch/web" -name '*_templ.go')
while read -r committed; do
  if [ ! -f "$scratch/$committed" ]; then
    echo "templ: $committed has no .templ source; delete it" >&2
    status=1
  fi
done < <(find web -name '*_templ.go')
exit $status
