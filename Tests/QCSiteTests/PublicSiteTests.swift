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

/// The public site as a visitor and an upload tool see it: what each stage shows, the
/// downloads, what never appears, links, and rebuilds.
@Suite("Public site")
struct PublicSiteTests {
    static let header = "编号,单位名称,小组名称,课题名称,课题类型,发表人,小组成员,报名日期,联系人,联系电话,电子邮箱,详细通信地址,邮编,材料,状态"

    /// Private values planted in the contact columns; none may reach any output file.
    static let privateValues = ["13912345678", "secret-contact@example.net", "示例路99号秘密地址", "030999", "王联系人",
                                "13800009999", "apply-secret@example.net"]

    static let titles = ["降低基站退服时长", "研发装置", "提高接通率", "非入围成果的标题"]
    static let groups = ["蓝海QC小组", "先锋QC小组", "攻坚QC小组", "落选QC小组"]

    /// A year of four entries: three shortlisted by material score (shortlist_size 3), two prizes
    /// recorded in awards.csv, one excellent enterprise; a hostile title, formula-like cells and
    /// contact columns full of private values.
    static func site(published: String = "results", extraSite: String = "", writeup: String? = nil) -> [String: String] {
        let rows = [
            "2024-001,示例甲通信,蓝海QC小组,降低基站退服时长,问题解决型,张伟、李娜,,2024-08-20,王联系人,13912345678,secret-contact@example.net,示例路99号秘密地址,030999,推荐表PDF、推荐表Word、成果报告、活动记录,",
            "2024-002,示例乙网络,先锋QC小组,\"=HYPERLINK(\"\"http://evil.example\"\")研发装置\",创新型,赵强、钱敏,,2024-08-21,王联系人,13912345678,secret-contact@example.net,示例路99号秘密地址,030999,推荐表PDF、推荐表Word、成果报告、活动记录,",
            "2024-003,示例甲通信,-攻坚QC小组,<script>alert(1)</script>提高接通率,问题解决型,孙立、周平,,2024-08-22,,,,,,推荐表PDF、推荐表Word、成果报告、活动记录,",
            "2024-004,示例乙网络,落选QC小组,非入围成果的标题,问题解决型,吴一、郑二,,2024-08-23,,,,,,推荐表PDF、推荐表Word、成果报告、活动记录,",
        ]
        var files: [String: String] = [
            "content/site.yaml": "title: 示例竞赛\nbase_url: https://qc.example.org/\n\(extraSite)",
            "content/enterprises.yaml": SiteFixture.enterprises,
            "content/years/2024/competition.yaml": SiteFixture.competition(2024, published: published, rules: "rules:\n  shortlist_size: 3\n"),
            "content/years/2024/registrations.csv": ([header] + rows).joined(separator: "\n") + "\n",
            "content/years/2024/judges.csv": "评委,单位名称\n甲,示例大学\n",
            "content/years/2024/scores/material.csv": "编号,评委,总分\n2024-001,甲,88.5\n2024-002,甲,80\n2024-003,甲,70\n2024-004,甲,60\n",
            "content/years/2024/awards.csv": "编号,奖项\n2024-001,一等奖\n2024-002,二等奖\n",
            "content/years/2024/excellent-enterprises.csv": "申报编号,单位名称,推荐单位,事迹简介,评选结果,联系人,联系电话,电子邮箱\n2024-E01,示例甲通信,示例通信集团有限公司,坚持质量第一。,优秀企业,王联系人,13800009999,apply-secret@example.net\n",
            "content/years/2024/publications.csv": "申报编号,题目,刊物或会议,级别,发表日期\n2024-E01,QC小组活动经验,《示例质量》,省级,2023-05\n",
            "content/notices/2024-08-15-start.md": "---\ntitle: 关于开展2024年竞赛的通知\ndate: 2024-08-15\nyear: 2024\n---\n请各单位按时报名。\n",
        ]
        if let writeup { files["content/years/2024/writeups/2024-001.md"] = writeup }
        return files
    }

    /// Builds a site and returns every output file by path.
    static func build(_ fixture: SiteFixture, baseURL: String? = nil) throws -> (BuildReport, [String: Data]) {
        let report = try SiteBuilder(paths: fixture.paths, baseURL: baseURL).build()
        return (report, outputFiles(fixture))
    }

    static func outputFiles(_ fixture: SiteFixture) -> [String: Data] {
        let root = fixture.url("public")
        var files: [String: Data] = [:]
        for path in OutputWriter.existingFiles(in: root) {
            files[path] = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
        }
        return files
    }

    static func text(_ files: [String: Data]) -> [String: String] {
        files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    static func filesContaining(_ needle: String, _ files: [String: String]) -> [String] {
        files.filter { $0.value.contains(needle) }.map(\.key).sorted()
    }

    @Test("Before the shortlist, no registration of the year appears in any output file", arguments: ["registration", "review"])
    func beforeShortlist(stage: String) throws {
        let fixture = try SiteFixture(Self.site(published: stage))
        defer { fixture.cleanUp() }
        let files = Self.text(try Self.build(fixture).1)
        #expect(files["2024/index.html"] != nil)
        for value in Self.titles + Self.groups + ["2024-00"] {
            #expect(Self.filesContaining(value, files).isEmpty, "\(value) leaked at \(stage)")
        }
        #expect(files.keys.filter { $0.contains("shortlist") || $0.contains("results") }.isEmpty)
        // During review the public sees how many were received, nothing more.
        #expect(files["2024/index.html"]!.contains("4 项") == (stage == "review"))
    }

    @Test("At the shortlist: the shortlist, and neither awards nor scores")
    func atShortlist() throws {
        let fixture = try SiteFixture(Self.site(published: "shortlist"))
        defer { fixture.cleanUp() }
        // The enterprise pages state the award condition in the words of the rules; no award is shown.
        let condition = "获一等奖、二等奖或三等奖"
        let files = Self.text(try Self.build(fixture).1).mapValues { $0.replacingOccurrences(of: condition, with: "") }
        let page = try #require(files["2024/shortlist/index.html"])
        #expect(page.contains("降低基站退服时长") && page.contains("提高接通率"))
        #expect(Self.filesContaining("非入围成果的标题", files).isEmpty)
        #expect(Self.filesContaining("一等奖", files).isEmpty)
        #expect(Self.filesContaining("二等奖", files).isEmpty)
        #expect(Self.filesContaining("88.50", files).isEmpty)
        #expect(Self.filesContaining("badge award-", files).isEmpty)
        #expect(files["2024/results.json"] == nil && files["2024/results/index.html"] == nil)
        #expect(files["2024/2024-001/index.html"] == nil, "achievement pages wait for the results")
        // Listed by 编号, not by score: the order would give the ranking away.
        let json = try JSONSerialization.jsonObject(with: Data(files["2024/shortlist.json"]!.utf8)) as! [String: Any]
        #expect((json["entries"] as! [[String: String]]).map { $0["id"]! } == ["2024-001", "2024-002", "2024-003"])
    }

    @Test("At the results: prizes, excellent enterprises and achievement pages")
    func atResults() throws {
        let fixture = try SiteFixture(Self.site(published: "results"))
        defer { fixture.cleanUp() }
        let files = Self.text(try Self.build(fixture).1)
        let results = try #require(files["2024/results/index.html"])
        #expect(results.contains("一等奖") && results.contains("二等奖") && results.contains("降低基站退服时长"))
        #expect(results.contains("示例甲通信有限公司"))
        #expect(files["2024/2024-001/index.html"] != nil)
        #expect(files["2024/2024-004/index.html"] == nil, "not shortlisted: no page under archive_publish: shortlisted")
        #expect(Self.filesContaining("非入围成果的标题", files).isEmpty)
        // 2024's 一等奖 meets the award condition for 2025 (window 2022–2024).
        #expect(files["enterprises/demo-a/index.html"]!.contains("<span class=\"tag tag-yes\">符合</span> 2022–2024年内"))
        #expect(files["enterprises/demo-group/index.html"]!.contains("<span class=\"tag tag-no\">不符合</span>"))
        #expect(Self.filesContaining("88.50", files).isEmpty, "scores stay private unless publish_scores")
    }

    @Test("Scores appear only where site.yaml publishes them")
    func publishedScores() throws {
        let fixture = try SiteFixture(Self.site(published: "shortlist", extraSite: "publish_scores: true\n"))
        defer { fixture.cleanUp() }
        let files = Self.text(try Self.build(fixture).1)
        #expect(files["2024/shortlist/index.html"]!.contains("88.50"))
        #expect(!files["2024/shortlist.json"]!.contains("88.5"), "downloads keep the contract's columns")
    }

    @Test("Downloads: the contract's JSON shape, CSV with BOM and CRLF, formulas defused")
    func downloads() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        let files = try Self.build(fixture).1
        let shortlist = try JSONSerialization.jsonObject(with: try #require(files["2024/shortlist.json"])) as! [String: Any]
        #expect(Set(shortlist.keys) == ["year", "entries"])
        #expect(shortlist["year"] as? Int == 2024)
        let entries = shortlist["entries"] as! [[String: String]]
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { Set($0.keys) == ["id", "enterprise", "group", "title", "type"] })
        #expect(entries[0]["enterprise"] == "示例甲通信有限公司", "the registry's seal name, not the name as written")

        let results = try JSONSerialization.jsonObject(with: try #require(files["2024/results.json"])) as! [String: Any]
        #expect(Set(results.keys) == ["year", "awards", "excellent_enterprises"])
        let awards = results["awards"] as! [[String: String]]
        #expect(awards.map { $0["award"]! } == ["一等奖", "二等奖"])
        #expect(awards.allSatisfy { Set($0.keys) == ["award", "id", "enterprise", "group", "title", "type"] })
        #expect((results["excellent_enterprises"] as! [[String: String]]) == [["id": "2024-E01", "enterprise": "示例甲通信有限公司"]])

        let csv = try #require(files["2024/shortlist.csv"])
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "编号,单位名称,小组名称,课题名称,课题类型")
        #expect(lines.count == 5 && lines[4].isEmpty, "three rows, each ended by CRLF")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines[2] == "2024-002,示例乙网络有限公司（北区）,先锋QC小组,\"'=HYPERLINK(\"\"http://evil.example\"\")研发装置\",创新型")
        #expect(lines[3].hasPrefix("2024-003,示例甲通信有限公司,'-攻坚QC小组,<script>"))
        let resultsCSV = String(decoding: try #require(files["2024/results.csv"]).dropFirst(3), as: UTF8.self)
        #expect(resultsCSV.hasPrefix("奖项,编号,单位名称,小组名称,课题名称,课题类型\r\n一等奖,2024-001,"))
        #expect(resultsCSV.contains("\r\n质量管理小组活动优秀企业,2024-E01,示例甲通信有限公司,,,\r\n"))
    }

    @Test("No contact column value in any output file")
    func noContacts() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        let files = Self.text(try Self.build(fixture).1)
        #expect(files.count > 20)
        for value in Self.privateValues {
            #expect(Self.filesContaining(value, files).isEmpty, "\(value) is private")
        }
        for header in ["联系人", "电子邮箱", "详细通信地址", "邮编"] {
            #expect(Self.filesContaining(header, files.filter { $0.key.hasSuffix(".csv") || $0.key.hasSuffix(".json") }).isEmpty)
        }
    }

    @Test("A hostile title is escaped in every page and feed")
    func escaping() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        let files = Self.text(try Self.build(fixture).1)
        let markup = files.filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".xml") || $0.key.hasSuffix(".css") }
        #expect(Self.filesContaining("<script>alert", markup).isEmpty, "the payload never appears unescaped")
        #expect(!Self.filesContaining("&lt;script&gt;alert(1)&lt;/script&gt;提高接通率", markup).isEmpty)
        #expect(files["2024/2024-003/index.html"]!.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;提高接通率 - 示例竞赛</title>"))
    }

    @Test("Raw HTML is dropped unless site.yaml turns it on, and then only in notices and pages, filtered; never in write-ups")
    func rawHTML() throws {
        let writeup = "## 小组简介\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n文字<b>粗体</b>。\n\n| 指标 | 活动前 | 活动后 |\n| --- | --- | --- |\n| 时长 | 74分钟 | 15分钟 |\n"
        let notice = "---\ntitle: 通知\ndate: 2024-09-01\n---\n文字<b>加粗</b>，<a href=\"javascript:alert(1)\" onclick=\"alert(2)\">链接</a>，[另一个](vbscript:x)。\n"
        let off = try SiteFixture(Self.site(writeup: writeup))
        defer { off.cleanUp() }
        try off.write("content/notices/2024-09-01-raw.md", notice)
        let offFiles = Self.text(try Self.build(off).1)
        let page = try #require(offFiles["2024/2024-001/index.html"])
        #expect(page.contains("<h2>小组简介</h2>"))
        #expect(!page.contains("<iframe") && !page.contains("<b>粗体</b>"))
        #expect(page.contains("<th>活动前</th>") && page.contains("<td>15分钟</td>"), "pipe tables become tables")
        #expect(!offFiles["notices/2024-09-01-raw/index.html"]!.contains("<b>加粗</b>"))

        let on = try SiteFixture(Self.site(extraSite: "markdown_raw_html: true\n", writeup: writeup))
        defer { on.cleanUp() }
        try on.write("content/notices/2024-09-01-raw.md", notice)
        let onFiles = Self.text(try Self.build(on).1)
        #expect(!onFiles["2024/2024-001/index.html"]!.contains("<b>粗体</b>"), "a member's write-up never takes raw HTML")
        let raw = try #require(onFiles["notices/2024-09-01-raw/index.html"])
        #expect(raw.contains("文字<b>加粗</b>，<a>链接</a>，<a href=\"\">另一个</a>。"), "staff raw HTML stays, its script does not")
        for (path, text) in onFiles where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".json") {
            #expect(!text.contains("javascript:") && !text.contains("vbscript:") && !text.contains("onclick"), "\(path)")
        }
    }

    @Test("A base URL with a sub-path gives links under it everywhere, and every one resolves")
    func subPath() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        let files = Self.text(try Self.build(fixture, baseURL: "https://host.example/qc/").1)
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        var checked = 0
        for (path, html) in files where path.hasSuffix(".html") {
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                if link.hasPrefix("/") { #expect(link.hasPrefix("/qc/"), "\(path): \(link)") }
                if link.hasPrefix("http") { #expect(link.hasPrefix("https://host.example/qc/"), "\(path): \(link)") }
                checked += 1
            }
        }
        #expect(checked > 200)
        #expect(files["index.html"]!.contains("<link rel=\"canonical\" href=\"https://host.example/qc/\">"))
        #expect(files["sitemap.xml"]!.contains("<loc>https://host.example/qc/2024/results/</loc>"))
        #expect(files["feed.xml"]!.contains("<id>https://host.example/qc/notices/2024-08-15-start/</id>"))
        #expect(files["robots.txt"]!.contains("Sitemap: https://host.example/qc/sitemap.xml"))
        let rendered = Self.outputFiles(fixture)
        try LinkChecker.check(rendered, urls: SiteURLs(baseURL: "https://host.example/qc/"))
        // Checked as if served from the root, the `/qc/` links name nothing: all are reported.
        #expect(throws: InputErrors.self) { try LinkChecker.check(rendered, urls: SiteURLs(baseURL: "/")) }
    }

    @Test("The same input gives the same bytes, and a rebuild with no change writes no file")
    func determinism() throws {
        let a = try SiteFixture(Self.site())
        let b = try SiteFixture(Self.site())
        defer { a.cleanUp(); b.cleanUp() }
        let (first, filesA) = try Self.build(a)
        #expect(first.output?.written == filesA.count)
        let filesB = try Self.build(b).1
        #expect(filesA == filesB, "two folders, same content: same bytes")
        let second = try SiteBuilder(paths: a.paths).build()
        #expect(second.output == OutputSummary(written: 0, unchanged: filesA.count, removed: 0))
        #expect(Self.outputFiles(a) == filesA)
    }

    @Test("Broken internal links are all reported and fail the build, leaving the old site and its spare")
    func brokenLinks() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        _ = try Self.build(fixture)
        // A second site swapped in leaves the first beside it, the spare the next build updates.
        try fixture.write("content/notices/2024-08-01-other.md", "---\ntitle: 另一则\ndate: 2024-08-01\n---\n正文。\n")
        let before = try Self.build(fixture).1
        let spare = OutputWriter.spare(of: fixture.url("public"))
        let spareBefore = OutputWriter.existingFiles(in: spare).sorted()
        #expect(!spareBefore.isEmpty)
        try fixture.write("content/notices/2024-09-01-bad.md",
                          "---\ntitle: 坏链接\ndate: 2024-09-01\n---\n见[名单](/2024/no-such-page/)。\n\n另见[附件](/files/missing.pdf#p2)与[首页](/#top)。\n")
        do {
            _ = try SiteBuilder(paths: fixture.paths).build()
            Issue.record("the build should have failed")
        } catch let errors as InputErrors {
            let lines = errors.errors.map(\.description)
            #expect(errors.errors.count == 2)
            #expect(lines.contains { $0.contains("notices/2024-09-01-bad/index.html:") && $0.contains("/2024/no-such-page/") })
            #expect(lines.contains { $0.contains("/files/missing.pdf#p2") })
        }
        #expect(Self.outputFiles(fixture) == before, "nothing published")
        // (The links are checked while the new site is written beside the old: none of it is left.)
        let beside = try FileManager.default.contentsOfDirectory(atPath: fixture.paths.outputURL.deletingLastPathComponent().path)
        #expect(!beside.contains { $0.contains(".staging-") }, "the new site written beside the old is removed")
        #expect(OutputWriter.existingFiles(in: spare).sorted() == spareBefore, "the spare is given back as it was")
    }

    @Test("The link checker resolves folders to index.html and ignores fragments and other sites")
    func linkChecker() throws {
        let files: [String: Data] = [
            "index.html": Data("<a href=\"/a/#x\">a</a><a href='/a/b.css?v=1'>b</a><img src=\"https://elsewhere.example/x.png\" alt=\"\"><a href=\"//cdn.example/x\">c</a><a href=\"/%E5%B9%B4/\">年</a>".utf8),
            "a/index.html": Data("<a href=\"/\">home</a>\n<a href=\"/missing/\">m</a>".utf8),
            "a/b.css": Data(),
            "年/index.html": Data(),
        ]
        do {
            try LinkChecker.check(files, urls: SiteURLs(baseURL: "/"))
            Issue.record("expected one broken link")
        } catch let errors as InputErrors {
            #expect(errors.errors.map(\.description) == ["public/a/index.html:2: 链接 /missing/ 指向的页面或文件不存在 (broken internal link)；请修改内容中的链接或主题模板"])
        }
    }

    @Test("The demo site: nothing of 2025 (at registration) and no contact value anywhere; every page reachable")
    func demo() throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: fixture.url("content"))
        let files = Self.text(try Self.build(fixture).1)
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let y2025 = try #require(snapshot.year(2025))
        #expect(y2025.competition.published == .registration && !y2025.registrations.isEmpty)
        for r in y2025.registrations {
            #expect(Self.filesContaining(r.title, files).isEmpty, "2025 entry \(r.id) leaked")
            #expect(Self.filesContaining(r.id, files).isEmpty, "2025 entry \(r.id) leaked")
        }
        let contacts = snapshot.years.flatMap { $0.registrations.flatMap { [$0.phone, $0.email, $0.address, $0.contact, $0.postcode] } }
            + snapshot.years.flatMap { $0.applications.flatMap { [$0.phone, $0.email, $0.address, $0.contact, $0.postcode] } }
        let values = Set(contacts.filter { $0.count >= 3 })
        #expect(values.count > 20)
        for value in values.sorted() {
            #expect(Self.filesContaining(value, files).isEmpty, "\(value) is private")
        }
        for page in ["index.html", "2024/index.html", "2024/shortlist/index.html", "2024/results/index.html",
                     "2024/2024-001/index.html", "enterprises/index.html", "archive/index.html", "archive/filter.css",
                     "feed.xml", "sitemap.xml", "robots.txt", "404.html", "2022/results.csv", "2023/shortlist.json"] {
            #expect(files[page] != nil, "\(page) missing")
        }
    }

    @Test("The sitemap lists every page of every section once, in address order (gathered as the sections end)")
    func sitemapListsEveryPage() throws {
        let fixture = try SiteFixture(Self.site())
        defer { fixture.cleanUp() }
        let files = Self.text(try Self.build(fixture, baseURL: "https://host.example/qc/").1)
        let pages = files.keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }.map { path in
            "https://host.example/qc/" + (path == "index.html" ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path)
        }
        let listed = files["sitemap.xml"]!.split(separator: "\n").filter { $0.hasPrefix("  <url><loc>") }.map {
            String($0.dropFirst("  <url><loc>".count).dropLast("</loc></url>".count))
        }
        // Search pages, achievement pages and the sections rendered in order are all there.
        #expect(listed.contains("https://host.example/qc/search/") && listed.contains("https://host.example/qc/2024/2024-001/"))
        #expect(listed.contains("https://host.example/qc/enterprises/"))
        #expect(listed == pages.sorted())
    }

    @Test("A page that wants a section's address is an error naming the path, not a crash; the old site stays")
    func pageCollidesWithSection() throws {
        var files = Self.site()
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        _ = try Self.build(fixture)
        let before = fixture.read("public/notices/index.html")
        files["content/pages/notices.md"] = "---\ntitle: 通知\n---\n与通知栏目同名的页面。\n"
        try fixture.write("content/pages/notices.md", files["content/pages/notices.md"]!)
        do {
            _ = try SiteBuilder(paths: fixture.paths).build()
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.path == "notices/index.html")
            #expect(error.message.contains("pages/"))
        }
        #expect(fixture.read("public/notices/index.html") == before)
    }
}

@Suite("Link checker")
struct LinkCheckerTests {
    @Test("Relative links resolve against their page; root-relative links outside the base path are reported")
    func relativeAndBase() throws {
        let page = { (body: String) in Data("<!DOCTYPE html><html><body>\n\(body)\n</body></html>".utf8) }
        let urls = SiteURLs(baseURL: "https://host.example/qc/")
        var files: [String: Data] = [
            "index.html": page("<a href=\"/qc/2024/\">年</a>"),
            "2024/index.html": page("<a href=\"shortlist/\">入围</a> <a href='../notices/a/'>通知</a> <a href=\"#top\">顶</a> <a href=\"mailto:qc@example.org\">信</a>"),
            "2024/shortlist/index.html": page("<a href=\"../\">返回</a> <a href=\"../files/x.pdf\">附件</a>"),
            "notices/a/index.html": page("<a href=\"https://other.example/\">外</a> <a href=\"https://host.example/qc/2024/\">年</a>"),
            "2024/files/x.pdf": Data("%PDF".utf8),
        ]
        try LinkChecker.check(files, urls: urls)

        files["2024/shortlist/index.html"] = page("<a href=\"../nothing/\">无</a>\n<img src=\"/2024/files/x.pdf\" alt=\"\">")
        let lines = inputErrorLines { try LinkChecker.check(files, urls: urls) }
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix("public/2024/shortlist/index.html:2: 链接 ../nothing/ 指向的页面或文件不存在"))
        #expect(lines[1].hasPrefix("public/2024/shortlist/index.html:3: 链接 /2024/files/x.pdf 以 / 开头，却不在网站地址 /qc/ 之下"))
    }

    @Test("A link on many pages is told for each page: a relative one by its page, a root-relative one alike on all")
    func sameLinkOnManyPages() throws {
        let page = { (body: String) in Data("<!DOCTYPE html><html><body>\n\(body)\n</body></html>".utf8) }
        var files: [String: Data] = ["x/a/index.html": page("")]
        for number in 0..<120 {  // the errors listed stay under 200
            files["\(number % 2 == 0 ? "x" : "y")/p\(number)/index.html"] = page("<a href=\"../a/\">甲</a> <a href=\"/nothing/\">乙</a>")
        }
        let lines = inputErrorLines { try LinkChecker.check(files, urls: SiteURLs(baseURL: "/")) }
        // Every page's root-relative link is broken; the relative one only where y/ has no a/.
        #expect(lines.count == 180)
        #expect(lines.filter { $0.contains("链接 ../a/ ") }.count == 60)
        #expect(lines.filter { $0.contains("链接 ../a/ ") }.allSatisfy { $0.hasPrefix("public/y/") })
        #expect(lines.filter { $0.contains("链接 /nothing/ ") }.count == 120)
    }

    @Test("A plain relative link resolves as Foundation's URL resolves it")
    func plainResolution() {
        let pages = ["index.html", "2024/index.html", "2024/2024-001/index.html", "a//b/index.html", "notices/x.y/index.html", "search/index.html"]
        let parts = ["..", ".", "2024", "2024-001", "", "x.pdf", "a_b", "~c", "...", ".a"]
        var random = SeededRandom(seed: 3)
        var links = ["./", "../", "../../", "../../../x/", "a", "a/", "../2024/?q=1", "x#top", "x/?a=b&c=d#f", ".", "..", "a/./b/../c"]
        for _ in 0..<3000 {
            let segments = (0...random.next(below: 5)).map { _ in parts[random.next(below: parts.count)] }
            let tail = ["", "/", "?q", "#f", "/#f"][random.next(below: 5)]
            links.append(segments.joined(separator: "/") + tail)
        }
        var plain = 0
        for page in pages {
            for link in links where !link.isEmpty && !link.hasPrefix("/") && !link.hasPrefix("?") && !link.hasPrefix("#") {
                guard let fast = LinkChecker.plainResolve(link, against: page) else { continue }
                plain += 1
                #expect(fast == LinkChecker.foundationResolve(link, against: page), "\(link) on \(page)")
            }
        }
        #expect(plain > 10_000, "most sample links take the plain way")
        #expect(LinkChecker.plainResolve("关于/", against: "index.html") == nil && LinkChecker.plainResolve("a b", against: "index.html") == nil)
    }
}

@Suite("Notices by stage")
struct NoticeStageTests {
    @Test("A notice that announces a stage appears only once its year has published it; a draft never")
    func heldBack() throws {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "review")
        files["content/notices/2024-09-27-results.md"] = "---\ntitle: 关于2024年竞赛结果的通报\ndate: 2024-09-27\nyear: 2024\nstage: results\n---\n一等奖：降低基站退服时长\n"
        files["content/notices/2024-08-15-competition.md"] = "---\ntitle: 关于开展2024年竞赛的通知\ndate: 2024-08-15\nyear: 2024\n---\n报名\n"
        files["content/notices/2024-09-30-draft.md"] = "---\ntitle: 草稿通知\ndate: 2024-09-30\ndraft: true\n---\n草稿\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let output = OutputWriter.existingFiles(in: fixture.url("public"))
        let texts = output.map { fixture.read("public/" + $0) ?? "" }
        #expect(texts.contains { $0.contains("关于开展2024年竞赛的通知") })
        #expect(!texts.contains { $0.contains("关于2024年竞赛结果的通报") }, "the results notice waits for the results")
        #expect(!texts.contains { $0.contains("草稿通知") })

        try fixture.write("content/years/2024/competition.yaml", SiteFixture.competition(2024, published: "results"))
        try fixture.write("content/years/2024/awards.csv", "编号,奖项,入围\n2024-001,一等奖,是\n")
        try fixture.write("content/years/2024/decisions.csv", "规则,对象,处理意见,日期\nmaterials,2024-002,已补交成果报告，准予参赛,2024-09-01\n")
        _ = try SiteBuilder(paths: fixture.paths).build()
        #expect(fixture.read("public/notices/2024-09-27-results/index.html")?.contains("关于2024年竞赛结果的通报") == true)
        #expect(fixture.read("public/feed.xml")?.contains("关于2024年竞赛结果的通报") == true)
    }

    @Test("An unknown stage, or a stage without a year, is an input error at its line")
    func badStage() throws {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/notices/a.md"] = "---\ntitle: 通知\ndate: 2024-09-27\nyear: 2024\nstage: 颁奖\n---\n正文\n"
        files["content/notices/b.md"] = "---\ntitle: 通知\ndate: 2024-09-27\nstage: results\n---\n正文\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive) }
        #expect(lines.contains { $0.hasPrefix("content/notices/a.md:5: stage 应为") })
        #expect(lines.contains { $0.hasPrefix("content/notices/b.md:4: 写了 stage 的通知还需要 year") })
    }
}
