#!/usr/bin/env bash
# Times `qcsite check` of a national year with many excellent-enterprise applications: the claim
# rule looks up every claimed award, and the window rule reads every window year for each
# applicant. Prints the median of several runs (wall, CPU, and the rules alone) and the number of
# findings; with BASELINE, the older binary runs on the same archive run for run, and the two
# reports are compared. Not part of `swift test`.
#
#   bench/applications.sh [per-year] [applications] [runs]     (defaults 10000, 1000, 5)
#   QCSITE=.build/release/qcsite BASELINE=/path/to/older/qcsite bench/applications.sh
set -euo pipefail
per_year=${1:-10000}
applications=${2:-1000}
runs=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${QCSITE:-$here/.build/release/qcsite}
[ -x "$bin" ] || { echo "build qcsite first: swift build -c release --product qcsite" >&2; exit 2; }
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; [ -n "${KEEP:-}" ] && echo "work folder: $work" >&2

# Four years (the 2025 applications claim awards in the three before), 4,000 enterprises.
python3 "$here/bench/make-large-site.py" "$work/content" --years 4 --per-year "$per_year" --enterprises 4000 \
  --applications "$applications"
"$bin" import --content "$work/content" --archive "$work/archive.sqlite" >/dev/null

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
binaries=("$bin"); [ -n "${BASELINE:-}" ] && binaries=("$BASELINE" "$bin")
declare -A walls cpus rules findings
for ((r = 0; r < runs; r++)); do
  for b in "${binaries[@]}"; do
    out=$work/report-$(echo "$b" | md5sum | cut -c1-8).json
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$b" check --archive "$work/archive.sqlite" --year 2025 --format json --timings \
      >"$out" 2>"$work/timings" || [ $? -eq 1 ]
    read -r wall user sys < <(tail -1 "$work/time")
    walls[$b]+="$wall "
    cpus[$b]+="$(echo "$user + $sys" | bc -l) "
    rules[$b]+="$(awk '$2 == "rules" { print $3 }' "$work/timings") "
    findings[$b]=$(grep -c '"rule" : ' "$out" || true)
  done
done
for b in "${binaries[@]}"; do
  echo "$b, medians of $runs runs:"
  # shellcheck disable=SC2086
  echo "  check of 2025 ($per_year registrations a year, $applications applications, $((applications * 3)) claims): $(median ${walls[$b]}) s wall, $(median ${cpus[$b]}) s CPU, $(median ${rules[$b]}) s in the rules (runs: ${rules[$b]% }); ${findings[$b]} findings"
done
if [ -n "${BASELINE:-}" ]; then
  a=$work/report-$(echo "$BASELINE" | md5sum | cut -c1-8).json; b=$work/report-$(echo "$bin" | md5sum | cut -c1-8).json
  if cmp -s "$a" "$b"; then echo "the two reports are the same, byte for byte"; else echo "THE REPORTS DIFFER"; exit 1; fi
fi
