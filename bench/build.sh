#!/usr/bin/env bash
# Benchmark of `qcsite build` on a large synthetic site: cold build, rebuild with no change,
# and peak memory; with Hugo installed, Hugo rendering the same number of Markdown pages.
# usage: bench/build.sh [RUNS] [YEARS] [PER_YEAR]     (defaults 5, 5, 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; years=${2:-5}; per_year=${3:-2000}
work=$(mktemp -d /tmp/qcsite-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product qcsite >/dev/null
bin=$(swift build -c release --show-bin-path)/qcsite
python3 bench/make-large-site.py "$work/content" --years "$years" --per-year "$per_year"
cp -r themes "$work/themes"
cd "$work"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }

# Each cold run gets a new archive and output folder: deleting the last run's 10,000 files
# first would charge the file system's clean-up to the build.
cold=(); warm=(); rss=()
for i in $(seq "$runs"); do
  read -r t m < <(seconds "$bin" build --archive "run$i.sqlite" --output "public$i"); cold+=("$t"); rss+=("$m")
  read -r t m < <(seconds "$bin" build --archive "run$i.sqlite" --output "public$i"); warm+=("$t")
done
files=$(find public1 -type f | wc -l)
echo "site: $years years x $per_year registrations, $files output files"
echo "qcsite build, cold (median of $runs): $(printf '%s\n' "${cold[@]}" | median) s"
echo "qcsite build, no change (median of $runs): $(printf '%s\n' "${warm[@]}" | median) s"
echo "qcsite build, peak memory (median): $(printf '%s\n' "${rss[@]}" | median) KiB"

if command -v hugo >/dev/null; then
  mkdir -p hugo/content/posts hugo/layouts/_default
  printf 'baseURL = "https://qc.example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term"]\n' > hugo/hugo.toml
  printf '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n' > hugo/layouts/_default/single.html
  printf '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' > hugo/layouts/_default/list.html
  n=$((years * per_year))
  for i in $(seq 1 "$n"); do printf -- '---\ntitle: "成果 %s"\n---\n\n本小组围绕课题开展活动，效果明显。\n' "$i" > "hugo/content/posts/p$i.md"; done
  hugo_times=()
  for i in $(seq "$runs"); do
    read -r t m < <(seconds hugo --quiet -s hugo -d "$work/hugo-public$i"); hugo_times+=("$t")
  done
  echo "hugo, $n Markdown pages (median of $runs): $(printf '%s\n' "${hugo_times[@]}" | median) s"
fi
