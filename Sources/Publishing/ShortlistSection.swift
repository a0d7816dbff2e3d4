import Foundation
import Disclosure

/// `/<year>/shortlist/` with `shortlist.json` and `shortlist.csv`, once the shortlist is published.
struct ShortlistSection: SiteSection {
    struct ShortlistModel: Encodable {
        var year: Int
        var title: String
        var entries: [EntryRow]
        var count: Int
        var showsScores: Bool
        var showsAwards: Bool
        var ordered: String
        var json: String
        var csv: String
        var yearURL: String
        /// The notice that announced the shortlist.
        var notice: RenderContext.NoticeReference?
    }

    /// `shortlist.json`: the contract's shape.
    struct JSONFile: Encodable {
        struct Entry: Encodable {
            var id, enterprise, group, title, type: String
        }
        var year: Int
        var entries: [Entry]
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        for year in context.record.years where year.showsShortlist {
            let shortlist = year.shortlist
            let path = SitePath.shortlist(year.year)
            let rows = shortlist.enumerated().map { index, registration in
                context.entryRow(year, registration, number: index + 1,
                                 score: registration.materialScore)
            }
            let model = ShortlistModel(
                year: year.year, title: year.title, entries: rows, count: rows.count,
                showsScores: rows.contains { $0.score != nil }, showsAwards: year.showsResults,
                ordered: context.record.publishScores ? "按资料评审得分排列" : "按报名编号排列，排名不分先后",
                json: context.urls.link("\(year.year)/shortlist.json"), csv: context.urls.link("\(year.year)/shortlist.csv"),
                yearURL: context.urls.link(SitePath.year(year.year)),
                notice: context.announcement(of: .shortlist, year: year.year))
            try files.add(SitePath.file(path), context.page("shortlist",
                context.pageModel(title: "\(year.year)年现场发表入围名单", path: path, section: "years",
                                  description: "\(year.title)现场发表入围名单，共 \(rows.count) 项成果。",
                                  breadcrumbs: [Link(title: "\(year.year)年", url: model.yearURL)]),
                model))
            try files.add("\(year.year)/shortlist.json", DownloadTable.json(JSONFile(year: year.year, entries: rows.map {
                JSONFile.Entry(id: $0.id, enterprise: $0.enterprise, group: $0.group, title: $0.title, type: $0.type)
            })))
            try files.add("\(year.year)/shortlist.csv", DownloadTable(
                header: ["编号", "单位名称", "小组名称", "课题名称", "课题类型"],
                rows: rows.map { [$0.id, $0.enterprise, $0.group, $0.title, $0.type] }).csv)
        }
    }
}
