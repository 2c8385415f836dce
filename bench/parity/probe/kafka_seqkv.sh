#!/bin/sh
# kafka_kv.py over seq-kv instead of lin-kv (a dev probe for npm run parity).
KV_SERVICE=seq-kv exec python3 "$(dirname "$0")/kafka_kv.py" "$@"
