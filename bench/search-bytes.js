#!/usr/bin/env node
// The bytes qcsite's search page downloads for a visitor's first query, computed by running
// the page's own script (assets/search.js) on the built files: each query starts with an
// empty cache, finds its results and reads the fragments of the first page shown (ten), as
// the page does. Counted: search.js and search.css, and every search/ file read; each file
// raw and gzipped (level 6, as a web server sends it; never more than raw).
// usage: node bench/search-bytes.js PUBLIC_DIR QUERIES_JSON > results.json
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const [publicDir, queriesFile] = process.argv.slice(2);
const search = require(path.join(publicDir, "assets", "search.js"));
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const folder = path.join(publicDir, "search");
const PAGE = 10;

const sizes = new Map();
function size(file) {
  if (!sizes.has(file)) {
    const bytes = fs.readFileSync(file);
    sizes.set(file, { raw: bytes.length, gzip: Math.min(bytes.length, zlib.gzipSync(bytes, { level: 6 }).length) });
  }
  return sizes.get(file);
}

function reader(record) {
  return (file, type) => {
    if (record) record.add(file);
    const bytes = fs.readFileSync(path.join(folder, file));
    return Promise.resolve(type === "bytes" ? new Uint8Array(bytes) : JSON.parse(bytes));
  };
}

(async () => {
  // Every document's address, to tell whether a query found its target (not counted).
  const all = search.createSearch(reader(null));
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, "index.json"), "utf8"));
  const urls = (await all.documents([...Array(manifest.documents).keys()])).map((d) => d.u);
  const scripts = ["search.js", "search.css"].map((f) => path.join(publicDir, "assets", f));
  const results = [];
  for (const { q, target } of queries) {
    const files = new Set();
    const engine = search.createSearch(reader(files));
    const found = await engine.find(q);
    await engine.documents(found.ranked.slice(0, PAGE));
    const counted = scripts.concat([...files].map((f) => path.join(folder, f))).map(size);
    results.push({
      q, target,
      found: found.numbers.some((n) => urls[n] === target),
      results: found.numbers.length,
      files: counted.length,
      raw: counted.reduce((s, c) => s + c.raw, 0),
      gzip: counted.reduce((s, c) => s + c.gzip, 0),
    });
  }
  process.stdout.write(JSON.stringify(results));
})();
