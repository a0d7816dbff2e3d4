import Foundation
import Disclosure

/// A page per year (`/2024/`): the stage timeline with dates, the year's notices, and the
/// figures its published stage allows. Before the shortlist no entry of the year appears:
/// during review only the number received, during registration nothing about entries.
struct YearSection: SiteSection {
    var keyedByOutline: Bool { true }

    struct YearModel: Encodable {
        var year: Int
        var title: String
        var docNumber: String
        var issued: String
        var years: [NavItem]
        var timeline: [HomeSection.TimelineStep]
        var status: String
        var notices: [NoticeSection.Summary]
        var figures: [LabelValue]
        var byType: [TypeCount]
        var showsAwards: Bool
        var byEnterprise: [EnterpriseCount]
        var chart: [BarChart.Row]
        var chartTitle: String
        var shortlistURL: String?
        var resultsURL: String?
    }

    struct TypeCount: Encodable {
        var type: String
        var registered: Int
        var shortlisted: Int
        var awarded: Int
    }

    struct EnterpriseCount: Encodable {
        var name: String
        var nameParts: [String]
        var url: String
        var shortlisted: Int
        var awarded: Int
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        for year in context.record.years {
            let model = Self.model(year, context)
            try files.addPage(SitePath.year(year.year), context, "year",
                context.pageModel(title: "\(year.year)年竞赛", path: SitePath.year(year.year), section: "years",
                                  description: year.title),
                model)
        }
    }

    static func model(_ year: PublicYear, _ context: RenderContext) -> YearModel {
        var figures: [LabelValue] = []
        var byType: [TypeCount] = []
        var byEnterprise: [EnterpriseCount] = []
        if let received = year.received {
            figures.append(LabelValue(label: "报名成果", value: "\(received) 项"))
        }
        if year.showsShortlist {
            let shortlist = year.shortlist
            figures.append(LabelValue(label: "入围现场发表", value: "\(shortlist.count) 项"))
            let prizes = year.prizes.flatMap(\.entries)
            if year.showsResults {
                figures.append(LabelValue(label: "获奖成果", value: "\(prizes.count) 项"))
                let excellent = year.excellentEnterprises.count
                if excellent > 0 { figures.append(LabelValue(label: "优秀企业", value: "\(excellent) 家")) }
            }
            let rules = year.rules
            let types = rules.types + year.receivedByType.keys.filter { !rules.types.contains($0) }.sorted()
            byType = types.map { type in
                TypeCount(type: type, registered: year.receivedByType[type] ?? 0,
                          shortlisted: shortlist.filter { $0.type == type }.count,
                          awarded: prizes.filter { $0.type == type }.count)
            }.filter { $0.registered > 0 }
            var counts: [String: EnterpriseCount] = [:]
            for registration in year.entries {
                let id = registration.enterpriseId
                var count = counts[id] ?? EnterpriseCount(name: context.enterpriseName(id), nameParts: NameBreaks.parts(context.enterpriseName(id)),
                                                          url: context.urls.link(SitePath.enterprise(id)), shortlisted: 0, awarded: 0)
                if registration.shortlisted { count.shortlisted += 1 }
                if registration.award != nil { count.awarded += 1 }
                counts[id] = count
            }
            byEnterprise = counts.values.filter { $0.shortlisted + $0.awarded > 0 }.sorted {
                ($0.shortlisted, $0.awarded, $1.name) > ($1.shortlisted, $1.awarded, $0.name)
            }
        }
        let chart = BarChart(title: "\(year.year)年各单位入围现场发表的成果数",
                             bars: byEnterprise.map { BarChart.Bar(label: $0.name, value: $0.shortlisted,
                                                                   part: year.showsResults ? $0.awarded : 0) })
        return YearModel(
            year: year.year, title: year.title, docNumber: year.docNumber ?? "",
            issued: year.issued.map { "\(context.longDate($0))印发" } ?? "",
            years: context.yearLinks(current: year.year),
            timeline: HomeSection.timeline(year, context), status: status(year, context),
            notices: context.record.notices.filter { $0.year == year.year }.map { NoticeSection.summary($0, context) },
            figures: figures, byType: byType, showsAwards: year.showsResults, byEnterprise: byEnterprise, chart: chart.rows, chartTitle: chart.title,
            shortlistURL: year.showsShortlist ? context.urls.link(SitePath.shortlist(year.year)) : nil,
            resultsURL: year.showsResults ? context.urls.link(SitePath.results(year.year)) : nil)
    }

    /// One sentence on where the year stands.
    static func status(_ year: PublicYear, _ context: RenderContext) -> String {
        let dates = Dictionary(year.stages.map { ($0.stage, $0) }, uniquingKeysWith: { a, _ in a })
        switch year.published {
        case .registration:
            return dates[.registration]?.endsOn.map { "报名进行中，截止日期为\(context.longDate($0))。" } ?? "报名进行中。"
        case .review:
            return "报名已截止，资料初审进行中；入围名单公布前不公开参赛成果。"
        case .shortlist:
            return "入围现场发表名单已公布。"
        case .onsite:
            return "入围名单已公布，现场发表进行中；评选结果公布后更新。"
        case .results:
            return "本届竞赛评选结果已公布。"
        }
    }
}

extension RenderContext {
    /// `2024-09-06` as `2024年9月6日`.
    func longDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }
}
