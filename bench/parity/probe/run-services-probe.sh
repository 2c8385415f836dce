#!/bin/sh
# Dev-only: runs services-probe.mjs under real Maelstrom (echo workload, one
# node) in a temporary directory and prints where its answers landed.
# Usage: bench/parity/probe/run-services-probe.sh [out.jsonl]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar=${MAELSTROM_JAR:-/work/shared/maelstrom/maelstrom.jar}
out=${1:-$(mktemp -t maelstrom-services-XXXXXX.jsonl)}
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
: > "$out"
dir=$(mktemp -d)
cd "$dir"
PROBE_OUT="$out" java -jar "$jar" test -w echo --bin "$here/services-probe.mjs" --node-count 2 --time-limit 40 --rate 1 > "$dir/maelstrom.log" 2>&1 || true
echo "maelstrom's answers: $out (its run: $dir)"
