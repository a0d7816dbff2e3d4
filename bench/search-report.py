#!/usr/bin/env python3
"""The search benchmark's table, from the measurements search.sh left in each site folder.

usage: search-report.py SITE_DIR...   (each with qcsite.json, browser.json, size)
"""
import json, os, statistics, sys


def kb(n):
    return f"{n / 1024:.0f} KB" if n >= 10240 else f"{n / 1024:.1f} KB"


def row(site, engine, rows):
    two = [r for r in rows if len(r["q"]) == 2]
    found = [r["found"] for r in rows if r["found"] is not None]
    median = lambda rs, key: statistics.median(r[key] for r in rs) if rs else 0
    recall = f"{100 * sum(found) / len(found):.0f}%" if found else "—"
    return (f"| {site} | {engine} | {len(rows)} ({len(two)}) | {kb(median(two, 'raw'))} / {kb(median(two, 'gzip'))} "
            f"| {kb(median(rows, 'raw'))} / {kb(median(rows, 'gzip'))} | {kb(max(r['gzip'] for r in rows))} "
            f"| {median(rows, 'files'):.0f} | {recall} |")


def main():
    print("| achievements | engine | queries (2 chars) | 2-char query: raw / gzip | all queries: raw / gzip "
          "| largest, gzip | files | recall |")
    print("|---|---|---|---|---|---|---|---|")
    for site in sys.argv[1:]:
        size = open(os.path.join(site, "size")).read().strip()
        node = json.load(open(os.path.join(site, "qcsite.json")))
        browser = json.load(open(os.path.join(site, "browser.json")))
        label = f"{int(size):,}"
        print(row(label, "qcsite (search.js, node)", node))
        if "qcsite" in browser:
            # The browser fetched what the script computed: the same bytes, recall from node.
            rows = [dict(b, found=n["found"]) for b, n in zip(browser["qcsite"], node)]
            print(row(label, "qcsite (Chromium)", rows))
        print(row(label, "Pagefind 1.5 (Chromium)", browser["pagefind"]))
    print()
    print("Medians over the queries (jieba words of two or more characters from real titles); bytes are the "
          "files fetched for the first query with an empty cache, search page HTML and site.css excluded; "
          "recall: the query's own achievement among all results.")


if __name__ == "__main__":
    main()
