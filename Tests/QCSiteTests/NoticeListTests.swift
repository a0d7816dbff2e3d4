import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import SiteBuild

/// Notices carry the archive's lists instead of typed copies, and the list pages cite the
/// notice that announced them.
@Suite("Notice lists", .serialized)
struct NoticeListTests {
    /// StageGuardTests' year at the results: on-site scores rank 2024-002 above 2024-001, both
    /// 二等奖; 2024-001's title holds Markdown that must stay text.
    static func site() -> [String: String] {
        var files = StageGuardTests.site(published: "results")
        files["content/site.yaml"] = "title: 示例竞赛\nbase_url: https://qc.example.org/qc/\norganisers: [示例协会]\n"
        files["content/years/2024/registrations.csv"] = files["content/years/2024/registrations.csv"]!
            .replacingOccurrences(of: "降低基站退服时长", with: "降低*基站*退服时长")
        files["content/years/2024/scores/material.csv"] = StageGuardTests.material
        files["content/years/2024/scores/onsite.csv"] = StageGuardTests.onsite
        return files
    }

    static func notice(stage: String, body: String) -> String {
        "---\ntitle: 关于公布名单的通知\ndate: 2024-09-27\nyear: 2024\nstage: \(stage)\ndoc_number: 示例〔2024〕18号\n---\n\n各有关单位：\n\n\(body)\n\n示例协会\n\n2024年9月27日\n"
    }

    @Test("{{获奖名单}} becomes the prizes in 编号 order, 排名不分先后, whatever the scores' order; the pages link both ways")
    func results() throws {
        var files = Self.site()
        files["content/notices/2024-09-27-results.md"] = Self.notice(stage: "results", body: "{{获奖名单}}")
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let page = try #require(fixture.read("public/notices/2024-09-27-results/index.html"))
        #expect(page.contains("<p>各奖项内按报名编号排列，排名不分先后。</p>"))
        #expect(page.contains("""
            <h2>二等奖（2 项）</h2>
            <ol>
            <li>2024-001　示例甲通信有限公司　蓝海QC小组　《降低*基站*退服时长》（问题解决型）</li>
            <li>2024-002　示例乙网络有限公司（北区）　先锋QC小组　《研发一种光缆快速定位装置》（创新型）</li>
            </ol>
            """), "\(page)")
        #expect(!page.contains("{{"))
        #expect(page.contains("<p class=\"doc-number\">示例〔2024〕18号</p>"))
        #expect(page.contains("<a class=\"button\" href=\"/qc/2024/results/\">查看2024年评选结果</a>"))

        let results = try #require(fixture.read("public/2024/results/index.html"))
        #expect(results.contains("公布通知：<a href=\"/qc/notices/2024-09-27-results/\">关于公布名单的通知</a>（<span class=\"doc-ref\">示例〔2024〕18号</span>）<span class=\"issuers\">示例协会</span><time datetime=\"2024-09-27\">2024年9月27日</time>"), "\(results)")
        #expect(fixture.read("public/2024/shortlist/index.html")?.contains("公布通知") == false, "no notice announced the shortlist")
    }

    @Test("{{入围名单 2024}} in a notice of no year becomes the shortlist in 编号 order")
    func shortlistOfNamedYear() throws {
        var files = Self.site()
        files["content/notices/a.md"] = "---\ntitle: 通知\ndate: 2024-09-27\n---\n{{入围名单 2024}}\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let page = try #require(fixture.read("public/notices/a/index.html"))
        #expect(page.contains("<p>共 3 项成果（按报名编号排列，排名不分先后）：</p>\n<ol>\n<li>2024-001　"), "\(page)")
        let order = ["2024-001", "2024-002", "2024-003"].compactMap { page.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
    }

    @Test("A placeholder naming no list, a year not archived, or a list not yet public stops the build at its line")
    func badPlaceholders() throws {
        var files = Self.site()
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "shortlist")
        files["content/notices/a.md"] = Self.notice(stage: "shortlist", body: "{{入围名单 2019}}\n\n{{优秀名单}}\n\n{{获奖名单}}")
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[0].hasSuffix("content/notices/a.md:11: 「{{入围名单 2019}}」：存档中没有 2019 年度（已有：2024）"), "\(lines[0])")
        #expect(lines[1].contains("content/notices/a.md:13: 「{{优秀名单}}」：无法识别的名单"), "\(lines[1])")
        #expect(lines[2].contains("content/notices/a.md:15: 「{{获奖名单}}」：2024年的获奖名单尚未公布"), "\(lines[2])")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("public").path))
    }

    @Test("qcsite notice drafts the notice in the association's format, never over an existing file; it builds as drafted")
    func draft() throws {
        try #require(QCSiteBinary.isBuilt)
        var files = Self.site()
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "shortlist")
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        #expect(try QCSiteBinary.run(["import"], in: fixture.root).status == 0)

        let run = try QCSiteBinary.run(["notice", "2024", "入围名单"], in: fixture.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("已起草 content/notices/2024-09-06-shortlist.md"), "\(run.stderr)")
        let text = try #require(fixture.read("content/notices/2024-09-06-shortlist.md"))
        #expect(text.hasPrefix("---\ntitle: 关于公布2024年示例QC小组成果竞赛现场发表入围名单的通知\ndate: 2024-09-06\nyear: 2024\nstage: shortlist"))
        #expect(text.contains("根据《关于开展2024年示例QC小组成果竞赛活动的通知》（示例〔2024〕1号）"))
        #expect(text.contains("\n\n{{入围名单}}\n\n") && text.hasSuffix("\n\n示例协会\n\n2024年9月6日\n"), "\(text)")

        let again = try QCSiteBinary.run(["notice", "2024", "shortlist"], in: fixture.root)
        #expect(again.status == 2 && again.stderr.contains("文件已存在，未覆盖"), "\(again.stderr)")
        #expect(fixture.read("content/notices/2024-09-06-shortlist.md") == text)
        #expect(try QCSiteBinary.run(["notice", "2024", "名单"], in: fixture.root).status == 2)
        #expect(try QCSiteBinary.run(["notice", "2019", "results"], in: fixture.root).status == 2)

        let build = try QCSiteBinary.run(["build"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        let page = try #require(fixture.read("public/notices/2024-09-06-shortlist/index.html"))
        #expect(page.contains("<li>2024-003　示例甲通信有限公司　攻坚QC小组　《提高基站巡检效率》（问题解决型）</li>"))
        #expect(page.contains("<p class=\"signature\"><span class=\"signatory\">示例协会</span>"), "the 落款 is set right")
        #expect(fixture.read("public/2024/shortlist/index.html")?.contains("href=\"/qc/notices/2024-09-06-shortlist/\"") == true)
    }
}
