import Foundation
import Disclosure

/// `/<year>/results/` (prizes and excellent enterprises) with `results.json` and `results.csv`,
/// once results are published.
struct ResultsSection: SiteSection {
    struct ResultsModel: Encodable {
        var year: Int
        var title: String
        var docNumber: String
        /// How the entries within a prize are ordered: by 编号 and not ranked, unless scores are published.
        var ordered: String
        var prizes: [PrizeGroup]
        var excellent: [Excellent]
        var excellentCount: Int
        var showsScores: Bool
        var json: String
        var csv: String
        var shortlistURL: String
        var yearURL: String
        /// The 落款: the organisers and the day the results were published.
        var issuers: [String]
        var date: String?
        var isoDate: String?
        /// The notice that announced the results.
        var notice: RenderContext.NoticeReference?
    }

    struct PrizeGroup: Encodable {
        var award: String
        var awardClass: String
        var count: Int
        var entries: [EntryRow]
    }

    struct Excellent: Encodable {
        var number: Int
        var id: String
        var enterprise: String
        var url: String
        var memberUnit: String
    }

    /// `results.json`: the contract's shape.
    struct JSONFile: Encodable {
        struct Award: Encodable {
            var award, id, enterprise, group, title, type: String
        }
        struct Enterprise: Encodable {
            var id, enterprise: String
        }
        var year: Int
        var awards: [Award]
        var excellentEnterprises: [Enterprise]

        enum CodingKeys: String, CodingKey { case year, awards, excellentEnterprises = "excellent_enterprises" }
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        for year in context.record.years where year.showsResults {
            let path = SitePath.results(year.year)
            let prizes = year.prizes.map { prize in
                PrizeGroup(award: prize.award, awardClass: context.awardClass(prize.award, year), count: prize.entries.count,
                           entries: prize.entries.enumerated().map { index, registration in
                               context.entryRow(year, registration, number: index + 1,
                                                score: registration.onsiteScore)
                           })
            }
            let excellent = year.excellentEnterprises.enumerated().map { index, application in
                Excellent(number: index + 1, id: application.id, enterprise: context.enterpriseName(application.enterpriseId),
                          url: context.urls.link(SitePath.enterprise(application.enterpriseId)),
                          memberUnit: application.memberUnit)
            }
            let yearURL = context.urls.link(SitePath.year(year.year))
            let date = StageDates.resultsDate(year, context)
            let model = ResultsModel(
                year: year.year, title: year.title, docNumber: year.docNumber ?? "",
                ordered: context.record.publishScores ? "各奖项内按现场发表得分排列" : "各奖项内按报名编号排列，排名不分先后",
                prizes: prizes, excellent: excellent, excellentCount: excellent.count,
                showsScores: prizes.contains { $0.entries.contains { $0.score != nil } },
                json: context.urls.link("\(year.year)/results.json"), csv: context.urls.link("\(year.year)/results.csv"),
                shortlistURL: context.urls.link(SitePath.shortlist(year.year)), yearURL: yearURL,
                issuers: context.config.organisers, date: date.map(context.longDate), isoDate: date,
                notice: context.announcement(of: .results, year: year.year))
            try files.add(SitePath.file(path), context.page("results",
                context.pageModel(title: "\(year.year)年评选结果", path: path, section: "years",
                                  description: "\(year.title)获奖成果与质量管理小组活动优秀企业名单。",
                                  breadcrumbs: [Link(title: "\(year.year)年", url: yearURL)]),
                model))
            let awards = prizes.flatMap { prize in prize.entries.map {
                JSONFile.Award(award: prize.award, id: $0.id, enterprise: $0.enterprise, group: $0.group, title: $0.title, type: $0.type)
            } }
            try files.add("\(year.year)/results.json", DownloadTable.json(JSONFile(
                year: year.year, awards: awards,
                excellentEnterprises: excellent.map { JSONFile.Enterprise(id: $0.id, enterprise: $0.enterprise) })))
            // One table for Excel: the prizes, then the excellent enterprises under their own 奖项.
            try files.add("\(year.year)/results.csv", DownloadTable(
                header: ["奖项", "编号", "单位名称", "小组名称", "课题名称", "课题类型"],
                rows: awards.map { [$0.award, $0.id, $0.enterprise, $0.group, $0.title, $0.type] }
                    + excellent.map { ["质量管理小组活动优秀企业", $0.id, $0.enterprise, "", "", ""] }).csv)
        }
    }
}
