// node --test Tests/js — the browser code of the search page, against the same samples the
// Swift tests read. With QCSITE_INDEX=<built search/index.json> it also checks a query.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
const search = require(path.join(root, "themes", "default", "static", "search.js"));
const samples = JSON.parse(fs.readFileSync(path.join(root, "Tests", "QCSiteTests", "Fixtures", "similarity-samples.json"), "utf8"));

test("similarity of each sample pair equals the worked-out number", () => {
  for (const pair of samples.pairs) {
    assert.strictEqual(search.similarity(pair.a, pair.b), pair.similarity, `${pair.a} / ${pair.b}: ${pair.why}`);
    const same = search.titleKey(pair.a).normalize("NFC") === search.titleKey(pair.b).normalize("NFC");
    assert.strictEqual(same, pair.same, `${pair.a} / ${pair.b} normalised equal`);
  }
});

test("a title at the threshold is flagged, one below is not", () => {
  const data = { threshold: 0.8, titles: [
    { y: 2024, id: "2024-010", t: "提高携号转网用户挽留成功率", e: "示例", u: "/2024/2024-010/" },
    { y: 2024, id: "2024-017", t: "降低光缆线路故障平均历时", e: "示例", u: "/2024/2024-017/" },
  ] };
  const ranked = search.compareTitles(data, "提升携号转网用户挽留成功率");
  assert.deepStrictEqual(ranked.map((r) => [r.title.id, r.flagged]), [["2024-010", true], ["2024-017", false]]);
});

test("search normalisation folds width and case and drops punctuation", () => {
  assert.strictEqual(search.searchKey("５Ｇ　室分，Ａ"), "5g室分a");
  assert.deepStrictEqual(search.searchBigrams("光缆熔接"), ["光缆", "缆熔", "熔接"]);
  assert.deepStrictEqual(search.matches("降低光缆、熔接", "缆熔"), [[3, 6]]);
});

test("queries of the built index find what the Swift index finds", { skip: !process.env.QCSITE_INDEX && "QCSITE_INDEX not set" }, () => {
  const index = JSON.parse(fs.readFileSync(process.env.QCSITE_INDEX, "utf8"));
  const expected = JSON.parse(process.env.QCSITE_EXPECTED || "{}");
  for (const [query, numbers] of Object.entries(expected)) {
    assert.deepStrictEqual(search.find(index, query), numbers, query);
  }
});
