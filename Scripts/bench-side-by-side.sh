#!/bin/bash
# sitegen, Hugo and the disk's floor on the same data, in one run (issue #6):
#   fresh builds on tmpfs and on the work disk, treefloor on sitegen's own output, a rebuild with
#   nothing changed and a rebuild after one holder's name changed.
# Usage: Scripts/bench-side-by-side.sh [HOLDERS] (default 50000). Needs hugo (apt-get install hugo)
# for the Hugo rows; everything else is made here. Not part of the test suite: it takes minutes.
set -euo pipefail
holders=${1:-50000}
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$repo/../shared/bench" && pwd)
work=${BENCH_WORK:-/tmp/sitegen-bench-$holders}
disk=${BENCH_DISK:-$repo/.bench-out}   # the work disk, beside the repository
mkdir -p "$work" "$disk"

echo "== preparing (untimed)"
# BENCH_BIN: an already built sitegen-bench (release) to time instead of building one here.
bench=${BENCH_BIN:-}
if [ -z "$bench" ]; then
    swift build -c release --package-path "$repo" --product sitegen-bench >/dev/null
    bench="$repo/.build/release/sitegen-bench"
fi
[ -d "$work/data/Content" ] || python3 "$shared/make_content.py" --holders "$holders" --out "$work/data" >/dev/null
[ -d "$work/renamed/Content" ] || { mkdir -p "$work/renamed" && cp -r "$work/data/Content" "$work/renamed/Content"; }
# One holder's name changed: the first "name" in the holders file. Done just before the timed
# rebuild, as someone editing the file would, so that the file is read from memory as it then
# is, not from a copy made minutes earlier that the disk builds have pushed out of the page cache.
rename_one_holder() {
    python3 - "$work/data/Content/holders/holders.json" "$work/renamed/Content/holders/holders.json" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
i = text.index('"name": "') + len('"name": "')
open(sys.argv[2], "w", encoding="utf-8").write(text[:i] + "Renamed " + text[i:])
EOF
}
have_hugo=0
if command -v hugo >/dev/null; then
    have_hugo=1
    [ -d "$work/hugo" ] || python3 "$shared/hugo_site.py" --content "$work/data/raw/Content" --out "$work/hugo" --holder-list frontmatter >/dev/null
fi
[ -x "$work/treefloor" ] || cc -O2 -o "$work/treefloor" "$shared/treefloor.c"

timed() {  # label, command...: wall, CPU and peak memory of one run
    local label=$1; shift
    /usr/bin/time -f "$label: %e s wall, %U s user, %S s sys, %M KB peak" "$@" 2>&1 >/dev/null | tail -1
}
# This machine is a VM whose freed memory goes back to the host (virtio-balloon free page
# reporting, in 2 MB blocks, every 2 s): a run that starts right after gigabytes were freed (the
# other tool's heap and output) faults more of its memory in from the host than one that starts
# later. So every timed tmpfs run starts 5 s after the clean-up before it, and the two tools take
# turns at going first (round 1 Hugo first, round 2 sitegen first, and so on).
#
# And each starts with memory as free as the first had it: after the disk runs, gigabytes of their
# output sit in the page cache, and a tool writing 4 GB to tmpfs would first pay to reclaim them
# (a tmpfs run right after the disk runs took 22 s with 19 s of system time, against 11 s with 7 s
# in the round before). So the clean page cache is dropped (root only; skipped otherwise) and both
# tools' inputs are read back in, so that both start warm.
warm_inputs() { find "$work/data/Content" "$repo/Themes" "$work/hugo" -type f -exec cat {} + >/dev/null 2>&1 || true; cat "$bench" "$(command -v hugo || echo /dev/null)" >/dev/null; }
clean() {
    rm -rf "$@"; sync
    if [ -w /proc/sys/vm/drop_caches ]; then echo 1 > /proc/sys/vm/drop_caches; warm_inputs; fi
    sleep "${BENCH_SETTLE:-5}"
}
# The disk runs and the rebuilds each start once the writes before them are on disk: the
# runs before leave gigabytes of dirty pages (treefloor alone copies 4.3 GB), and a rebuild
# timed while the kernel flushes them measured the flush as much as the rebuild (1.0–1.4 s in
# such rounds against 0.7–0.9 s in others).
quiesce() { sync; sleep "${BENCH_SETTLE:-5}"; }
hugo_tmpfs() {
    [ $have_hugo = 1 ] || return 0
    clean /dev/shm/bench-hugo
    (cd "$work/hugo" && timed "hugo tmpfs" hugo --quiet --destination /dev/shm/bench-hugo)
    clean /dev/shm/bench-hugo
}
sitegen_tmpfs() {
    clean /dev/shm/bench-sitegen
    timed "sitegen tmpfs" "$bench" build --content "$work/data/Content" --themes "$repo/Themes" --output /dev/shm/bench-sitegen
    clean /dev/shm/bench-sitegen
}

for round in $(seq 1 "${BENCH_ROUNDS:-2}"); do
    echo "== round $round"
    if [ $((round % 2)) = 1 ]; then hugo_tmpfs; sitegen_tmpfs; else sitegen_tmpfs; hugo_tmpfs; fi
    if [ $have_hugo = 1 ]; then
        quiesce
        (cd "$work/hugo" && timed "hugo disk" hugo --quiet --destination "$disk/hugo-$round")
    fi
    quiesce
    timed "sitegen disk" "$bench" build --content "$work/data/Content" --themes "$repo/Themes" --output "$disk/sitegen-$round"
    quiesce
    timed "treefloor on sitegen's output (disk)" "$work/treefloor" "$disk/sitegen-$round" "$disk/floor-$round"
    quiesce
    "$bench" build --content "$work/data/Content" --themes "$repo/Themes" --output "$disk/sitegen-$round" | grep -E "^(steps|files|total)" | sed 's/^/  no-change rebuild: /'
    # The index record the fresh build wrote (one name changed: the same awards, the same indices).
    [ ! -f "$work/data/Content/status-indices.txt" ] || cp "$work/data/Content/status-indices.txt" "$work/renamed/Content/"
    rename_one_holder
    "$bench" build --content "$work/renamed/Content" --themes "$repo/Themes" --output "$disk/sitegen-$round" | grep -E "^(steps|files|total)" | sed 's/^/  one name changed: /'
    "$bench" build --content "$work/data/Content" --themes "$repo/Themes" --output "$disk/sitegen-$round" >/dev/null   # back
done
echo "== cleaning (untimed)"
rm -rf "$disk" /dev/shm/bench-hugo /dev/shm/bench-sitegen
