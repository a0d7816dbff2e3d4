import Foundation
import Disclosure
import TextKeys
import Parallelism

/// `/search/`: the search page, its sharded index (`search/index.json` and the files it names)
/// and the proposed-title check (`search/titles.json` and its shards), all from the public record.
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

    /// What the page says of the title check (its data files carry short JSON keys).
    struct TitleCheckText: Encodable {
        var scope: String
        var hasTitles: Bool
        var thresholdPercent: String
    }

    var startsFirst: Bool { true }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        let sources = Self.sources(context)
        // The title check's files, kept whole while what they are made from is; else made on
        // another core while the index is (each is one thread's work for the most part).
        let check = TitleCheck.build(context)
        let numbered = check.numbered(TitleCheck.numbers(sources.map(\.achievementKey)))
        let titlesKey = check.key(numbered: numbered, shardBytes: TitleCheck.shardBytes, dataKey: context.dataKey)
        let keepsTitles = files.keep(section: Self.titlesPart, key: titlesKey)
        let titles = keepsTitles ? nil : Background { Result { try check.files(numbered: numbered) } }
        let shards = Result { try SearchShards(sources: sources, previous: files.previous) }
        let titled = titles?.value
        // No path is added twice here: they go in any order.
        let published = try shards.get().published
        for (path, file) in published {
            try files.add(path, key: file.key, file.data)
        }
        if let titleFiles = try titled?.get() {
            for (path, data) in titleFiles {
                try files.addKeyedData(path, data)
            }
            files.mark(section: Self.titlesPart, key: titlesKey, paths: Array(titleFiles.keys))
        }
        let model = SearchPageModel(
            stylesheet: context.urls.link("assets/search.css"), script: context.urls.link("assets/search.js"),
            index: context.urls.link(SitePath.searchIndex), titles: context.urls.link(SitePath.searchTitles),
            archive: context.urls.link(SitePath.archive), action: context.urls.link(SitePath.search), titleCheck: TitleCheckText(scope: check.scope, hasTitles: check.hasTitles, thresholdPercent: check.thresholdPercent))
        try files.add(SitePath.file(SitePath.search), context.page("search",
            context.pageModel(title: "站内搜索", path: SitePath.search, section: "search",
                              description: "搜索历年QC小组成果、通知公告和参赛单位；拟申报课题查重。"),
            model))
    }

    /// The documents of the index, before their Markdown is made text: achievements the public
    /// record shows (newest year first), notices, enterprises with a public achievement, and
    /// other pages.
    static func sources(_ context: RenderContext) -> [SearchSource] {
        let aliases = Dictionary(uniqueKeysWithValues: context.record.enterprises.map { ($0.id, $0.aliases) })
        let dataKey = context.dataKey
        var sources: [SearchSource] = []
        var publicEnterprises = Set<String>()

        for year in context.record.years.reversed() {
            // (The archive gives a year's entries in this order already: sorted only if not.)
            let registrations = zip(year.entries, year.entries.dropFirst()).allSatisfy { !PublicEntry.byID($1, $0) }
                ? year.entries : year.entries.sorted(by: PublicEntry.byID)
            publicEnterprises.formUnion(registrations.map(\.enterpriseId))
            sources += Parallel.map(registrations) { registration in
                let award = registration.award ?? (registration.shortlisted ? Outcome.shortlisted.words : nil)
                let achievement = AchievementDocument(
                    year: year.year, id: registration.id, title: registration.title, enterprise: registration.enterprise,
                    group: registration.group, award: award, awardClass: award.map { context.awardClass($0, year) },
                    url: context.urls.link(registration.hasPage ? SitePath.achievement(year.year, registration.id) : SitePath.shortlist(year.year)),
                    aliases: (aliases[registration.enterpriseId] ?? []).joined(separator: " "), hasWriteup: registration.writeup != nil)
                return SearchSource(achievement, writeup: registration.writeup, converted: context.convertedWriteups,
                                    separator: "\n", dataKey: dataKey)
            }
        }
        for notice in context.record.notices {
            sources.append(SearchSource(.init(kind: "通知", url: context.urls.link(SitePath.notice(notice.slug)), title: nfc(notice.title),
                                              snippet: notice.date, year: notice.year, award: nil, text: ""),
                                        markdown: notice.markdown, dataKey: dataKey))
        }
        for enterprise in context.record.enterprises where publicEnterprises.contains(enterprise.id) {
            let known = enterprise.aliases
            sources.append(SearchSource(.init(kind: "单位", url: context.urls.link(SitePath.enterprise(enterprise.id)), title: nfc(enterprise.name),
                                              snippet: known.isEmpty ? "" : nfc("又称 " + known.joined(separator: "、")),
                                              year: nil, award: nil, text: ""), dataKey: dataKey))
        }
        for page in context.record.pages {
            sources.append(SearchSource(.init(kind: "页面", url: context.urls.link("\(SitePath.segment(page.slug))/"), title: nfc(page.title),
                                              snippet: "", year: nil, award: nil, text: ""),
                                        markdown: page.markdown, dataKey: dataKey))
        }
        return sources
    }

    static func nfc(_ text: String) -> String { TextNormalization.nfc(text) }

    /// The title check's files, a part of the section kept whole (`OutputFiles.keep`).
    static let titlesPart = "SearchSection/titles"
}
