import Foundation
import Testing
@testable import QCSite

/// The public site read as an official notice board: what each page tells a visitor, in the
/// words of the year's rules, and the pieces every page shares.
@Suite("Notice board")
struct NoticeBoardTests {
    static func build(_ files: [String: String]) throws -> [String: String] {
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        return PublicSiteTests.text(try PublicSiteTests.build(fixture).1)
    }

    @Test("An achievement without a write-up, or with one that holds no text, says so instead of an empty box")
    func missingWriteup() throws {
        var site = PublicSiteTests.site(writeup: "---\ntitle: 降低基站退服时长\n---\n\n   \n")
        site["content/years/2024/writeups/2024-002.md"] = "## 小组简介\n\n先锋QC小组成立于2019年。\n"
        let files = try Self.build(site)
        for id in ["2024-001", "2024-003"] {
            let page = try #require(files["2024/\(id)/index.html"])
            #expect(page.contains("本成果暂无公开的成果简介。"), "\(id)")
            #expect(!page.contains("class=\"prose writeup\""), "\(id)")
        }
        let written = try #require(files["2024/2024-002/index.html"])
        #expect(written.contains("先锋QC小组成立于2019年。") && !written.contains("本成果暂无公开的成果简介"))
    }
}
