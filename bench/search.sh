#!/usr/bin/env bash
# Search benchmark: the bytes a phone downloads for its first query, and recall, for qcsite's
# sharded search and for Pagefind 1.5 on the same rendered site.
#
# For each size: a synthetic archive of 10 years (bench/make-large-site.py, 400 enterprises,
# a write-up of about 1.6 KB for every achievement), built with the release binary; Pagefind
# (`pip install 'pagefind[extended]'`) indexes the same pages. The queries are jieba words of
# two or more characters from the titles of achievements picked at random (bench/search-queries.py);
# each is searched with an empty cache:
#   - qcsite in node, running the page's own search.js on the files (bench/search-bytes.js);
#   - qcsite and Pagefind's default UI in headless Chromium (bench/search-browser.py), which
#     counts every file the server was asked for.
# Prints a table of medians (bench/search-report.py); details stay in the work folder.
#
# usage: bench/search.sh [QUERIES] [SIZE...]        (defaults: 100 queries; 10000 100000)
# BENCH_WORK=DIR keeps the sites in DIR and reuses those already built there.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
queries=${1:-100}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
if [ -n "${BENCH_WORK:-}" ]; then
  work=$BENCH_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/qcsite-search-bench.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
export PYTHONDONTWRITEBYTECODE=1

swift build -c release --product qcsite >/dev/null
bin=$(swift build -c release --show-bin-path)/qcsite

sites=()
for n in "${sizes[@]}"; do
  site="$work/$n"
  sites+=("$site")
  mkdir -p "$site"
  echo "$n" > "$site/size"
  if [ ! -d "$site/content" ]; then
    echo "== $n achievements: writing the content" >&2
    python3 bench/make-large-site.py "$site/content" --years 10 --per-year $((n / 10)) --enterprises 400 --writeup-bytes 1600
  fi
  rm -rf "$site/themes" && cp -r themes "$site/themes"
  echo "== $n achievements: qcsite build" >&2
  (cd "$site" && /usr/bin/time -f "qcsite build: %e s, %M KiB" "$bin" build --output public --archive archive.sqlite >/dev/null)
  if [ ! -f "$site/pagefind/pagefind-entry.json" ]; then
    # Pagefind holds about 210 KB of memory per achievement page: beyond PAGEFIND_PAGES pages it
    # indexes only the achievement pages of the newest years, which bounds its cost from below
    # (its index and metadata only grow with more pages).
    glob="**/*.html"
    if [ "$n" -gt "${PAGEFIND_PAGES:-30000}" ]; then
      keep=$(( ${PAGEFIND_PAGES:-30000} / (n / 10) ))
      glob="{$(seq -s, $((2026 - keep)) 2025)}/20*/index.html"
      echo "== $n achievements: Pagefind on the achievement pages of the newest $keep years only ($glob)" >&2
    else
      echo "== $n achievements: Pagefind" >&2
    fi
    /usr/bin/time -f "pagefind: %e s, %M KiB" python3 -m pagefind --site "$site/public" --output-path "$site/pagefind" --glob "$glob" >/dev/null
  fi
  python3 bench/search-queries.py "$site/content" "$queries" > "$site/queries.json"
  echo "== $n achievements: queries" >&2
  node bench/search-bytes.js "$site/public" "$site/queries.json" > "$site/qcsite.json"
  python3 bench/search-browser.py "$site/public" "$site/pagefind" "$site/queries.json" qcsite pagefind > "$site/browser.json"
  files=$(find "$site/public/search" -type f | wc -l)
  echo "qcsite search files at $n achievements: $files files, $(du -sh --apparent-size "$site/public/search" | cut -f1); manifest $(wc -c < "$site/public/search/index.json") bytes" >&2
done
python3 "$repo/bench/search-report.py" "${sites[@]}"
