#!/bin/sh
# Regenerates the bundled sample run (web/src/samples/sample-run.json) with
# the runner and the current node. Run it after a change to the node: a
# sample recorded with an older node replays less faithfully (the page says
# so, and test/web/replay.test.ts checks it).
set -eu
cd "$(dirname "$0")/../.."
npx tsc -b
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
bin/kafka-workload test -w kafka --bin bin/maelstrom-kafka --node-count 3 --concurrency 2n \
  --time-limit 4 --rate 40 --latency 10 --nemesis partition --nemesis-interval 1.5 --seed 42 --store "$store"
node web/scripts/make-bundle.mjs "$store/latest" web/src/samples/sample-run.json
ls -l web/src/samples/sample-run.json
