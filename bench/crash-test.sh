#!/usr/bin/env bash
# Crash test: kills `qcsite import` and `qcsite build` with SIGKILL at random moments and checks
# that nothing is ever half written. After each kill:
#   - the archive opens, passes PRAGMA integrity_check, and holds exactly the data of before or
#     after the import (a hash of `sqlite3 .dump`);
#   - the output folder is exactly the old or the new site (every file's path and hash);
#   - the next normal build succeeds, ends in the new state, and leaves no staging folder, old
#     site, temporary or broken backup behind; every kept backup passes integrity_check.
# The builds start with a spare site beside the output (.public.spare), so kills also land
# while a build brings the spare up to date.
# Then a first build (no archive, no output) is killed as often, within 1.3 times a first
# import's run time (the part that writes the archive): the archive is none or whole (it is
# written under a temporary name and renamed), the output none or whole; the next build
# reaches both and leaves no temporary archive.
# It prints the number of inconsistent states and exits 1 unless it is 0.
#
# usage: bench/crash-test.sh [KILLS] [PER_YEAR]     (defaults 50 kills of each command, 400)
# QCSITE=path/to/qcsite uses that binary instead of building the release one.
set -euo pipefail
# The script works in folders of its own: a binary named by a relative path is found from here.
[ -z "${QCSITE:-}" ] || QCSITE=$(realpath "$QCSITE")
cd "$(dirname "$0")/.."
kills=${1:-50}; per_year=${2:-400}
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
work=$(mktemp -d /tmp/qcsite-crash.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -z "${QCSITE:-}" ]; then
  swift build -c release --product qcsite >/dev/null
  QCSITE=$(swift build -c release --show-bin-path)/qcsite
fi
bin=$QCSITE

# Two versions of a generated site: v2 changes one year's titles and the site's title, so an
# import replaces a year (after a backup) and a build rewrites every page.
python3 bench/make-large-site.py "$work/v1" --years 2 --per-year "$per_year" >/dev/null
cp -r "$work/v1" "$work/v2"
sed -i 's/号方案/号改进方案/' "$work/v2/years/2025/registrations.csv"
sed -i 's/^title: /title: 第二版 /' "$work/v2/site.yaml"

archive_state() {  # integrity and a hash of the data, read from a copy (the original is left as the kill left it)
  local dir=$1 copy
  # (The site's lock file, archive.sqlite.lock, is there from a build's start: no archive is "missing".)
  [ -f "$dir/archive.sqlite" ] || { echo "missing"; return; }
  copy=$(mktemp -d "$work/check.XXXXXX")
  cp "$dir"/archive.sqlite* "$copy"/ 2>/dev/null || { echo "missing"; rm -rf "$copy"; return; }
  local integrity; integrity=$(sqlite3 "$copy/archive.sqlite" "PRAGMA integrity_check" 2>&1 || true)
  if [ "$integrity" != "ok" ]; then echo "corrupt"; else sqlite3 "$copy/archive.sqlite" .dump | sha256sum | cut -c1-16; fi
  rm -rf "$copy"
}
site_state() {  # every file of the output with its hash (the build record aside: it holds file times)
  [ -d "$1/public" ] || { echo "missing"; return; }
  (cd "$1/public" && find . -type f -not -path './.qcsite-build*' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) | sha256sum | cut -c1-16
}
leftovers() {  # what no run may leave for good
  (cd "$1" && ls -d .public.staging-* .public.old-* public/.qcsite-build.new-* archive-backups/.archive-* archive-backups/*-journal \
     .archive.sqlite.new-* 2>/dev/null) || true
}
backups_whole() {
  local f
  for f in "$1"/archive-backups/archive-*.sqlite; do
    [ -e "$f" ] || continue
    [ "$(sqlite3 "$f" "PRAGMA integrity_check" 2>&1)" = "ok" ] || { echo "broken backup $f"; return; }
  done
  [ "$(ls "$1"/archive-backups | wc -l)" -le 20 ] || echo "more than 20 backups"
}
now_ms() { date +%s%3N; }
count() { local s=$1; s=${s//[^$2]/}; echo ${#s}; }

# The states before and after, and how long each command takes.
mkdir "$work/before"; cp -r themes "$work/before/themes"; cp -r "$work/v1" "$work/before/content"
# Built twice, first with the second version's title, so that the site before the old one is
# kept as the spare (.public.spare) that the trials' builds take up and bring up to date.
(cd "$work/before" && cp "$work/v2/site.yaml" content/site.yaml && "$bin" build >/dev/null 2>&1 \
  && cp "$work/v1/site.yaml" content/site.yaml && "$bin" build >/dev/null 2>&1)
[ -d "$work/before/.public.spare" ] || { echo "setup: no spare site beside the output" >&2; exit 2; }
A=$(archive_state "$work/before"); OA=$(site_state "$work/before")
reset_trial() { rm -rf "$work/t"; cp -a "$work/before" "$work/t"; rm -rf "$work/t/content"; cp -r "$work/v2" "$work/t/content"; }
# Each command's run time (median of three), so that the kills spread over all of it.
median_ms() {
  local command=$1 times=() t0
  for _ in 1 2 3; do
    reset_trial; t0=$(now_ms); (cd "$work/t" && "$bin" "$command" >/dev/null 2>&1); times+=($(( $(now_ms) - t0 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}
import_ms=$(median_ms import); BI=$(archive_state "$work/t")
build_ms=$(median_ms build); B=$(archive_state "$work/t"); OB=$(site_state "$work/t")
[ "$A" != "$B" ] && [ "$OA" != "$OB" ] && [ "$BI" = "$B" ] || { echo "setup: the two versions do not differ as expected" >&2; exit 2; }
echo "site: 2 years x $per_year registrations; import ${import_ms} ms, build ${build_ms} ms (medians of 3)"

inconsistent=0
report() { inconsistent=$((inconsistent + 1)); echo "  INCONSISTENT ($1, kill $2 after $3 ms): $4"; }

for command in import build; do
  [ "$command" = import ] && span=$import_ms || span=$build_ms
  killed=0; seen_archive=""; seen_site=""
  for i in $(seq "$kills"); do
    reset_trial
    delay=$(( (RANDOM * 32768 + RANDOM) % (span * 13 / 10 + 1) ))
    (cd "$work/t" && exec "$bin" "$command" >/dev/null 2>&1) & pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    status=0; wait "$pid" 2>/dev/null || status=$?
    [ "$status" = 137 ] && killed=$((killed + 1))

    a=$(archive_state "$work/t"); o=$(site_state "$work/t")
    case "$a" in "$A") seen_archive+="A";; "$B") seen_archive+="B";; *) report "$command" "$i" "$delay" "archive is $a";; esac
    case "$o" in "$OA") seen_site+="A";; "$OB") seen_site+="B";; *) report "$command" "$i" "$delay" "output is neither the old nor the new site";; esac

    if ! (cd "$work/t" && "$bin" build >/dev/null 2>"$work/next.err"); then
      report "$command" "$i" "$delay" "the next build failed: $(head -c 300 "$work/next.err")"
    fi
    [ "$(archive_state "$work/t")" = "$B" ] || report "$command" "$i" "$delay" "the next build did not reach the new archive"
    [ "$(site_state "$work/t")" = "$OB" ] || report "$command" "$i" "$delay" "the next build did not publish the new site"
    left=$(leftovers "$work/t"); [ -z "$left" ] || report "$command" "$i" "$delay" "left behind: $left"
    broken=$(backups_whole "$work/t"); [ -z "$broken" ] || report "$command" "$i" "$delay" "$broken"
  done
  echo "qcsite $command: $kills kills ($killed while running); archive before/after: $(count "$seen_archive" A)/$(count "$seen_archive" B);" \
       "output old/new: $(count "$seen_site" A)/$(count "$seen_site" B)"
done

# A first build: no archive and no output yet. The archive is written whole under a temporary
# name (with a rollback journal, turned to a write-ahead log once committed) and then renamed,
# so a kill leaves none or the whole archive; the output none or the whole site.
reset_first() { rm -rf "$work/t"; mkdir "$work/t"; cp -r themes "$work/t/themes"; cp -r "$work/v2" "$work/t/content"; }
# The kills land within 1.3 times a first import's run time (the median of three): the part of
# a first build that creates and writes the archive (and the render begun beside its write).
times=()
for _ in 1 2 3; do
  reset_first; t0=$(now_ms); (cd "$work/t" && "$bin" import >/dev/null 2>&1); times+=($(( $(now_ms) - t0 )))
done
first_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
reset_first; (cd "$work/t" && "$bin" build >/dev/null 2>&1)
F=$(archive_state "$work/t"); OF=$(site_state "$work/t")
killed=0; seen=""
for i in $(seq "$kills"); do
  reset_first
  delay=$(( (RANDOM * 32768 + RANDOM) % (first_ms * 13 / 10 + 1) ))
  (cd "$work/t" && exec "$bin" build >/dev/null 2>&1) & pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  status=0; wait "$pid" 2>/dev/null || status=$?
  [ "$status" = 137 ] && killed=$((killed + 1))
  a=$(archive_state "$work/t")
  if [ "$a" = missing ]; then seen+="M"
  elif [ "$a" = "$F" ]; then seen+="F"
  else report "first build" "$i" "$delay" "archive is $a"; fi
  o=$(site_state "$work/t"); [ "$o" = missing ] || [ "$o" = "$OF" ] || report "first build" "$i" "$delay" "output is neither none nor the new site"
  if ! (cd "$work/t" && "$bin" build >/dev/null 2>"$work/next.err"); then
    report "first build" "$i" "$delay" "the next build failed: $(head -c 300 "$work/next.err")"
  fi
  [ "$(archive_state "$work/t")" = "$F" ] || report "first build" "$i" "$delay" "the next build did not reach the whole archive"
  [ "$(site_state "$work/t")" = "$OF" ] || report "first build" "$i" "$delay" "the next build did not publish the site"
  left=$(leftovers "$work/t"); [ -z "$left" ] || report "first build" "$i" "$delay" "left behind: $left"
  [ ! -e "$work/t/archive.sqlite-journal" ] || report "first build" "$i" "$delay" "the next build left the archive's journal"
done
echo "qcsite build (first; a first import ${first_ms} ms): $kills kills ($killed while running); archive none/whole: $(count "$seen" M)/$(count "$seen" F)"

echo "inconsistent states: $inconsistent"
[ "$inconsistent" = 0 ]
