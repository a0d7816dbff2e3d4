#!/usr/bin/env python3
"""The bytes a browser downloads for a visitor's first query, measured in headless Chromium.

usage: search-browser.py PUBLIC_DIR PAGEFIND_DIR QUERIES_JSON ENGINE... > results.json
ENGINE: `qcsite` (its /search/ page) or `pagefind` (Pagefind's default UI on a page beside
the site's; PAGEFIND_DIR is the bundle `python3 -m pagefind --site PUBLIC_DIR --output-path`
wrote, served as /pagefind/).

Each query opens a fresh page with the browser cache emptied and waits until the results are
shown and no request has been made for a second. A small server logs every file requested,
the page's web workers' too, and the counted bytes are those files' sizes: raw, and gzipped
at level 6 as a web server sends them (never more than raw; Pagefind's index files are
compressed already). Counted: for qcsite search.js, search.css and the search/ files; for
Pagefind every file under pagefind/. Not counted: the HTML page and the site's stylesheet.

Whether a query finds its target is asked of each engine's full result list, not only of the
results shown: for Pagefind through its JavaScript API on the same page, afterwards; a target
page Pagefind did not index counts for neither side of its recall.
"""
import functools, gzip, http.server, json, os, sys, threading, time, urllib.parse, zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PAGEFIND_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pagefind</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script>
</head><body><div id="search"></div>
<script>window.ui = new PagefindUI({ element: "#search", showSubResults: false });</script></body></html>
"""


# Pagefind's UI has answered ("找到 N 个…" or "未找到…", not "正在搜索…") and shown its first page
# (five results), each loaded.
PAGEFIND_SHOWN = """
    const message = document.querySelector(".pagefind-ui__message");
    const results = document.querySelectorAll(".pagefind-ui__result").length;
    return !!message && /^(找到|未找到)/.test(message.textContent.trim()) && !document.querySelector(".pagefind-ui__loading")
        && document.querySelectorAll(".pagefind-ui__result-link").length === results;
"""


class Log:
    def __init__(self):
        self.lock, self.paths, self.last = threading.Lock(), [], time.monotonic()

    def add(self, path):
        with self.lock:
            self.paths.append(path)
            self.last = time.monotonic()

    def take(self):
        with self.lock:
            paths, self.paths = self.paths, []
            return paths


def serve(folder, pagefind, log):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder, **kwargs)

        def translate_path(self, path):
            if path == "/pagefind-bench.html":
                return os.path.join(pagefind, "..", "pagefind-bench.html")
            if path.startswith("/pagefind/"):
                return os.path.join(pagefind, urllib.parse.unquote(urllib.parse.urlsplit(path).path)[len("/pagefind/"):])
            return super().translate_path(path)

        def do_GET(self):
            log.add(urllib.parse.unquote(urllib.parse.urlsplit(self.path).path))
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@functools.lru_cache(maxsize=None)
def size(file):
    data = open(file, "rb").read()
    return len(data), min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


def quiet(log, seconds=1.0, timeout=60):
    start = time.monotonic()
    while time.monotonic() - log.last < seconds and time.monotonic() - start < timeout:
        time.sleep(0.1)


def pagefind_ids(pagefind):
    """Pagefind's result id → page address, from its fragments (gzip: "pagefind_dcd" + JSON)."""
    ids = {}
    fragments = os.path.join(pagefind, "fragment")
    for name in os.listdir(fragments):
        data = gzip.decompress(open(os.path.join(fragments, name), "rb").read())
        ids[name.rsplit(".", 1)[0]] = json.loads(data[len(b"pagefind_dcd"):])["url"]
    return ids


def main():
    folder, pagefind, queries_file, engines = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    queries = json.load(open(queries_file))
    log = Log()
    server = serve(folder, pagefind, log)
    site = f"http://127.0.0.1:{server.server_address[1]}"
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=390,844"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    results = {}
    try:
        if "pagefind" in engines:
            with open(os.path.join(pagefind, "..", "pagefind-bench.html"), "w") as f:
                f.write(PAGEFIND_PAGE)
            ids = pagefind_ids(pagefind)
            indexed = set(ids.values())
        for engine in engines:
            rows = []
            for query in queries:
                q = query["q"]
                # Nothing of the query before may still be arriving when this one is counted.
                driver.get("about:blank")
                quiet(log, seconds=0.5)
                # The page's own cache is off; this empties the cache its web workers use too.
                driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                log.take()
                if engine == "qcsite":
                    driver.get(site + "/search/?q=" + urllib.parse.quote(q))
                    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "search-status").text not in ("", "正在搜索…"))
                    quiet(log)
                    paths = [p for p in log.take() if p.startswith("/search/") and p != "/search/" or p in ("/assets/search.js", "/assets/search.css")]
                    folder_of = lambda p: os.path.join(folder, p.lstrip("/"))
                    found = None
                else:
                    driver.get(site + "/pagefind-bench.html")
                    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!window.ui"))
                    quiet(log)
                    log.last = time.monotonic()
                    driver.execute_script("window.ui.triggerSearch(arguments[0])", q)
                    WebDriverWait(driver, 60).until(lambda d: d.execute_script(PAGEFIND_SHOWN))
                    quiet(log)
                    paths = [p for p in log.take() if p.startswith("/pagefind/")]
                    folder_of = lambda p: os.path.join(pagefind, p[len("/pagefind/"):])
                    found_ids = driver.execute_async_script("""
                        const done = arguments[arguments.length - 1];
                        import("/pagefind/pagefind.js").then(pf => pf.search(arguments[0])).then(s => done(s.results.map(r => r.id)));
                    """, q)
                    # A target Pagefind did not index (see search.sh) is left out of its recall.
                    found = query["target"] in {ids.get(i) for i in found_ids} if query["target"] in indexed else None
                counted = [size(folder_of(p)) for p in paths]
                rows.append({"q": q, "target": query["target"], "found": found, "files": len(paths),
                             "raw": sum(c[0] for c in counted), "gzip": sum(c[1] for c in counted)})
            results[engine] = rows
    finally:
        driver.quit()
        server.shutdown()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
