// node --test Tests/js — the browser code of the search page, against the same samples the
// Swift tests read: the similarity pairs, and the shard files of fixture/ with the answers
// Swift computed for them (SearchShardsTests writes both). With QCSITE_SEARCH=<a built site's
// search/ folder> and QCSITE_EXPECTED=<query → document numbers> it also checks that site.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
const search = require(path.join(root, "themes", "default", "static", "search.js"));
const samples = JSON.parse(fs.readFileSync(path.join(root, "Tests", "QCSiteTests", "Fixtures", "similarity-samples.json"), "utf8"));
const fixture = path.join(__dirname, "fixture");
const expected = JSON.parse(fs.readFileSync(path.join(fixture, "expected.json"), "utf8"));

/** The files of a search/ folder as the page's fetcher gives them, recording what is read. */
function reader(folder) {
  const read = (file, type) => {
    read.files.push(file);
    const bytes = fs.readFileSync(path.join(folder, file));
    return Promise.resolve(type === "bytes" ? new Uint8Array(bytes) : JSON.parse(bytes));
  };
  read.files = [];
  return read;
}

test("similarity of each sample pair equals the worked-out number", () => {
  for (const pair of samples.pairs) {
    assert.strictEqual(search.similarity(pair.a, pair.b), pair.similarity, `${pair.a} / ${pair.b}: ${pair.why}`);
    const same = search.titleKey(pair.a).normalize("NFC") === search.titleKey(pair.b).normalize("NFC");
    assert.strictEqual(same, pair.same, `${pair.a} / ${pair.b} normalised equal`);
  }
});

test("search normalisation folds width and case and drops punctuation", () => {
  assert.strictEqual(search.searchKey("５Ｇ　室分，Ａ"), "5g室分a");
  assert.deepStrictEqual(search.searchBigrams("光缆熔接"), ["光缆", "缆熔", "熔接"]);
  assert.deepStrictEqual(search.matches("降低光缆、熔接", "缆熔"), [[3, 6]]);
  assert.deepStrictEqual([2, 3, 4, 5, 6].map(search.coveringOffsets), [[0], [0, 1], [0, 2], [0, 2, 3], [0, 2, 4]]);
});

test("every fixture query finds through the shards what Swift's unsharded search finds", async () => {
  const engine = search.createSearch(reader(path.join(fixture, "search")));
  const queries = Object.keys(expected.queries);
  assert.ok(queries.length > 50);
  for (const query of queries) {
    const found = await engine.find(query);
    assert.deepStrictEqual(found.numbers, expected.queries[query].numbers, query);
    assert.deepStrictEqual(found.ranked, expected.queries[query].ranked, query);
  }
  assert.strictEqual(await engine.find("光"), null);
  assert.strictEqual(await engine.find("，，"), null);
});

test("a two-character query reads the manifest, a shard table and one postings shard; a longer one the positions it needs", async () => {
  let read = reader(path.join(fixture, "search"));
  await search.createSearch(read).find("熔接");
  assert.strictEqual(read.files[0], "index.json");
  assert.deepStrictEqual(read.files.slice(1).map((f) => f.slice(0, 2)), ["g/", "d/"]);
  read = reader(path.join(fixture, "search"));
  await search.createSearch(read).find("降低光缆熔接");
  const kinds = read.files.slice(1).map((f) => f.slice(0, 2));
  assert.ok(kinds.every((k) => k === "g/" || k === "p/") && kinds.filter((k) => k === "p/").length <= 3, read.files.join(" "));
});

test("the shown documents are read through their directories", async () => {
  const read = reader(path.join(fixture, "search"));
  const engine = search.createSearch(read);
  const found = await engine.find("2024-039");
  const docs = await engine.documents(found.ranked.slice(0, 10));
  assert.strictEqual(docs[0].u, "/2024/2024-039/");
  assert.strictEqual(docs[0].i, "2024-039");
  const awarded = await engine.documents((await engine.find("一等奖")).ranked);
  assert.deepStrictEqual(awarded.filter((d) => d.k === "成果" && d.a === "一等奖").map((d) => d.c), ["award-1", "award-1"]);
  const all = await engine.documents([...Array(expected.documents).keys()]);
  assert.strictEqual(all.length, expected.documents);
  assert.ok(all.every((d) => d.u && d.k));
});

test("the title shards give every compared title's similarity, as Swift computes it", async () => {
  const read = reader(path.join(fixture, "search"));
  const titles = search.createTitleCheck(read, search.createSearch(read));
  for (const [proposed, scores] of Object.entries(expected.titles)) {
    const ranked = await titles.compare(proposed);
    assert.deepStrictEqual(ranked.map((r) => [r.number, r.score]), scores, proposed);
  }
});

test("a title equal once normalised is flagged, one below the threshold is not", async () => {
  const read = reader(path.join(fixture, "search"));
  const titles = search.createTitleCheck(read, search.createSearch(read));
  const result = await titles.check("降低光缆熔接损耗超标率！");
  assert.deepStrictEqual(result.shown.map((r) => [r.doc.i, r.same, r.flagged]).slice(0, 1), [["2024-017", true, true]]);
  assert.ok(result.shown.slice(1).every((r) => !r.flagged && r.score < 0.8));
  assert.ok(result.shown.length <= 10 && result.best === 1);
  const flagged = (await titles.check("提升光缆熔接损耗超标率")).shown.filter((r) => r.flagged);
  assert.deepStrictEqual(flagged.map((r) => [r.doc.i, r.same]), [["2024-017", false]]);
  assert.ok(flagged[0].score >= 0.8);
});

test("queries of a built site find what the Swift index finds", { skip: !process.env.QCSITE_SEARCH && "QCSITE_SEARCH not set" }, async () => {
  const engine = search.createSearch(reader(process.env.QCSITE_SEARCH));
  const wanted = JSON.parse(process.env.QCSITE_EXPECTED || "{}");
  assert.ok(Object.keys(wanted).length > 0);
  for (const [query, numbers] of Object.entries(wanted)) {
    assert.deepStrictEqual((await engine.find(query)).numbers, numbers, query);
  }
});
