#!/usr/bin/env bash
# Issue 16: a copy of the sitegen executable alone, in an empty temporary folder with no
# repository around and an empty environment, makes a new site, builds it and checks it.
# usage: Scripts/check-standalone-binary.sh .build/release/sitegen
# Built with --static-swift-stdlib, it must not need the Swift toolchain's libraries either.
set -euo pipefail
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/sitegen"
cd "$work"

if command -v ldd >/dev/null 2>&1 && ldd ./sitegen | grep -E 'libswift|libFoundation|libdispatch'; then
    echo "check-standalone-binary: $1 needs the Swift runtime's shared libraries above; build it with --static-swift-stdlib" >&2
    exit 1
fi
run() { env -i PATH=/usr/bin:/bin HOME="$work" "$work/sitegen" "$@"; }

run --version
run init site
cd site
run build
run check
test -f Output/index.html
test -f Content/.sitegen-secret && test -f Content/.sitegen-signing-key
# A second init into the now non-empty folder is refused with status 1.
set +e; run init . 2>/dev/null; status=$?; set -e
test "$status" = 1
echo "check-standalone-binary: init, build and check succeeded with a lone copy of $1"
