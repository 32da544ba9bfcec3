#!/usr/bin/env bash
# Samples a node's top of book once a second into CSV for `bourse-backtest realism --books`.
# usage: bots/tools/sample_books.sh HOST:PORT SYMBOL OUT.csv   (stop with Ctrl-C)
# Columns: time_ns,bid,ask,depth — bid/ask in cents (0 = side empty), depth = shares on the best 5
# levels of both sides.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 HOST:PORT SYMBOL OUT.csv" >&2; exit 2; }
echo "time_ns,bid,ask,depth" > "$3"
while sleep 1; do
  curl -fs "http://$1/api/v1/markets/$2/book?depth=5" |
    jq -r --arg t "$(date +%s%N)" \
      '[$t, (.bids[0].price // 0), (.asks[0].price // 0), ([.bids[].qty, .asks[].qty] | add // 0)] | map(tostring) | join(",")' \
      >> "$3" || true
done
