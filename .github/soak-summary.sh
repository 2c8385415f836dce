#!/usr/bin/env bash
# soak-summary.sh SOAK_LOG SHARD: the job summary of one soak shard, in
# Markdown, from what `npm run soak` printed: its closing count, and each
# failing seed with the command that replays it. Tested by
# test/workflows.test.ts on a real soak's output.
set -euo pipefail
log=$1
shard=$2

echo "## Soak, shard $shard"
echo
if [ -f "$log" ] && grep -q '^soak: [0-9]* seeds ran' "$log"; then
  grep '^soak: [0-9]* seeds ran' "$log"
else
  echo "The soak did not finish: see the job's log."
fi
if [ -f "$log" ] && grep -q '^  replay: ' "$log"; then
  echo
  echo "Failing seeds, each replayed by its command (in a clone, after \`npm install\`):"
  echo
  echo '```sh'
  sed -n 's/^  replay: //p' "$log"
  echo '```'
fi
