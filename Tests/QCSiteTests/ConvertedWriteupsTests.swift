import Foundation
import Testing
@testable import Disclosure
@testable import Parallelism
@testable import Publishing

@Suite("Write-ups converted once for their page and their search document")
struct ConvertedWriteupsTests {
    static let samples = [
        "## 小组简介\n\n雄鹰QC小组成立于2013年，\n隶属综合部。\n",
        "| 项目 | 目标 |\n|---|---|\n| 告警 | 降低 |\n\n联系 0351-1234567，[链接](javascript:alert(1))。\n",
        "   \n\n",
        "<div>原始 HTML</div>\n\n- 一\n- 二\n",
    ]

    @Test("Whichever side asks first, each gets what converting alone gives, and nothing is left once both took theirs")
    func eitherOrder() throws {
        for markdown in Self.samples {
            let writeup = PublicWriteup(markdown: markdown)
            let alone = Markdown.convert(markdown, rawHTML: false)
            #expect(alone.text == Markdown.plainText(markdown))
            for pageFirst in [true, false] {
                let converted = ConvertedWriteups()
                var page: (html: String, text: String)
                var text: String
                if pageFirst {
                    page = try converted.forPage(writeup)
                    text = try converted.forSearch(writeup)
                } else {
                    text = try converted.forSearch(writeup)
                    page = try converted.forPage(writeup)
                }
                #expect(page.html == alone.html && page.text == alone.text, "\(markdown.debugDescription)")
                #expect(text == alone.text, "\(markdown.debugDescription)")
                #expect(converted.waiting == 0 && converted.conversions == 1)
            }
            // Not shared (a rebuild): each side does what it needs, and leaves nothing.
            let unshared = ConvertedWriteups(shared: false)
            #expect(try unshared.forSearch(writeup) == alone.text)
            #expect(try unshared.forPage(writeup).html == alone.html)
            #expect(unshared.waiting == 0)
            // One side alone leaves the write-up for the other.
            let converted = ConvertedWriteups()
            _ = try converted.forSearch(writeup)
            #expect(converted.waiting == 1)
            #expect(try converted.forPage(writeup).html == alone.html)
            #expect(converted.waiting == 0)
        }
    }

    @Test("The two sides on their own threads, in opposite orders: the same results, nothing left")
    func concurrent() throws {
        let writeups = (0..<400).map { PublicWriteup(markdown: "第\($0)段。\n\n" + Self.samples[$0 % Self.samples.count]) }
        for round in 0..<5 {
            let converted = ConvertedWriteups()
            let pages = Background { try? writeups.map { try converted.forPage($0).html } }
            let texts = try writeups.reversed().map { try converted.forSearch($0) }.reversed()
            let html = try #require(pages.value)
            for (index, writeup) in writeups.enumerated() {
                let alone = Markdown.convert(try writeup.markdown(), rawHTML: false)
                #expect(html[index] == alone.html && Array(texts)[index] == alone.text, "round \(round), \(index)")
            }
            #expect(converted.waiting == 0, "round \(round)")
            // Converted once each, but where both sides came to one at the same moment.
            #expect(converted.conversions >= writeups.count && converted.conversions <= writeups.count + 8, "\(converted.conversions)")
        }
    }
}
