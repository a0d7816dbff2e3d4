#!/usr/bin/env bash
# Benchmark of a cold `qcsite build` on a large synthetic archive, side by side with Hugo
# rendering the same write-ups as Markdown pages. Each run times qcsite and then Hugo, one right
# after the other, so both see the same load on the machine; the script prints the medians of
# the runs: wall time, user CPU and peak memory of each, and the median of each run's
# qcsite/Hugo ratio. A cold build starts from a new archive and a new output folder: import +
# check + render + publish.
#
# usage: bench/build.sh [RUNS] [YEARS] [PER_YEAR] [ENTERPRISES] [WRITEUP_BYTES]
#        (defaults 5, 10, 1000, 400, 1600: 10,000 achievements, each with a write-up of about 1.6 KB)
# QCSITE=path/to/qcsite benchmarks another binary (default: the release build of this checkout).
# BASELINE=path/to/older/qcsite also builds with an older binary in each run, the two taking
# turns to go first (whichever runs first after Hugo is favoured on this machine), and prints
# its row and the median of the runs' paired wall differences.
# WORK=folder makes the work folder there (WORK=/dev/shm: on tmpfs, without the disk's noise).
# KEEP=1 keeps the work folder (its path is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; years=${2:-10}; per_year=${3:-1000}; enterprises=${4:-400}; writeup_bytes=${5:-1600}
work=$(mktemp -d "${WORK:-/tmp}/qcsite-bench.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
[ -z "${KEEP:-}" ] || echo "work folder: $work" >&2
export PYTHONDONTWRITEBYTECODE=1
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 3; }

if [ -n "${QCSITE:-}" ]; then
  bin=$(cd "$(dirname "$QCSITE")" && pwd)/$(basename "$QCSITE")
else
  swift build -c release --product qcsite >/dev/null
  bin=$(swift build -c release --show-bin-path)/qcsite
fi
base=""
[ -z "${BASELINE:-}" ] || base=$(cd "$(dirname "$BASELINE")" && pwd)/$(basename "$BASELINE")
python3 bench/make-large-site.py "$work/content" --years "$years" --per-year "$per_year" \
  --enterprises "$enterprises" --writeup-bytes "$writeup_bytes"
cp -r themes "$work/themes"

# Hugo's site: the same write-ups (their front matter carries the title), one section per year.
mkdir -p "$work/hugo/layouts/_default"
printf 'baseURL = "https://qc.example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term"]\n' > "$work/hugo/hugo.toml"
printf '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n' \
  > "$work/hugo/layouts/_default/single.html"
printf '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' \
  > "$work/hugo/layouts/_default/list.html"
for folder in "$work"/content/years/*/; do
  year=$(basename "$folder")
  mkdir -p "$work/hugo/content/$year"
  cp "$folder"writeups/*.md "$work/hugo/content/$year/"
done
cd "$work"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# wall seconds, user seconds, peak KiB of a command that must succeed (qcsite's rule findings
# exit 1 and still publish)
measure() {
  local status=0
  /usr/bin/time -o "$work/time" -f "%e %U %M" "$@" >/dev/null 2>"$work/last.err" || status=$?
  [ "$status" -le 1 ] || { echo "$* failed ($status):" >&2; tail -5 "$work/last.err" >&2; exit 3; }
  cat "$work/time"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

declare -a q_wall q_user q_rss h_wall h_user h_rss r_wall r_user r_rss b_wall b_user b_rss rb_wall rb_user d_wall
for i in $(seq "$runs"); do
  # A new archive and output folder each run; the last run's are deleted only after Hugo's run,
  # so no build pays for the file system's clean-up of another.
  if [ -n "$base" ] && [ $((i % 2)) = 0 ]; then
    read -r bw bu bm < <(measure "$base" build --archive "base$i.sqlite" --output "base-public$i")
  fi
  read -r w u m < <(measure "$bin" build --archive "run$i.sqlite" --output "public$i")
  q_wall+=("$w"); q_user+=("$u"); q_rss+=("$m")
  if [ -n "$base" ] && [ $((i % 2)) = 1 ]; then
    read -r bw bu bm < <(measure "$base" build --archive "base$i.sqlite" --output "base-public$i")
  fi
  read -r hw hu hm < <(measure hugo --quiet -s hugo -d "$work/hugo-public$i")
  h_wall+=("$hw"); h_user+=("$hu"); h_rss+=("$hm")
  r_wall+=("$(ratio "$w" "$hw")"); r_user+=("$(ratio "$u" "$hu")"); r_rss+=("$(ratio "$m" "$hm")")
  if [ -n "$base" ]; then
    b_wall+=("$bw"); b_user+=("$bu"); b_rss+=("$bm")
    rb_wall+=("$(ratio "$bw" "$hw")"); rb_user+=("$(ratio "$bu" "$hu")")
    d_wall+=("$(awk -v a="$w" -v b="$bw" 'BEGIN { printf "%.2f", a - b }')")
    rm -rf "base-public$i" "base$i.sqlite"*
  fi
  files=$(find "public$i" -type f | wc -l)
  pages=$(find "hugo-public$i" -type f | wc -l)
  [ "$i" = 1 ] || rm -rf "public$((i - 1))" "hugo-public$((i - 1))" "run$((i - 1)).sqlite"*
done

col() { printf '%s\n' "$@" | median; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
echo "site: $years years x $per_year achievements, $enterprises enterprises, write-ups of ~$writeup_bytes bytes;" \
  "qcsite writes $files files, Hugo $pages"
echo "machine: $(nproc) cores, load average after the runs $(cut -d' ' -f1-3 /proc/loadavg); medians of $runs paired runs"
row() { printf '| %-42s | %-10s | %-10s | %-13s |\n' "$@"; }
row "cold build (import + check + render)" "qcsite" "Hugo $(hugo version | sed -n 's/^hugo v\([0-9.]*\).*/\1/p')" "qcsite / Hugo"
row "------------------------------------------" "----------" "----------" "-------------"
row "wall" "$(col "${q_wall[@]}") s" "$(col "${h_wall[@]}") s" "$(col "${r_wall[@]}")"
row "user CPU" "$(col "${q_user[@]}") s" "$(col "${h_user[@]}") s" "$(col "${r_user[@]}")"
row "peak memory" "$(mib "$(col "${q_rss[@]}")")" "$(mib "$(col "${h_rss[@]}")")" "$(col "${r_rss[@]}")"
echo "per run, qcsite/Hugo wall: ${r_wall[*]}; user CPU: ${r_user[*]}"
if [ -n "$base" ]; then
  echo "baseline $BASELINE: wall $(col "${b_wall[@]}") s ($(col "${rb_wall[@]}") of Hugo's), user CPU $(col "${b_user[@]}") s" \
    "($(col "${rb_user[@]}") of Hugo's), peak $(mib "$(col "${b_rss[@]}")"); median paired wall difference" \
    "(this − baseline) $(col "${d_wall[@]}") s; per run: ${d_wall[*]}"
fi
