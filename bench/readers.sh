#!/usr/bin/env bash
# Times `qcsite import` on large and hostile inputs (bench/make-hostile-inputs.py): a 200 MB
# and a 60 MB CSV, a CSV at the row limit, a CSV whose every row is wrong, a 12,000-row
# workbook, a 50 MB and a 2 MB enterprises.yaml, and three zip bombs. Prints, per case, the median wall time and
# peak memory of RUNS imports (/usr/bin/time), the exit status, the lines printed and the first.
# Not part of `swift test`.
#
#   bench/readers.sh [RUNS] [CASE ...]
#   QCSITE=path/to/qcsite MEMLIMIT_KB=8000000 TIMEOUT=300 bench/readers.sh 3
#
# MEMLIMIT_KB caps each run's address space (ulimit -v) and TIMEOUT its seconds, so that a
# binary without the limits cannot take the machine down; a run stopped by either is shown as such.
set -euo pipefail
runs=${1:-3}; shift || true
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${QCSITE:-$here/.build/release/qcsite}
[ -x "$bin" ] || { echo "build qcsite first: swift build -c release" >&2; exit 2; }
work=${INPUTS:-}
if [ -z "$work" ]; then
  work=$(mktemp -d /tmp/qcsite-readers.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  python3 "$here/bench/make-hostile-inputs.py" "$work"
fi
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(csv-large csv-60mb csv-limit csv-invalid xlsx-large yaml-large yaml-2mb zip-bomb-1mb zip-bomb-4mb zip-bomb-lying)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-16s %9s %9s %5s %7s  %s\n' case seconds "peak MiB" exit lines "first line of output"
for c in "${cases[@]}"; do
  times=(); rss=(); status=0; first=""
  for i in $(seq "$runs"); do
    rm -f "$work/$c.sqlite"
    set +e
    ( if [ -n "${MEMLIMIT_KB:-}" ]; then ulimit -v "$MEMLIMIT_KB"; fi
      exec /usr/bin/time -f "%e %M" -o "$work/$c.time" timeout "${TIMEOUT:-600}" \
        "$bin" import --content "$work/$c/content" --archive "$work/$c.sqlite" ) >"$work/$c.out" 2>&1
    status=$?
    set -e
    read -r t m < <(tail -1 "$work/$c.time")
    times+=("$t"); rss+=("$m")
    first=$(head -1 "$work/$c.out" | cut -c1-110)
  done
  [ "$status" = 124 ] && first="(stopped after ${TIMEOUT:-600} s) $first"
  printf '%-16s %9s %9s %5s %7s  %s\n' "$c" "$(printf '%s\n' "${times[@]}" | median)" \
    "$(( $(printf '%s\n' "${rss[@]}" | median | cut -d. -f1) / 1024 ))" "$status" "$(wc -l < "$work/$c.out")" "$first"
done
