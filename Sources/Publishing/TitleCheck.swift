import Foundation
import Disclosure

/// The data of "can this title be registered?" (拟申报课题查重): the titles a proposed title
/// is compared with, and the threshold of the year being registered for.
///
/// The no-resubmission rule compares a year's registrations with those of the `years_back`
/// years before it. Only titles the public record already shows may be shipped, so the page
/// compares with the public part of those years and says so; `qcsite check` compares with all.
struct TitleCheck: Encodable {
    struct Title: Encodable {
        var year: Int
        var id: String
        var title: String
        var enterprise: String
        var url: String

        enum CodingKeys: String, CodingKey {
            case year = "y", id, title = "t", enterprise = "e", url = "u"
        }
    }

    /// The year a proposed title would be registered in.
    var forYear: Int
    /// The years compared (older first), only those with public titles.
    var years: [Int]
    var threshold: Double
    /// Which titles are compared, in words, shown on the page.
    var scope: String
    var titles: [Title]

    enum CodingKeys: String, CodingKey {
        case forYear = "for_year", years, threshold, scope, titles
    }

    // Stored, not computed: Mustache sees stored properties only.
    var thresholdPercent: String
    var hasTitles: Bool

    init(forYear: Int, years: [Int], threshold: Double, scope: String, titles: [Title]) {
        self.forYear = forYear
        self.years = years
        self.threshold = threshold
        self.scope = scope
        self.titles = titles
        thresholdPercent = "\(Int((threshold * 100).rounded()))%"
        hasTitles = !titles.isEmpty
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The year being registered for is the newest archived year while its registrations are
    /// not yet public, else the year after it; its rules give `years_back` and the threshold.
    static func build(_ context: RenderContext) -> TitleCheck {
        let record = context.record
        let years = context.record.years
        guard let newest = years.last else {
            return TitleCheck(forYear: 0, years: [], threshold: CompetitionRules().resubmission.similarity,
                              scope: "存档中还没有年度数据，暂无可比对的课题。", titles: [])
        }
        let forYear = record.registrationYear ?? newest.year
        let rules = (record.year(forYear) ?? newest).rules
        let back = max(1, rules.resubmission.yearsBack)

        var compared: [Int] = []
        var titles: [Title] = []
        var parts: [String] = []
        for y in (forYear - back)..<forYear {
            guard let year = context.record.year(y) else { continue }
            let visible = year.entries.sorted(by: PublicEntry.byID)
            guard !visible.isEmpty else { continue }
            compared.append(y)
            parts.append("\(y)年度已公开的\(scopeName(year, record))课题（\(visible.count)项）")
            for registration in visible {
                let url = registration.hasPage ? SitePath.achievement(y, registration.id) : SitePath.shortlist(y)
                titles.append(Title(year: y, id: registration.id, title: registration.title,
                                    enterprise: registration.enterprise,
                                    url: context.urls.link(url)))
            }
        }
        let scope = parts.isEmpty
            ? "\(forYear - back)年度的报名课题尚未公开，暂无可比对的课题。"
            : "比对范围：" + parts.joined(separator: "，") + "。"
        return TitleCheck(forYear: forYear, years: compared, threshold: rules.resubmission.similarity, scope: scope, titles: titles)
    }

    /// What part of a year's registrations the public record shows.
    static func scopeName(_ year: PublicYear, _ record: PublicRecord) -> String {
        guard year.showsResults else { return "入围名单" }
        switch record.policy {
        case .all: return "全部有效报名"
        case .shortlisted: return "入围及获奖成果"
        case .awarded: return "获奖成果"
        }
    }
}
