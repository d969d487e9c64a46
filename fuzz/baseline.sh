#!/bin/bash
# baseline.sh BINARY CORPUS LOG
#
# Writes to LOG the PCs that the inputs of CORPUS cover, as `new_pcs.py --lines` reads them.
# libFuzzer prints no NEW_PC while it loads a corpus, so the fuzzer starts on an empty folder
# (ASLR off, -print_pcs=1, -reload=1) and CORPUS is moved in at once: the reload runs every input
# and prints the PCs they reach; the log stops at the RELOAD line that ends it. The second of
# fuzzing an empty corpus before it adds only the trivial PCs any input reaches.
#
#   ./baseline.sh target/x86_64-unknown-linux-gnu/release/html_grids corpus/html_grids /tmp/base.log
set -eu
binary=$(realpath "$1")
corpus=$2
log=$3
work=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$work/run" "$work/staged"
cp -r "$corpus" "$work/staged/corpus"
setarch -R "$binary" -print_pcs=1 -reload=1 -max_len=4096 -rss_limit_mb=2048 \
    -max_total_time=3600 "$work/run" >"$work/raw.log" 2>&1 &
pid=$!
sleep 1
mv "$work/staged/corpus" "$work/run/corpus"
# The reload skips a folder whose time (in seconds) is not after its last read, which may have
# been in this very second: date both folders a little into the future.
touch -d "@$(($(date +%s) + 5))" "$work/run/corpus" "$work/run"
while ! grep -q RELOAD "$work/raw.log"; do
    kill -0 $pid 2>/dev/null || { echo "the fuzzer stopped before its reload" >&2; exit 1; }
    sleep 1
done
kill $pid
stamp=$(date +%s)
sed '/RELOAD/q' "$work/raw.log" | while IFS= read -r l; do echo "$stamp $l"; done >"$log"
echo "$(grep -c NEW_PC "$log") PCs covered by $(find "$corpus" -type f | wc -l) inputs"
