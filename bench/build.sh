#!/usr/bin/env bash
# Benchmark of `qcsite build` on a large synthetic archive, side by side with Hugo rendering the
# same write-ups as Markdown pages. Prints medians of paired runs (each run times qcsite and Hugo
# one after the other, so both see the same load on the machine):
#   - cold build (new archive, new output folder: import + check + render + publish), wall time,
#     user CPU and peak memory, with qcsite/Hugo ratios (the median of each run's ratio);
#   - rebuild with nothing changed;
#   - rebuild after one write-up changed, and how many files it wrote.
# At the end the incrementally rebuilt output is compared byte for byte with a clean build of the
# same content.
#
# usage: bench/build.sh [RUNS] [YEARS] [PER_YEAR] [ENTERPRISES] [WRITEUP_BYTES]
#        (defaults 5, 10, 1000, 400, 1600: 10,000 achievements, each with a write-up of about 1.6 KB)
# QCSITE=path/to/qcsite benchmarks another binary (default: the release build of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; years=${2:-10}; per_year=${3:-1000}; enterprises=${4:-400}; writeup_bytes=${5:-1600}
work=$(mktemp -d /tmp/qcsite-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; [ -n "${KEEP:-}" ] && echo "work folder: $work" >&2
export PYTHONDONTWRITEBYTECODE=1

if [ -n "${QCSITE:-}" ]; then
  bin=$(cd "$(dirname "$QCSITE")" && pwd)/$(basename "$QCSITE")
else
  swift build -c release --product qcsite >/dev/null
  bin=$(swift build -c release --show-bin-path)/qcsite
fi
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
# wall seconds, user seconds, peak KiB of a command; its stderr is kept in $work/last.err
measure() { /usr/bin/time -o "$work/time" -f "%e %U %M" "$@" >/dev/null 2>"$work/last.err"; cat "$work/time"; }
written() { sed -n 's/.*更新 \([0-9]*\)，未变.*/\1/p' "$work/last.err" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

declare -a q_wall q_user q_rss h_wall h_user h_rss r_wall r_user r_rss noop edit edit_files
for i in $(seq "$runs"); do
  read -r w u m < <(measure "$bin" build --archive "run$i.sqlite" --output "public$i")
  q_wall+=("$w"); q_user+=("$u"); q_rss+=("$m")
  read -r hw hu hm < <(measure hugo --quiet -s hugo -d "$work/hugo-public$i")
  h_wall+=("$hw"); h_user+=("$hu"); h_rss+=("$hm")
  r_wall+=("$(ratio "$w" "$hw")"); r_user+=("$(ratio "$u" "$hu")"); r_rss+=("$(ratio "$m" "$hm")")

  read -r w _ _ < <(measure "$bin" build --archive "run$i.sqlite" --output "public$i"); noop+=("$w")
  [ "$(written)" = 0 ] || { echo "a rebuild with no change wrote $(written) files" >&2; exit 1; }

  # One write-up of a year in the middle changes by a sentence.
  year=$(( 2025 - years / 2 )); file=$(ls content/years/$year/writeups/*.md | sed -n "$((i * 37 % per_year + 1))p")
  printf '\n小组在第%s次复查中确认效果保持稳定。\n' "$i" >> "$file"
  read -r w _ _ < <(measure "$bin" build --archive "run$i.sqlite" --output "public$i"); edit+=("$w"); edit_files+=("$(written)")
  rm -rf "hugo-public$i"
done

# The incremental output must equal a clean build of the same content.
"$bin" build --archive clean.sqlite --output clean >/dev/null 2>&1
same=yes; diff -r "public$runs" clean >/dev/null || same=NO

files=$(find public1 -type f | wc -l)
pages=$(find hugo-public1 -type f 2>/dev/null | wc -l || true)
echo "site: $years years x $per_year achievements, $enterprises enterprises, write-ups of ~$writeup_bytes bytes; qcsite writes $files files"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); medians of $runs paired runs"
printf '| %-44s | %-12s | %-12s | %-8s |\n' "what" "qcsite" "Hugo 0.111" "ratio"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "--------------" "--------------" "----------"
row() { printf '| %-44s | %-12s | %-12s | %-8s |\n' "$@"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
row "cold build (import + check + render), wall" "$(printf '%s\n' "${q_wall[@]}" | median) s" \
  "$(printf '%s\n' "${h_wall[@]}" | median) s" "$(printf '%s\n' "${r_wall[@]}" | median)"
row "user CPU of a cold build" "$(printf '%s\n' "${q_user[@]}" | median) s" \
  "$(printf '%s\n' "${h_user[@]}" | median) s" "$(printf '%s\n' "${r_user[@]}" | median)"
row "peak memory" "$(mib "$(printf '%s\n' "${q_rss[@]}" | median)")" \
  "$(mib "$(printf '%s\n' "${h_rss[@]}" | median)")" "$(printf '%s\n' "${r_rss[@]}" | median)"
row "rebuild, nothing changed" "$(printf '%s\n' "${noop[@]}" | median) s" "" ""
row "rebuild after one write-up changed" "$(printf '%s\n' "${edit[@]}" | median) s" "" ""
row "  files it wrote (median)" "$(printf '%s\n' "${edit_files[@]}" | median)" "" ""
echo "incremental output equals a clean build: $same"
[ "$same" = yes ]
