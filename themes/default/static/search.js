/* qcsite search and proposed-title check. No third-party code, no network besides the site's
   own search/ files, each fetched when a query needs it: the manifest (index.json), the shard
   table (g/) and postings (d/) of a two-character query's bigram, the tables and positions (p/)
   of a longer query's bigrams, and the directories (m/) and fragments (f/) of the results
   shown; for the title check, titles.json and the shards of the proposed title's bigrams (t/).
   The normalisation, matching and similarity mirror the Swift code (TextNormalization.titleKey,
   Similarity, SearchText, SearchShards, TitleCheck); Tests/js and Tests/QCSiteTests keep them equal. */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.QCSearch = api;
    if (root.document) api.start(root.document, root);
  }
})(this, function () {
  "use strict";

  var PAGE = 10;

  // Whitespace, punctuation, symbols, controls and format characters are dropped, as in titleKey.
  var DROPPED = /^[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cf}]$/u;

  /** Full-width ASCII to half-width, the ideographic space to a space. */
  function halfWidth(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) return cp - 0xfee0;
    if (cp === 0x3000) return 0x20;
    return cp;
  }

  /**
   * The normalised text and, for each of its UTF-16 units, where it came from in `text`
   * (start and end offsets), so a match can be highlighted in the original.
   * Lower case is mapped code point by code point, as Swift's lowercased() does.
   */
  function normalizeWithMap(text) {
    var out = "", starts = [], ends = [];
    for (var i = 0; i < text.length; ) {
      var cp = text.codePointAt(i), width = cp > 0xffff ? 2 : 1;
      var lowered = String.fromCodePoint(halfWidth(cp)).toLowerCase();
      for (var c of lowered) {
        if (DROPPED.test(c)) continue;
        out += c;
        for (var k = 0; k < c.length; k++) { starts.push(i); ends.push(i + width); }
      }
      i += width;
    }
    return { text: out, starts: starts, ends: ends };
  }

  /** A text as search compares it: NFC, then the title normalisation. */
  function searchKey(text) {
    return normalizeWithMap(String(text).normalize("NFC")).text;
  }

  /** Bigrams of code points (SearchText.bigrams). */
  function searchBigrams(key) {
    var cps = Array.from(key), result = [];
    for (var i = 0; i + 1 < cps.length; i++) result.push(cps[i] + cps[i + 1]);
    return result;
  }

  /** The bigrams looked up to verify a key of `length` code points (SearchText.coveringOffsets). */
  function coveringOffsets(length) {
    var offsets = [];
    for (var o = 0; o <= length - 2; o += 2) offsets.push(o);
    if (length >= 2 && offsets[offsets.length - 1] !== length - 2) offsets.push(length - 2);
    return offsets;
  }

  /** Where `key` occurs in `text`: [start, end) ranges in the original text. */
  function matches(text, key) {
    var norm = normalizeWithMap(text), ranges = [];
    if (!key) return ranges;
    var at = norm.text.indexOf(key);
    while (at >= 0) {
      ranges.push([norm.starts[at], norm.ends[at + key.length - 1]]);
      at = norm.text.indexOf(key, at + key.length);
    }
    return ranges;
  }

  // ---- shard files (SearchShards, ShardSet, VarInt in Swift) ----

  /** An unsigned LEB128 number at `c.i` of `c.b`, moving `c.i` past it. */
  function varint(c) {
    var value = 0, scale = 1, byte;
    do {
      byte = c.b[c.i++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  }

  function unzigzag(v) { return v % 2 === 0 ? v / 2 : -(v + 1) / 2; }

  function codePoints(text) { return Array.from(text, function (c) { return c.codePointAt(0); }); }

  /** File `k` of a list of names written one after another (ContentName.names in Swift). */
  var NAME = 11;
  function nameAt(names, k) { return names.slice(k * NAME, (k + 1) * NAME); }

  /** The payload of the entry `key` (a string) in a shard, as a cursor with its end; null if absent. */
  function lookup(bytes, key) {
    var wanted = codePoints(key), c = { b: bytes, i: 0 };
    while (c.i < bytes.length) {
      var n = varint(c), same = n === wanted.length;
      for (var k = 0; k < n; k++) if (varint(c) !== wanted[k]) same = false;
      var length = varint(c), start = c.i;
      c.i += length;
      if (same) return { b: bytes, i: start, end: start + length };
    }
    return null;
  }

  /** The shard holding `key`: the last whose first key is not after it (strings compare as in Swift's BigramCode). */
  function shardOf(firstKeys, key) {
    var lo = 0, hi = firstKeys.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firstKeys[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** Documents of a postings entry: numbers ascending, and those holding the bigram in their title. */
  function readPostings(entry) {
    var numbers = [], titled = new Set(), doc = -1;
    while (entry && entry.i < entry.end) {
      var v = varint(entry);
      doc += Math.floor(v / 2) + 1;
      numbers.push(doc);
      if (v % 2) titled.add(doc);
    }
    return { numbers: numbers, titled: titled };
  }

  /** Positions of a positions entry: document number → ascending positions (negative: in the title). */
  function readPositions(entry) {
    var byDoc = new Map(), doc = -1;
    while (entry && entry.i < entry.end) {
      doc += varint(entry) + 1;
      var n = varint(entry), p = unzigzag(varint(entry)), list = [p];
      for (var k = 1; k < n; k++) { p += varint(entry) + 1; list.push(p); }
      byDoc.set(doc, list);
    }
    return byDoc;
  }

  /** Whether the ascending `list` holds `value` (binary search). */
  function holds(list, value) {
    var lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] === value) return true;
      if (list[mid] < value) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  /**
   * The search over the files `read(path, "json" | "bytes")` returns (paths relative to
   * search/). `find` gives what SearchIndex.search gives in Swift, listed as the page lists it:
   * matches in a title first, then in index order (newest achievements first).
   */
  function createSearch(read) {
    var manifest = null;
    function load() { return manifest || (manifest = read("index.json", "json")); }

    /** The entry of `gram` in its shard's file of the given kind ("postings" in d/, "positions" in p/). */
    function entry(m, gram, kind) {
      return read("g/" + nameAt(m.table_files, shardOf(m.tables, gram)) + ".json", "json").then(function (table) {
        var name = nameAt(table[kind], shardOf(table.shards, gram));
        return read((kind === "postings" ? "d/" : "p/") + name + ".bin", "bytes");
      }).then(function (bytes) { return lookup(bytes, gram); });
    }

    function twoCharacters(m, key) {
      return entry(m, key, "postings").then(readPostings);
    }

    function longer(m, cps) {
      var offsets = coveringOffsets(cps.length);
      return Promise.all(offsets.map(function (o) {
        return entry(m, cps[o] + cps[o + 1], "positions").then(readPositions);
      })).then(function (lists) {
        var numbers = [], titled = new Set();
        lists[0].forEach(function (starts, doc) {
          if (!lists.every(function (list) { return list.has(doc); })) return;
          var others = lists.map(function (list) { return list.get(doc); });
          // Positions ascend and the title's are negative: the first match tells whether one is in the title.
          var first = starts.find(function (p) {
            return offsets.every(function (o, k) { return holds(others[k], p + o); });
          });
          if (first === undefined) return;
          numbers.push(doc);
          if (first < 0) titled.add(doc);
        });
        return { numbers: numbers, titled: titled };
      });
    }

    /** Null when the query has fewer than two characters once normalised. */
    function find(query) {
      var key = searchKey(query), cps = Array.from(key);
      if (cps.length < 2) return Promise.resolve(null);
      return load().then(function (m) {
        return cps.length === 2 ? twoCharacters(m, key) : longer(m, cps);
      }).then(function (found) {
        var first = found.numbers.filter(function (n) { return found.titled.has(n); });
        var rest = found.numbers.filter(function (n) { return !found.titled.has(n); });
        return { numbers: found.numbers, ranked: first.concat(rest) };
      });
    }

    /** The documents (k kind, u link, t title, s line, y year, a award, c its badge, i 编号, x text) of the given numbers. */
    function documents(numbers) {
      return load().then(function (m) {
        return Promise.all(numbers.map(function (n) {
          var d = Math.floor(n / m.per_directory);
          return read("m/" + nameAt(m.directories, d) + ".json", "json").then(function (names) {
            return read("f/" + nameAt(names, n - d * m.per_directory) + ".json", "json");
          });
        }));
      });
    }

    return { find: find, documents: documents };
  }

  // ---- the similarity of `qcsite check` (TextNormalization.titleKey, Similarity.dice) ----

  function titleKey(text) {
    return normalizeWithMap(String(text)).text;
  }

  var segmenter = typeof Intl === "object" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "grapheme" }) : null;

  /** Characters as Swift counts them (grapheme clusters, compared after NFC). */
  function characters(key) {
    var text = key.normalize("NFC");
    if (segmenter) return Array.from(segmenter.segment(text), function (s) { return s.segment; });
    return Array.from(text);
  }

  /** Character bigrams; a one-character text is its own bigram (Similarity.bigrams). */
  function titleBigrams(key) {
    var chars = characters(key);
    if (chars.length <= 1) return chars.length ? [chars.join("")] : [];
    var result = [];
    for (var i = 0; i + 1 < chars.length; i++) result.push(chars[i] + chars[i + 1]);
    return result;
  }

  /** 2·|A∩B| / (|A|+|B|) over bigram multisets; 1 for equal texts (Similarity.dice). */
  function dice(a, b) {
    if (a.normalize("NFC") === b.normalize("NFC")) return a ? 1 : 0;
    var x = titleBigrams(a), y = titleBigrams(b);
    if (!x.length && !y.length) return 0;
    var counts = new Map();
    x.forEach(function (g) { counts.set(g, (counts.get(g) || 0) + 1); });
    var shared = 0;
    y.forEach(function (g) {
      var n = counts.get(g) || 0;
      if (n > 0) { counts.set(g, n - 1); shared += 1; }
    });
    return (2 * shared) / (x.length + y.length);
  }

  function similarity(a, b) { return dice(titleKey(a), titleKey(b)); }

  /**
   * The proposed-title check over titles.json and its shards (TitleCheck in Swift). `compare`
   * gives every compared title sharing a bigram with the proposal, by similarity (highest
   * first, then newest year and 编号: the search's index order), with the score `dice` gives
   * and its rank; titles sharing none score 0 and are left out.
   */
  function createTitleCheck(read, search) {
    var manifest = null;
    function load() { return manifest || (manifest = read("titles.json", "json")); }

    function compare(proposed) {
      var grams = titleBigrams(titleKey(proposed)), counts = new Map();
      grams.forEach(function (g) { counts.set(g, (counts.get(g) || 0) + 1); });
      return load().then(function (m) {
        var distinct = Array.from(counts.keys());
        return Promise.all(distinct.map(function (g) {
          return read("t/" + nameAt(m.files, shardOf(m.shards, g)) + ".bin", "bytes").then(function (bytes) {
            return lookup(bytes, g);
          });
        })).then(function (entries) {
          var shared = new Map(), totals = new Map();
          entries.forEach(function (entry, k) {
            var wanted = counts.get(distinct[k]), doc = -1;
            while (entry && entry.i < entry.end) {
              doc += varint(entry) + 1;
              var times = varint(entry);
              totals.set(doc, varint(entry));
              shared.set(doc, (shared.get(doc) || 0) + Math.min(wanted, times));
            }
          });
          var ranked = Array.from(shared.keys()).map(function (n) {
            return { number: n, score: (2 * shared.get(n)) / (grams.length + totals.get(n)) };
          }).sort(function (a, b) { return b.score - a.score || a.number - b.number; });
          ranked.forEach(function (r, i) { r.rank = i; });
          return ranked;
        });
      });
    }

    /**
     * What the page shows: titles flagged (normalised equal, or at the threshold) and the ten
     * most similar, each with its search document.
     */
    function check(proposed) {
      var key = titleKey(proposed).normalize("NFC");
      return Promise.all([load(), compare(proposed)]).then(function (both) {
        var m = both[0], ranked = both[1];
        // A score of 1 may be an equal title, flagged whatever the threshold: its text decides.
        var wanted = ranked.filter(function (r) { return r.rank < 10 || r.score >= m.threshold || r.score === 1; });
        return search.documents(wanted.map(function (r) { return r.number; })).then(function (docs) {
          var shown = [];
          wanted.forEach(function (r, k) {
            var same = titleKey(docs[k].t).normalize("NFC") === key;
            var flagged = same || r.score >= m.threshold;
            if (flagged || r.rank < 10) shown.push({ number: r.number, score: r.score, same: same, flagged: flagged, doc: docs[k] });
          });
          return { manifest: m, best: ranked.length ? ranked[0].score : 0, shown: shown };
        });
      });
    }

    return { compare: compare, check: check, load: load };
  }

  // ---- the page ----

  function el(doc, name, className, text) {
    var node = doc.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** `text` into `parent` with every match of `key` in <mark>. */
  function highlighted(doc, parent, text, key, from, to) {
    from = from || 0;
    to = to === undefined ? text.length : to;
    var last = from;
    matches(text, key).forEach(function (r) {
      if (r[0] < from || r[1] > to) return;
      if (r[0] > last) parent.appendChild(doc.createTextNode(text.slice(last, r[0])));
      parent.appendChild(el(doc, "mark", "", text.slice(r[0], r[1])));
      last = r[1];
    });
    if (last < to) parent.appendChild(doc.createTextNode(text.slice(last, to)));
    return parent;
  }

  /** A window of the text around its first match of `key`. */
  function excerpt(text, key, radius) {
    var first = matches(text, key)[0];
    if (!first) return null;
    var from = Math.max(0, first[0] - radius), to = Math.min(text.length, first[1] + radius);
    var lineStart = text.lastIndexOf("\n", first[0] - 1);
    if (lineStart >= from) from = lineStart + 1;
    var lineEnd = text.indexOf("\n", first[1]);
    if (lineEnd >= 0 && lineEnd < to) to = lineEnd;
    return { from: from, to: to, before: from > 0, after: to < text.length };
  }

  function resultItem(doc, d, key) {
    var item = el(doc, "li", "search-result");
    var heading = el(doc, "a", "search-result-title");
    heading.href = d.u;
    item.appendChild(highlighted(doc, heading, d.t, key));
    var meta = el(doc, "p", "search-result-meta");
    meta.appendChild(el(doc, "span", "search-kind", d.k));
    if (d.y) meta.appendChild(el(doc, "span", "search-year", d.y + "年"));
    if (d.i) highlighted(doc, meta.appendChild(el(doc, "span", "search-id")), d.i, key);
    if (d.a) highlighted(doc, meta.appendChild(el(doc, "span", "search-award badge " + (d.c || "award-other"))), d.a, key);
    if (d.s) highlighted(doc, meta.appendChild(el(doc, "span", "search-snippet")), d.s, key);
    item.appendChild(meta);
    var window = d.x ? excerpt(d.x, key, 36) : null;
    if (window) {
      var p = el(doc, "p", "search-excerpt");
      if (window.before) p.appendChild(doc.createTextNode("…"));
      highlighted(doc, p, d.x, key, window.from, window.to);
      if (window.after) p.appendChild(doc.createTextNode("…"));
      item.appendChild(p);
    }
    return item;
  }

  function titleCheckItem(doc, r) {
    var item = el(doc, "li", r.flagged ? "title-check-result flagged" : "title-check-result");
    var link = el(doc, "a", "", r.doc.t);
    link.href = r.doc.u;
    item.appendChild(link);
    var meta = el(doc, "p", "search-result-meta");
    meta.appendChild(el(doc, "span", "title-check-score", r.same ? "规范化后相同" : "相似度 " + Math.round(r.score * 100) + "%"));
    meta.appendChild(el(doc, "span", "search-year", r.doc.y + "年 " + r.doc.i));
    if (r.doc.s) meta.appendChild(el(doc, "span", "search-snippet", r.doc.s));
    item.appendChild(meta);
    return item;
  }

  /** Files under the manifest's folder, fetched once each. */
  function fetcher(base) {
    var cache = new Map();
    return function (path, type) {
      if (!cache.has(path)) {
        cache.set(path, fetch(new URL(path, base), { credentials: "same-origin" }).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return type === "bytes" ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : r.json();
        }));
      }
      return cache.get(path);
    };
  }

  function start(doc, win) {
    var script = doc.querySelector("script[data-index]");
    var form = doc.querySelector(".search-form");
    if (!script || !form) return;
    var read = fetcher(new URL(script.getAttribute("data-index"), win.location.href));
    var engine = createSearch(read), titles = createTitleCheck(read, engine);
    var input = doc.getElementById("search-q"), status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results"), more = doc.getElementById("search-more");
    var titleForm = doc.querySelector(".title-check-form"), titleInput = doc.getElementById("title-check-input");
    var titleStatus = doc.getElementById("title-check-status"), titleList = doc.getElementById("title-check-results");
    var searchRun = 0, checkRun = 0;

    function failed(target, what) {
      return function () { target.textContent = what + "载入失败，请检查网络后刷新页面重试。"; };
    }

    function search(query) {
      var run = ++searchRun, key = searchKey(query);
      query = query.trim();
      list.textContent = "";
      more.hidden = true;
      if (!query) { status.textContent = ""; return; }
      status.textContent = "正在搜索…";
      engine.find(query).then(function (found) {
        if (run !== searchRun) return;
        if (found === null) {
          status.textContent = "请至少输入两个字：单个字出现得太广，例如输入“光缆”而不是“光”。";
        } else if (!found.ranked.length) {
          status.textContent = "没有找到包含“" + query + "”的成果、通知或单位。可以换一个词再试。";
        } else {
          showPage(run, query, key, found.ranked, 0);
        }
      }).catch(failed(status, "搜索索引"));
    }

    function showPage(run, query, key, ranked, from) {
      var numbers = ranked.slice(from, from + PAGE);
      more.hidden = true;
      engine.documents(numbers).then(function (docs) {
        if (run !== searchRun) return;
        var firstNew = null;
        docs.forEach(function (d) {
          var item = list.appendChild(resultItem(doc, d, key));
          firstNew = firstNew || item;
        });
        var shown = from + docs.length;
        status.textContent = "“" + query + "”共找到 " + ranked.length + " 条结果" + (ranked.length > shown ? "，显示前 " + shown + " 条" : "") + "。";
        more.hidden = shown >= ranked.length;
        more.onclick = function () { showPage(run, query, key, ranked, shown); };
        if (from > 0 && firstNew) firstNew.querySelector("a").focus();
      }).catch(failed(status, "搜索结果"));
    }

    function check(title) {
      var run = ++checkRun;
      titleList.textContent = "";
      if (!titleKey(title)) { titleStatus.textContent = "请输入拟申报的课题名称。"; return; }
      titleStatus.textContent = "正在比对…";
      titles.check(title).then(function (result) {
        if (run !== checkRun) return;
        var m = result.manifest, percent = Math.round(m.threshold * 100) + "%";
        if (!m.titles) { titleStatus.textContent = m.scope; return; }
        var flagged = result.shown.filter(function (r) { return r.flagged; }).length;
        titleStatus.textContent = flagged
          ? "有 " + flagged + " 项已公开课题与拟申报课题相同或相似度达到 " + percent + "，请确认不是上年度已申报过的成果。"
          : "未发现相似度达到 " + percent + " 的已公开课题（最高 " + Math.round(result.best * 100) + "%）。";
        result.shown.forEach(function (r) { titleList.appendChild(titleCheckItem(doc, r)); });
      }).catch(failed(titleStatus, "课题数据"));
    }

    /** Both the query and the proposed title live in the address, so either can be shared. */
    function remember(name, value, hash) {
      var url = new URL(win.location.href);
      if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
      url.hash = hash;
      win.history.pushState(null, "", url.toString());
    }

    function fromAddress() {
      var params = new URLSearchParams(win.location.search);
      input.value = params.get("q") || "";
      titleInput.value = params.get("title") || "";
      search(input.value);
      if (titleInput.value) {
        check(titleInput.value);
      } else {
        checkRun++;
        titleList.textContent = titleStatus.textContent = "";
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      remember("q", input.value.trim(), "");
      search(input.value);
    });
    titleForm.addEventListener("submit", function (event) {
      event.preventDefault();
      remember("title", titleInput.value.trim(), "#title-check");
      check(titleInput.value);
    });
    win.addEventListener("popstate", fromAddress);
    fromAddress();
  }

  return {
    searchKey: searchKey, searchBigrams: searchBigrams, coveringOffsets: coveringOffsets, matches: matches,
    createSearch: createSearch, createTitleCheck: createTitleCheck,
    titleKey: titleKey, titleBigrams: titleBigrams, dice: dice, similarity: similarity, start: start,
  };
});
