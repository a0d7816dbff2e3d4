#!/usr/bin/env python3
"""Queries for the search benchmark: words a visitor would type, taken from real titles.

usage: search-queries.py CONTENT_DIR COUNT > queries.json

Picks COUNT achievements of the content folder (fixed seed), segments each title with jieba,
and takes one of its words of two characters or more; the achievement is the query's target.
Prints [{"q": word, "target": "/2024/2024-00017/", "title": title}, ...].
"""
import csv, glob, json, logging, os, random, sys

import jieba

jieba.setLogLevel(logging.WARNING)


def main():
    content, count = sys.argv[1], int(sys.argv[2])
    achievements = []
    for path in sorted(glob.glob(os.path.join(content, "years", "*", "registrations.csv"))):
        year = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                achievements.append((year, row["编号"], row["课题名称"]))
    rng = random.Random(20250101)
    queries = []
    for year, rid, title in rng.sample(achievements, count):
        words = [w for w in jieba.lcut(title) if len(w.strip()) >= 2]
        if words:
            queries.append({"q": rng.choice(words), "target": f"/{year}/{rid}/", "title": title})
    json.dump(queries, sys.stdout, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
