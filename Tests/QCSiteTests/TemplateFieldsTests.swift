import Mustache
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

/// The hand-written template fields must name every stored field, or a template would
/// silently render nothing for a field added later.
@Suite("Template fields")
struct TemplateFieldsTests {
    func missing(_ value: some MustacheParent) -> [String] {
        Mirror(reflecting: value).children.compactMap(\.label).filter { value.child(named: $0) == nil }
    }

    @Test("Every field of the layout and row models is reachable by name")
    func complete() {
        let link = Link(title: "t", url: "/u")
        let site = SiteModel(title: "t", subtitle: "s", organisers: "o", contact: [LabelValue(label: "l", value: "v")],
                             footer: "f", root: "/", stylesheet: "/a.css", feed: "/feed.xml", searchIndex: "/i.json",
                             pages: [link], icp: "晋ICP备1号", icon: "/i.svg", touchIcon: "/t.png", shareImage: "/s.png", search: "/search/")
        let page = PageModel(title: "t", headTitle: "h", description: "d", canonical: "c", section: "s",
                             breadcrumbs: [link], showsBreadcrumbs: true)
        let row = EntryRow(number: 1, year: 2024, id: "2024-001", enterprise: "e", enterpriseParts: ["e"], enterpriseURL: "/e/", group: "g",
                           title: "t", url: "/u/", type: "问题解决型", shortlisted: true, award: "一等奖",
                           awardClass: "award-1", score: "90.00")
        #expect(missing(site).isEmpty)
        #expect(missing(page).isEmpty)
        #expect(missing(NavItem(title: "t", url: "/", current: true)).isEmpty)
        #expect(missing(LabelValue(label: "l", value: "v", url: "tel:1")).isEmpty)
        #expect(missing(link).isEmpty)
        #expect(missing(row).isEmpty)
        #expect(missing(PageContext(site: site, page: page, nav: [], content: 1)).isEmpty)
        #expect(missing(AchievementSection.AchievementModel(entry: row, competition: "c", outcome: "o", materialScore: "1",
                                                            onsiteScore: "2", writeup: "w", yearURL: "/y/", resultsURL: "/r/")).isEmpty)
        let archiveRow = ArchiveSection.Row(entry: row, classes: "c", outcome: "o")
        #expect(missing(archiveRow).isEmpty)
        #expect(missing(ArchiveSection.ArchiveModel(filters: [], rows: [archiveRow], count: 1, filterStylesheet: "/f.css", script: "/a.js")).isEmpty)
        let history = EnterpriseSection.YearHistory(year: 2024, url: "/2024/", entries: [row], excellent: true)
        #expect(missing(history).isEmpty)
        #expect(missing(EnterpriseSection.Summary(name: "n", nameParts: ["n"], url: "/e/", shortlisted: 1, awarded: 1, counted: 1, eligible: true)).isEmpty)
        let note = EnterpriseSection.EligibilityNote(forYear: 2025, window: "2022–2024", awards: "一等奖", uncounted: "优秀奖", rulesYear: 2025)
        #expect(missing(EnterpriseSection.EnterpriseModel(
            name: "n", aliases: "a", memberUnit: link, isMember: true, members: [link], years: [history],
            eligibility: EnterpriseSection.Eligibility(note: note, meets: true, awards: []))).isEmpty)
    }
}
