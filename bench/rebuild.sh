#!/usr/bin/env bash
# Benchmark of rebuilds on a large synthetic site: a rebuild with nothing changed, and a
# rebuild after one write-up changed (a different one each run), as medians of wall time and
# of CPU time (user + system), with the files each rebuild wrote.
# usage: bench/rebuild.sh [RUNS] [YEARS] [PER_YEAR] [ENTERPRISES] [WRITEUP_BYTES]
#        (defaults 5, 10, 1000, 400, 1600: 10,000 achievements with ~1.6 KB write-ups)
# QCSITE=<a qcsite binary> benchmarks that binary (default: the release build of this checkout).
# With BASELINE=<an older qcsite binary>, the one-write-up rebuilds run in pairs: the older
# binary on a copy of the site, the same write-up changed in both, the two binaries taking turns
# to go first; the medians of both and of the pairs' differences are printed. This machine's
# noise moves whole series by 20%, so only paired figures compare two builds.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; years=${2:-10}; per_year=${3:-1000}; enterprises=${4:-400}; writeup=${5:-1600}
work=$(mktemp -d /tmp/qcsite-rebuild.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -n "${QCSITE:-}" ]; then
  bin=$(cd "$(dirname "$QCSITE")" && pwd)/$(basename "$QCSITE")
else
  swift build -c release --product qcsite >/dev/null
  bin=$(swift build -c release --show-bin-path)/qcsite
fi
python3 bench/make-large-site.py "$work/content" --years "$years" --per-year "$per_year" \
  --enterprises "$enterprises" --writeup-bytes "$writeup"
cp -r themes "$work/themes"
cd "$work"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# wall seconds, user + system seconds, and the build's last line (what it wrote)
timed() {
  /usr/bin/time -f "%e %U %S" -o time.txt "$@" >out.txt 2>&1
  read -r wall user sys <time.txt
  echo "$wall $(echo "$user + $sys" | bc -l) $(tail -1 out.txt)"
}

"$bin" build >/dev/null 2>&1   # the cold build that later runs rebuild
# A file's stamp is trusted once it is two seconds old (a build reads nothing only then).
sleep 2.2

walls=(); cpus=()
for i in $(seq "$runs"); do
  read -r wall cpu line < <(timed "$bin" build)
  walls+=("$wall"); cpus+=("$cpu")
done
echo "site: $years years x $per_year achievements, $(find public -type f | wc -l) output files"
echo "rebuild, nothing changed (median of $runs): $(printf '%s\n' "${walls[@]}" | median) s wall, $(printf '%s\n' "${cpus[@]}" | median) s CPU"
echo "  last run: $line"

walls=(); cpus=(); first=$((2025 - years + 1))
if [ -n "${BASELINE:-}" ]; then
  # The older binary's copy of the site, built by it (its record and spare are its own).
  mkdir -p "$work/baseline" && cp -r content themes "$work/baseline/"
  (cd "$work/baseline" && "$BASELINE" build >/dev/null 2>&1)
  (cd "$work/baseline" && timed "$BASELINE" build >/dev/null)  # its second build: its spare now exists
  sleep 2.2
fi
bwalls=(); bcpus=(); diffs=()
for i in $(seq "$runs"); do
  file=$(ls content/years/$first/writeups | sed -n "${i}p")
  printf '\n补充说明第 %s 次。\n' "$i" >> "content/years/$first/writeups/$file"
  if [ -n "${BASELINE:-}" ]; then
    printf '\n补充说明第 %s 次。\n' "$i" >> "$work/baseline/content/years/$first/writeups/$file"
    if (( i % 2 )); then
      read -r bwall bcpu _ < <(cd "$work/baseline" && timed "$BASELINE" build)
      read -r wall cpu line < <(timed "$bin" build)
    else
      read -r wall cpu line < <(timed "$bin" build)
      read -r bwall bcpu _ < <(cd "$work/baseline" && timed "$BASELINE" build)
    fi
    bwalls+=("$bwall"); bcpus+=("$bcpu"); diffs+=("$(echo "$wall - $bwall" | bc -l)")
  else
    read -r wall cpu line < <(timed "$bin" build)
  fi
  walls+=("$wall"); cpus+=("$cpu")
  echo "  run $i ($file): $wall s${bwall:+ (baseline $bwall s)} — $line"
done
echo "rebuild after one write-up changed (median of $runs): $(printf '%s\n' "${walls[@]}" | median) s wall, $(printf '%s\n' "${cpus[@]}" | median) s CPU"
if [ -n "${BASELINE:-}" ]; then
  echo "  baseline (median of $runs): $(printf '%s\n' "${bwalls[@]}" | median) s wall, $(printf '%s\n' "${bcpus[@]}" | median) s CPU; median paired difference $(printf '%s\n' "${diffs[@]}" | median) s"
fi
