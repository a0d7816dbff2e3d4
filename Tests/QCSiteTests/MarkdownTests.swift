import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

/// Markdown as notices, pages and write-ups use it: Chinese line breaks, pipe tables, telephone
/// numbers, and raw HTML that never runs script.
@Suite("Markdown")
struct MarkdownTests {
    @Test("A line break between two Chinese characters joins them; between English words it stays a space")
    func softBreaks() {
        #expect(Markdown.html("联合主办，\n每年举办一届。") == "<p>联合主办，每年举办一届。</p>\n")
        #expect(Markdown.html("quality\ncircle") == "<p>quality\ncircle</p>\n")
        #expect(Markdown.html("依据标准\nT/CAQ 10201") == "<p>依据标准\nT/CAQ 10201</p>\n", "Chinese next to Latin keeps its space")
        #expect(Markdown.html("**重点**\n内容") == "<p><strong>重点</strong>内容</p>\n", "looks into emphasis")
        #expect(Markdown.html("见[通知](/n/)\n全文") == "<p>见<a href=\"/n/\">通知</a>全文</p>\n")
        #expect(Markdown.plainText("联合主办，\n每年举办一届。\n\nQC\ngroup") == "联合主办，每年举办一届。\nQC group")
    }

    @Test("Pipe tables are tables with escaped cells in a scroll box; alignment is a style, not the obsolete align")
    func tables() {
        let html = Markdown.html("| 指标 | 活动后 |\n| --- | :-: |\n| <b>时长</b> | *15*分钟 |\n")
        #expect(html.hasPrefix("<div class=\"table-scroll\">\n<table>\n<thead>\n<tr>\n<th>指标</th>\n<th style=\"text-align: center\">活动后</th>"))
        #expect(html.contains("<td><!-- raw HTML omitted -->时长<!-- raw HTML omitted --></td>"))
        #expect(html.contains("<td style=\"text-align: center\"><em>15</em>分钟</td>"))
        #expect(html.hasSuffix("</table>\n</div>\n"))
        #expect(!html.contains("align=\""))
        #expect(Markdown.html("| a | b |\n| c | d |\n") == "<p>| a | b |\n| c | d |</p>\n", "no delimiter row, no table")
        #expect(Markdown.plainText("| 指标 | 活动后 |\n| --- | --- |\n| 时长 | 15分钟 |\n") == "指标 活动后 \n时长 15分钟")
    }

    @Test("Telephone numbers become tel: links; ids, dates and numbers inside links do not")
    func phones() {
        #expect(Markdown.html("联系电话：0351-0000000。") == "<p>联系电话：<a href=\"tel:03510000000\">0351-0000000</a>。</p>\n")
        #expect(Markdown.html("手机13912345678或400-123-4567") ==
            "<p>手机<a href=\"tel:13912345678\">13912345678</a>或<a href=\"tel:4001234567\">400-123-4567</a></p>\n")
        #expect(!Markdown.html("编号2024-039，2024-08-15，订单0351-000000012，A0351-0000000").contains("tel:"))
        #expect(Markdown.html("[0351-0000000](tel:+8603510000000)") == "<p><a href=\"tel:+8603510000000\">0351-0000000</a></p>\n")
        // The texts the pattern is not run on hold no number it would take.
        var random = SeededRandom(seed: 5)
        let pieces = ["0", "1", "3", "4", "9", "00", "400", "0351", "139", "1234567", "-", "--", "甲", "，", "a", " ", "０", "\u{2010}"]
        var found = 0
        for _ in 0..<20_000 {
            let text = (0..<(1 + Int.random(in: 0..<14, using: &random))).map { _ in pieces.randomElement(using: &random)! }.joined()
            let matches = PhoneLinks.pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
            found += matches.count
            #expect(PhoneLinks.mayHoldNumber(text) || matches.isEmpty, "\(text)")
        }
        #expect(found > 100, "\(found)")
    }

    @Test("A page's HTML and text from one parse equal those of two separate conversions", arguments: [
        "## 小组简介\n\n联合主办，\n每年举办一届。联系电话：0351-0000000。",
        "| 指标 | 活动后 |\n| --- | :-: |\n| <b>时长</b> | *15*分钟 |\n\n- 指标提升\n- 经验推广\n",
        "<!-- 只有标记 -->\n\n<div></div>\n",
        "[x](javascript:alert(1)) 手机13912345678或400-123-4567，见[通知](/n/)\n全文",
        "",
    ])
    func convertOnce(markdown: String) {
        for rawHTML in [false, true] {
            let converted = Markdown.convert(markdown, rawHTML: rawHTML)
            #expect(converted.html == Markdown.html(markdown, rawHTML: rawHTML))
            #expect(converted.text == Markdown.plainText(markdown))
        }
        #expect(Markdown.excerpt(ofText: "第一行\n第二行", length: 3) == "第一行…")
        #expect(Markdown.excerpt(ofText: "第一行\n第二行", length: 7) == "第一行 第二行")
        // As Foundation's replace made it (CR LF included); a line break followed by a combining
        // mark, which it left alone, now becomes a space too.
        #expect(Markdown.excerpt(ofText: "甲\n\u{301}乙", length: 9) == "甲 \u{301}乙")
        var random = SeededRandom(seed: 3)
        let pieces = ["甲", "\n", "\r\n", "\r", "e\u{301}", "😀", " "]
        for _ in 0..<500 {
            let text = (0..<8).map { _ in pieces.randomElement(using: &random)! }.joined()
            let line = text.replacingOccurrences(of: "\n", with: " ")
            let expected = line.count > 5 ? String(line.prefix(5)) + "…" : line
            #expect(Markdown.excerpt(ofText: text, length: 5) == expected, "\(text.debugDescription)")
        }
        // Texts far longer than the excerpt (cut from a prefix of the text), with characters of
        // many scalars at and past the cut: the same as the line made of the whole text.
        let whole = { (text: String, length: Int) -> String in
            let line = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
            return line.count > length ? String(line.prefix(length)) + "…" : line
        }
        let long = pieces + ["🇨🇳", "🇨", "👨\u{200d}👩\u{200d}👧", "a" + String(repeating: "\u{301}", count: 40), "\u{301}",
                             "，", "。", "a", "é", "\u{302A}", "\u{3000}", "\u{AD}", "\u{2028}", "\u{FF9E}", "\u{1100}\u{1161}"]
        // Texts of characters that stand alone (cut by counting scalars), with one that joins
        // its neighbour at each place around the cut.
        for length in [1, 5, 12] {
            for place in 0..<(length + 3) {
                for joining in ["\u{301}", "\u{200d}", "\r", "\u{302A}", "\u{FE0F}"] {
                    var scalars = Array(String(repeating: "甲a，\n", count: 10).unicodeScalars)
                    scalars.insert(contentsOf: joining.unicodeScalars, at: place)
                    let text = String(String.UnicodeScalarView(scalars))
                    #expect(Markdown.excerpt(ofText: text, length: length) == whole(text, length), "\(length) \(text.debugDescription)")
                }
            }
        }
        for round in 0..<400 {
            let text = (0..<(20 + round % 90)).map { _ in long.randomElement(using: &random)! }.joined()
            for length in [1, 5, 12, 30] {
                #expect(Markdown.excerpt(ofText: text, length: length) == whole(text, length), "\(length) \(text.debugDescription)")
            }
        }
    }

    @Test("Without raw HTML, tags become comments and script links lose their address")
    func safeMode() {
        let html = Markdown.html("<iframe src=\"https://evil.example/\"></iframe>\n\n[x](javascript:alert(1)) ![i](data:image/png;base64,AA)")
        #expect(!html.contains("<iframe") && !html.contains("javascript:") && !html.contains("data:"))
        #expect(html.contains("<a href=\"\">x</a>"))
    }

    @Test("With raw HTML, layout tags stay and nothing that runs script does", arguments: [
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&#115;cript&colon;alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" \tjava\nscript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=vbscript:msgbox(1)>x</a>", "<a>x</a>"),
        ("<a href='data:text/html,<script>alert(1)</script>'>x</a>", "<a>x</a>"),
        ("<img src=x onerror=alert(1)>", "<img src=x>"),
        ("<svg><a xlink:href=\"javascript:alert(1)\"><text>t</text></a></svg>", "<svg><a><text>t</text></a></svg>"),
        ("<svg><animate attributeName=href values=\"javascript:alert(1)\"/></svg>", "<svg><animate attributeName=href/></svg>"),
        ("<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>b</button></form>", "<form><button>b</button></form>"),
        ("<b>粗体</b> <a href=\"https://qc.example.org/\" title=\"首页\">站点</a>", "<b>粗体</b> <a href=\"https://qc.example.org/\" title=\"首页\">站点</a>"),
    ])
    func rawFiltered(input: String, expected: String) {
        let html = Markdown.html(input, rawHTML: true)
        #expect(html.contains(expected), "\(html)")
        #expect(!html.lowercased().contains("javascript") && !html.contains("onerror") && !html.contains("vbscript") && !html.contains("data:text"))
    }

    @Test("With raw HTML, the filter reads comments and text elements as a browser does", arguments: [
        // Inside a text element a browser sees no attribute; the element itself is written as text.
        ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
         "&lt;noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">&lt;/noscript>"),
        // The comment ends at the first `-->`, so the image after it is a tag to filter.
        ("<!-- <a title=\"--> <img src=x onerror=alert(1)>\">", "<!-- <a title=\"--> <img src=x>\">"),
        ("<!--> <img src=x onerror=alert(1)>", "<!--> <img src=x>"),
        // CDATA means text or a section depending on where it stands: written as text.
        ("<![CDATA[ > <a title=\"]]><img src=x onerror=alert(1)>\">", "&lt;![CDATA[ > <a title=\"]]><img src=x onerror=alert(1)>\">"),
    ])
    func rawParsedAsBrowsers(input: String, expected: String) {
        #expect(RawHTMLFilter.filter(input) == expected)
    }

    @Test("With raw HTML, Markdown links with a refused scheme lose it too, and a tag left open cannot swallow what follows")
    func rawLinksAndOpenTags() {
        #expect(Markdown.html("[x](javascript:alert(1)) [y](<vbscript:x>) ![z](data:image/svg+xml,<svg/onload=alert(1)>)", rawHTML: true)
            .components(separatedBy: "=\"\"").count == 4)
        // A tag left open at the end of its block would take the next paragraph as attributes.
        let html = Markdown.html("<div title='\n\nx' onmouseover=alert(1) y='", rawHTML: true)
        #expect(html.hasPrefix("&lt;div title='"), "\(html)")
        #expect(Markdown.html("<script>alert(1)</script>", rawHTML: true).hasPrefix("&lt;script>"), "tagfilter")
    }
}
