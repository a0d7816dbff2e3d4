/* qcsite search and proposed-title check. No third-party code, no network besides the
   site's own search/index.json and search/titles.json.
   The normalisation and similarity mirror the Swift code (TextNormalization.titleKey,
   Similarity, SearchText); Tests/QCSiteTests run this file under node to keep them equal. */
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

  /**
   * Document numbers matching `query`, in index order (SearchIndex.search in Swift);
   * null when the query has fewer than two characters once normalised.
   */
  function find(index, query) {
    var key = searchKey(query);
    if (Array.from(key).length < 2) return null;
    var grams = Array.from(new Set(searchBigrams(key)));
    var candidates = null;
    for (var g = 0; g < grams.length; g++) {
      var list = index.postings[grams[g]] || [];
      if (candidates === null) {
        candidates = list.slice();
      } else {
        var set = new Set(list);
        candidates = candidates.filter(function (n) { return set.has(n); });
      }
      if (candidates.length === 0) return [];
    }
    return (candidates || []).filter(function (n) {
      return fields(index.docs[n]).some(function (f) { return searchKey(f).indexOf(key) >= 0; });
    });
  }

  function fields(doc) { return [doc.t || "", doc.s || "", doc.x || ""]; }

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

  /** Compared titles by similarity to `proposed`, highest first, flagged at the threshold. */
  function compareTitles(data, proposed) {
    var key = titleKey(proposed);
    return data.titles.map(function (t) {
      var other = titleKey(t.t), score = dice(key, other);
      var same = key.normalize("NFC") === other.normalize("NFC");
      return { title: t, score: score, same: same, flagged: same || score >= data.threshold };
    }).sort(function (a, b) {
      return b.score - a.score || b.title.y - a.title.y || (a.title.id < b.title.id ? -1 : a.title.id > b.title.id ? 1 : 0);
    });
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

  function renderResults(doc, index, query, numbers, list, status) {
    var key = searchKey(query);
    list.textContent = "";
    if (numbers === null) {
      status.textContent = "请至少输入两个字：单个字出现得太广，例如输入“光缆”而不是“光”。";
      return;
    }
    if (!numbers.length) {
      status.textContent = "没有找到包含“" + query + "”的成果、通知或单位。可以换一个词再试。";
      return;
    }
    // Matches in a title first; otherwise the index order (newest achievements first).
    var ranked = numbers.map(function (n) { return { n: n, title: searchKey(index.docs[n].t).indexOf(key) >= 0 }; })
      .sort(function (a, b) { return (b.title - a.title) || (a.n - b.n); });
    var shown = ranked.slice(0, 100);
    status.textContent = "“" + query + "”共找到 " + numbers.length + " 条结果" + (numbers.length > shown.length ? "，显示前 " + shown.length + " 条" : "") + "。";
    shown.forEach(function (r) {
      var d = index.docs[r.n];
      var item = el(doc, "li", "search-result");
      var heading = el(doc, "a", "search-result-title");
      heading.href = d.u;
      item.appendChild(highlighted(doc, heading, d.t, key));
      var meta = el(doc, "p", "search-result-meta");
      meta.appendChild(el(doc, "span", "search-kind", d.k));
      if (d.y) meta.appendChild(el(doc, "span", "search-year", d.y + "年"));
      if (d.a) meta.appendChild(el(doc, "span", "search-award", d.a));
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
      list.appendChild(item);
    });
  }

  function renderTitleCheck(doc, data, proposed, list, status) {
    list.textContent = "";
    if (!titleKey(proposed)) { status.textContent = "请输入拟申报的课题名称。"; return; }
    if (!data.titles.length) { status.textContent = data.scope; return; }
    var ranked = compareTitles(data, proposed);
    var flagged = ranked.filter(function (r) { return r.flagged; });
    var percent = Math.round(data.threshold * 100) + "%";
    status.textContent = flagged.length
      ? "有 " + flagged.length + " 项已公开课题与拟申报课题相同或相似度达到 " + percent + "，请确认不是上年度已申报过的成果。"
      : "未发现相似度达到 " + percent + " 的已公开课题（最高 " + Math.round(ranked[0].score * 100) + "%）。";
    ranked.filter(function (r, i) { return r.flagged || (i < 10 && r.score > 0); }).forEach(function (r) {
      var item = el(doc, "li", r.flagged ? "title-check-result flagged" : "title-check-result");
      var link = el(doc, "a", "", r.title.t);
      link.href = r.title.u;
      item.appendChild(link);
      var meta = el(doc, "p", "search-result-meta");
      meta.appendChild(el(doc, "span", "title-check-score", r.same ? "规范化后相同" : "相似度 " + Math.round(r.score * 100) + "%"));
      meta.appendChild(el(doc, "span", "search-year", r.title.y + "年 " + r.title.id));
      meta.appendChild(el(doc, "span", "search-snippet", r.title.e));
      item.appendChild(meta);
      list.appendChild(item);
    });
  }

  function loader(url) {
    var promise = null;
    return function () {
      if (!promise) promise = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      return promise;
    };
  }

  function start(doc, win) {
    var script = doc.querySelector("script[data-index]");
    var form = doc.querySelector(".search-form");
    if (!script || !form) return;
    var loadIndex = loader(script.getAttribute("data-index"));
    var loadTitles = loader(script.getAttribute("data-titles"));
    var input = doc.getElementById("search-q"), status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results");
    var titleForm = doc.querySelector(".title-check-form"), titleInput = doc.getElementById("title-check-input");
    var titleStatus = doc.getElementById("title-check-status"), titleList = doc.getElementById("title-check-results");

    function search(query) {
      query = query.trim();
      if (!query) { list.textContent = ""; status.textContent = ""; return; }
      status.textContent = "正在搜索…";
      loadIndex().then(function (index) {
        renderResults(doc, index, query, find(index, query), list, status);
      }, function () {
        status.textContent = "搜索索引载入失败，请检查网络后刷新页面重试。";
      });
    }

    function check(title) {
      titleStatus.textContent = "正在比对…";
      loadTitles().then(function (data) {
        renderTitleCheck(doc, data, title, titleList, titleStatus);
      }, function () {
        titleStatus.textContent = "课题数据载入失败，请检查网络后刷新页面重试。";
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(win.location.href);
      url.search = "";
      url.hash = "";
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      win.history.pushState(null, "", url.toString());
      search(input.value);
    });
    titleForm.addEventListener("submit", function (event) {
      event.preventDefault();
      check(titleInput.value);
    });
    win.addEventListener("popstate", function () {
      input.value = new URLSearchParams(win.location.search).get("q") || "";
      search(input.value);
    });

    var params = new URLSearchParams(win.location.search);
    if (params.get("q")) { input.value = params.get("q"); search(input.value); }
    if (params.get("title")) { titleInput.value = params.get("title"); check(titleInput.value); }
  }

  return {
    searchKey: searchKey, searchBigrams: searchBigrams, find: find, matches: matches,
    titleKey: titleKey, titleBigrams: titleBigrams, dice: dice, similarity: similarity,
    compareTitles: compareTitles, start: start,
  };
});
