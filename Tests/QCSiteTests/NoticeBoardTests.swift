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

    /// The notice that calls for entries: issuers and date at its end, a 附件 section listing four
    /// attachments that two downloads cover.
    static let competitionNotice = """
        ---
        title: 关于开展2024年竞赛的通知
        date: 2024-08-15
        year: 2024
        attachments:
          - title: 附件1：推荐条件与要求（PDF）
            file: years/2024/files/条件.pdf
          - title: 附件2—4：报名表、优秀企业报名表、推荐汇总表（Word）
            file: years/2024/files/报名表.docx
        ---
        各有关单位：

        请于8月30日前报名，联系电话：0351-0000000。

        ## 附件

        1. 推荐条件与要求
        2. 报名表
        3. 优秀企业报名表
        4. 推荐汇总表

        示例省信息业工会联合会　示例省通信行业协会

        2024年8月15日
        """

    static func site(published: String = "results", extraSite: String = "", rules: String = "rules:\n  shortlist_size: 3\n") -> [String: String] {
        var site = PublicSiteTests.site(published: published, extraSite: extraSite)
        site["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: published, rules: rules)
        site["content/notices/2024-08-15-start.md"] = competitionNotice
        site["content/years/2024/files/条件.pdf"] = "%PDF-1.4"
        site["content/years/2024/files/报名表.docx"] = "docx"
        return site
    }

    @Test("A notice ends with its 落款 set apart, and 附件 appears once: the downloads, numbered as the notice numbers them")
    func noticeLayout() throws {
        let page = try #require(try Self.build(Self.site())["notices/2024-08-15-start/index.html"])
        #expect(page.components(separatedBy: "附件</h2>").count == 2, "one 附件 heading")
        #expect(!page.contains("<li>推荐汇总表</li>"), "the notice's own list gives way to the downloads")
        #expect(page.contains("<span class=\"attachment-number\">1.</span><a href=\"/2024/files/%E6%9D%A1%E4%BB%B6.pdf\" download>推荐条件与要求（PDF）</a>")
                || page.contains("<span class=\"attachment-number\">1.</span><a href=\"/2024/files/条件.pdf\" download>推荐条件与要求（PDF）</a>"))
        #expect(page.contains("<span class=\"attachment-number\">2—4.</span>"))
        #expect(page.contains("<p class=\"signature\"><span class=\"signatory\">示例省信息业工会联合会</span> <span class=\"signatory\">示例省通信行业协会</span> <br><time datetime=\"2024-08-15\">2024年8月15日</time></p>"))
        #expect(!page.contains("<p>2024年8月15日</p>"), "the date is in the 落款 only")
        #expect(page.contains("<a href=\"tel:03510000000\">0351-0000000</a>"))
    }

    @Test("Results: the year in the heading, no rank implied, and for print a table with 文号, issuers and date")
    func results() throws {
        let site = Self.site(extraSite: "organisers: [示例省通信行业协会]\n")
        let page = try #require(try Self.build(site)["2024/results/index.html"])
        #expect(page.contains("<h1>2024年评选结果</h1>"))
        #expect(page.contains("各奖项内按报名编号排列，排名不分先后"))
        #expect(page.contains("依据示例〔2024〕1号"))
        #expect(page.contains("<table class=\"results-print\">"))
        #expect(page.contains("<tr><td>一等奖</td><td class=\"col-id\">2024-001</td><td>降低基站退服时长</td>"))
        #expect(page.contains("<p class=\"signature\"><span class=\"signatory\">示例省通信行业协会</span>"))
        #expect(page.contains("<a class=\"screen-only\""), "link-only text is left out of print")
    }

    @Test("The day the results came out: from competition.yaml's stages, else from the year's results notice")
    func resultsDate() throws {
        var site = Self.site()
        site["content/notices/2024-09-27-results.md"] = "---\ntitle: 关于2024年竞赛结果的通报\ndate: 2024-09-27\nyear: 2024\nstage: results\n---\n结果如下。\n"
        let files = try Self.build(site)
        #expect(files["2024/index.html"]!.contains("<span class=\"step-name\">公布结果</span><span class=\"step-dates\">9月27日</span>"))
        #expect(files["2024/results/index.html"]!.contains("<time datetime=\"2024-09-27\">2024年9月27日</time>公布"))
        site["content/years/2024/competition.yaml"] = site["content/years/2024/competition.yaml"]!
            .replacingOccurrences(of: "  onsite: {on: 2024-09-20}\n", with: "  onsite: {on: 2024-09-20}\n  results: {on: 2024-09-29}\n")
        #expect(try Self.build(site)["2024/index.html"]!.contains("<span class=\"step-dates\">9月29日</span>"))
    }

    @Test("The stepper writes dates as the notices do; during registration the home page leads to the notice and its forms")
    func registration() throws {
        let home = try #require(try Self.build(Self.site(published: "registration"))["index.html"])
        #expect(home.contains("<span class=\"step-dates\">8月30日前</span>"))
        #expect(home.contains("<span class=\"step-dates\">9月2日至9月5日</span>"))
        #expect(!home.contains("第 2024 年度"))
        #expect(home.contains("<h2 id=\"register-heading\">如何报名</h2>"))
        #expect(home.contains("<a href=\"/notices/2024-08-15-start/\">关于开展2024年竞赛的通知</a>，按通知要求于2024年8月30日前报名。"))
        #expect(home.contains("<span class=\"attachment-number\">2—4.</span><a href=\"/2024/files/"))
        let later = try #require(try Self.build(Self.site(published: "review"))["index.html"])
        #expect(!later.contains("如何报名"), "once registration closes the call goes")
    }

    @Test("Enterprise pages say what the rules of the year say: the counted awards, the window, what does not count")
    func eligibilityWording() throws {
        let rules = "rules:\n  shortlist_size: 3\n  excellent_window_years: 2\n  excellent_group_awards: [一等奖, 二等奖]\n"
        var site = Self.site(rules: rules)
        site["content/years/2024/awards.csv"] = "编号,奖项\n2024-001,一等奖\n2024-002,三等奖\n2024-003,优秀奖\n"
        let files = try Self.build(site)
        let index = try #require(files["enterprises/index.html"])
        #expect(index.contains("按2024年竞赛规则，申报2025年质量管理小组活动优秀企业的单位，须在2023–2024年内有成果获一等奖或二等奖（三等奖、优秀奖不计入）。"))
        #expect(index.contains("<th scope=\"col\" class=\"num\">计入条件</th><th scope=\"col\">2025年条件</th>"))
        // 示例乙 holds a 三等奖: an award that does not count, so 获奖 1, 计入条件 0, and 不符合 beside them.
        #expect(index.contains("<td class=\"num\" data-label=\"获奖\">1</td><td class=\"num\" data-label=\"计入条件\">0</td><td data-label=\"2025年条件\"><span class=\"tag tag-no\">不符合</span>"))
        let b = try #require(files["enterprises/demo-b/index.html"])
        #expect(b.contains("2023–2024年内没有成果获一等奖或二等奖。"))
        #expect(!index.contains("一、二、三等奖") && !b.contains("一、二、三等奖") && !b.contains("近三年"))
    }

    @Test("Pages named in site.yaml are linked from the footer and the navigation; an unknown one is an error at its line")
    func pageLinks() throws {
        var site = Self.site(extraSite: "nav_pages: [rules]\nfooter_pages: [about, rules]\n")
        site["content/pages/about.md"] = "---\ntitle: 关于竞赛\n---\n关于。\n"
        site["content/pages/rules.md"] = "---\ntitle: 评审规则\n---\n规则。\n"
        let files = try Self.build(site)
        for page in ["index.html", "2024/results/index.html", "404.html"] {
            let html = try #require(files[page])
            #expect(html.contains("<nav class=\"footer-nav\" aria-label=\"本站说明\"><ul><li><a href=\"/about/\">关于竞赛</a></li><li><a href=\"/rules/\">评审规则</a></li></ul></nav>"), "\(page)")
            #expect(html.contains("<li><a href=\"/rules/\">评审规则</a></li><li><a href=\"/search/\">搜索</a></li></ul>"), "\(page)")
        }
        #expect(files["rules/index.html"]!.contains("<a href=\"/rules/\" aria-current=\"page\">评审规则</a>"))

        var wrong = Self.site(extraSite: "footer_pages:\n  - about\n  - rule\n")
        wrong["content/pages/about.md"] = "---\ntitle: 关于竞赛\n---\n关于。\n"
        let fixture = try SiteFixture(wrong)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try SiteBuilder(paths: fixture.paths).build() }
        #expect(lines.count == 1 && lines[0].hasSuffix("content/site.yaml:5: 没有页面 rule（pages/rule.md）；可用的页面：about"), "\(lines)")
    }

    @Test("Every page: favicon, share image, ICP filing number with its link, the feed explained; the 404 page offers search and sections")
    func sharedPieces() throws {
        let files = try Self.build(Self.site(extraSite: "icp: 晋ICP备12345678号-1\n"))
        #expect(files["favicon.ico"] != nil && files["assets/favicon.svg"] != nil && files["assets/share.png"] != nil)
        let home = try #require(files["index.html"])
        #expect(home.contains("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"))
        #expect(home.contains("<meta property=\"og:image\" content=\"https://qc.example.org/assets/share.png\">"))
        #expect(home.contains("<a href=\"https://beian.miit.gov.cn/\" rel=\"noopener\">晋ICP备12345678号-1</a>"))
        #expect(home.contains("添加到 RSS 阅读器，发布新通知时会自动收到"))
        let missing = try #require(files["404.html"])
        #expect(missing.contains("<form class=\"not-found-search\" action=\"/search/\" method=\"get\" role=\"search\">"))
        #expect(missing.contains("<a class=\"button\" href=\"/archive/\">往届成果</a>"))
        #expect(!PublicSiteTests.text(try PublicSiteTests.build(try SiteFixture(PublicSiteTests.site())).1)["index.html"]!.contains("beian"),
                "no filing number, no footer line")
    }

    @Test("An achievement page marks the section its breadcrumb goes through")
    func achievementSection() throws {
        let page = try #require(try Self.build(Self.site())["2024/2024-001/index.html"])
        #expect(page.contains("<a href=\"/2024/\" aria-current=\"page\">历届竞赛</a>"))
        #expect(page.contains("<li><a href=\"/2024/\">2024年</a></li>"))
    }

    @Test("Phone layout: chart labels are page text, names break between units, ids never break")
    func phoneLayout() throws {
        let page = try #require(try Self.build(Self.site())["2024/index.html"])
        #expect(!page.contains("<svg"))
        #expect(page.contains("<ol class=\"bar-chart\"><li><span class=\"bar-label org\">示例甲通信<wbr>有限公司<wbr></span>"))
        #expect(page.contains("<span class=\"bar\" style=\"width: 75%\"><span class=\"bar-part\" style=\"width: 50%\"></span></span><span class=\"bar-value\">2（获奖 1）</span>"))
        let shortlist = try #require(try Self.build(Self.site(published: "shortlist"))["2024/shortlist/index.html"])
        #expect(shortlist.contains("<td class=\"col-id\" data-label=\"编号\">2024-001</td>"))
        #expect(shortlist.contains("<a class=\"org\" href=\"/enterprises/demo-b/\">示例乙网络<wbr>有限公司<wbr>（北区）<wbr></a>"))
    }

    @Test("Archive filters: named radio groups, rows hidden by the chosen options, the no-match line where a combination is empty")
    func archiveFilters() throws {
        let files = try Self.build(Self.site())
        let page = try #require(files["archive/index.html"])
        #expect(page.contains("<fieldset class=\"filter-group\"><legend class=\"filter-legend\">年度</legend><input class=\"filter-radio\" type=\"radio\" name=\"year\" id=\"f-year-all\" value=\"\" checked>"))
        #expect(page.contains("<input class=\"filter-radio\" type=\"radio\" name=\"award\" id=\"f-award-a0\" value=\"一等奖\"><label class=\"chip\" for=\"f-award-a0\">一等奖</label>"))
        #expect(page.contains("<span class=\"archive-empty\">"))
        let css = try #require(files["archive/filter.css"])
        #expect(css.contains(".archive:has(#f-award-a0:checked) .archive-list tbody tr:not(.a-a0) { display: none; }"))
        // 一等奖 went to a 问题解决型 entry (type 0, the first listed), so 创新型 (type 1) + 一等奖 leaves no row.
        #expect(css.contains(".archive:has(#f-type-1:checked):has(#f-award-a0:checked) .archive-empty { display: block; }"))
        #expect(!css.contains(".archive:has(#f-type-0:checked):has(#f-award-a0:checked) .archive-empty"))
        #expect(!css.contains(".archive:has(#f-award-a0:checked) .archive-empty"), "一等奖 alone has a row")
    }
}
