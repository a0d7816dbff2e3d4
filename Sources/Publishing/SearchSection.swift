import Foundation
import Disclosure

/// `/search/`: the search page, its index (`search/index.json`) and the titles of the
/// proposed-title check (`search/titles.json`), all from the public record.
struct SearchSection: SiteSection {
    struct SearchPageModel: Encodable {
        var stylesheet: String
        var script: String
        var index: String
        var titles: String
        var archive: String
        var action: String
        var titleCheck: TitleCheckText
    }

    /// What the page says of the title check (its data, `titles.json`, carries short JSON keys).
    struct TitleCheckText: Encodable {
        var scope: String
        var hasTitles: Bool
        var thresholdPercent: String
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        let index = Self.index(context)
        try files.add(SitePath.searchIndex, index.json())
        let check = TitleCheck.build(context)
        try files.add(SitePath.searchTitles, check.json())
        let model = SearchPageModel(
            stylesheet: context.urls.link("assets/search.css"), script: context.urls.link("assets/search.js"),
            index: context.urls.link(SitePath.searchIndex), titles: context.urls.link(SitePath.searchTitles),
            archive: context.urls.link(SitePath.archive), action: context.urls.link(SitePath.search), titleCheck: TitleCheckText(scope: check.scope, hasTitles: check.hasTitles, thresholdPercent: check.thresholdPercent))
        try files.add(SitePath.file(SitePath.search), context.page("search",
            context.pageModel(title: "站内搜索", path: SitePath.search, section: "search",
                              description: "搜索历年QC小组成果、通知公告和参赛单位；拟申报课题查重。"),
            model))
    }

    /// The documents of the index: achievements the public record shows (newest year first),
    /// notices, enterprises with a public achievement, and other pages.
    static func index(_ context: RenderContext) -> SearchIndex {
        let aliases = Dictionary(uniqueKeysWithValues: context.record.enterprises.map { ($0.id, $0.aliases) })
        var documents: [SearchIndex.Document] = []
        var publicEnterprises = Set<String>()

        for year in context.record.years.reversed() {
            for registration in year.entries.sorted(by: PublicEntry.byID) {
                publicEnterprises.insert(registration.enterpriseId)
                let hasPage = registration.hasPage
                let enterprise = registration.enterprise
                var text = (aliases[registration.enterpriseId] ?? []).joined(separator: " ")
                if let markdown = registration.writeup {
                    text += "\n" + Markdown.plainText(markdown)
                }
                documents.append(.init(
                    kind: "成果",
                    url: context.urls.link(hasPage ? SitePath.achievement(year.year, registration.id) : SitePath.shortlist(year.year)),
                    title: nfc(registration.title), snippet: nfc("\(enterprise) · \(registration.group)"),
                    year: year.year,
                    award: registration.award ?? (registration.shortlisted ? Outcome.shortlisted.words : nil),
                    text: nfc(text)))
            }
        }
        for notice in context.record.notices {
            documents.append(.init(kind: "通知", url: context.urls.link(SitePath.notice(notice.slug)), title: nfc(notice.title),
                                   snippet: notice.date, year: notice.year, award: nil,
                                   text: nfc(Markdown.plainText(notice.markdown))))
        }
        for enterprise in context.record.enterprises where publicEnterprises.contains(enterprise.id) {
            let known = enterprise.aliases
            documents.append(.init(kind: "单位", url: context.urls.link(SitePath.enterprise(enterprise.id)), title: nfc(enterprise.name),
                                   snippet: known.isEmpty ? "" : nfc("又称 " + known.joined(separator: "、")),
                                   year: nil, award: nil, text: ""))
        }
        for page in context.record.pages {
            documents.append(.init(kind: "页面", url: context.urls.link("\(SitePath.segment(page.slug))/"), title: nfc(page.title),
                                   snippet: "", year: nil, award: nil, text: nfc(Markdown.plainText(page.markdown))))
        }
        return SearchIndex(documents: documents)
    }

    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
}
