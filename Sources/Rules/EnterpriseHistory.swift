import Foundation
import Archive

/// An enterprise's record year by year and whether it meets the excellent-enterprise award condition.
public struct EnterpriseHistory: Sendable, Encodable {
    public struct EnterpriseRef: Sendable, Encodable {
        public var id: String
        public var name: String
        /// The member unit (会员单位) it belongs to; absent for a member unit itself. An extension of the contract.
        public var memberUnit: MemberUnit?

        enum CodingKeys: String, CodingKey { case id, name, memberUnit = "member_unit" }
    }

    public struct MemberUnit: Sendable, Encodable {
        public var id: String
        public var name: String
    }

    public struct Entry: Sendable, Encodable {
        public var id: String
        public var title: String
        public var group: String
        public var type: String
        public var shortlisted: Bool
        public var award: String?
        public var status: String
        /// Place in the material review, where scores ranked it (an extension of the contract).
        public var materialRank: Int?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(group, forKey: .group)
            try c.encode(type, forKey: .type)
            try c.encode(shortlisted, forKey: .shortlisted)
            try c.encode(award, forKey: .award)
            try c.encode(status, forKey: .status)
            try c.encode(materialRank, forKey: .materialRank)
        }
        enum CodingKeys: String, CodingKey {
            case id, title, group, type, shortlisted, award, status, materialRank = "material_rank"
        }
    }

    public struct Year: Sendable, Encodable {
        public var year: Int
        public var registrations: [Entry]
    }

    public typealias AwardInWindow = ExcellentWindow.Award

    public struct Eligibility: Sendable, Encodable {
        public var forYear: Int
        public var window: [Int]
        public var awardsInWindow: [AwardInWindow]
        public var meetsAwardCondition: Bool
        /// The condition in words, for the text report (not in the JSON).
        var condition: String

        enum CodingKeys: String, CodingKey {
            case forYear = "for_year", window, awardsInWindow = "awards_in_window", meetsAwardCondition = "meets_award_condition"
        }
    }

    public var enterprise: EnterpriseRef
    public var years: [Year]
    /// Years in which its application was selected 优秀企业 (an extension of the contract).
    public var excellentEnterpriseYears: [Int]
    public var eligibility: Eligibility
    /// The award condition for the newest archived year itself, while its results are not yet
    /// out: the application round that is open now (an extension of the contract).
    public var currentRound: Eligibility?

    enum CodingKeys: String, CodingKey {
        case enterprise, years, excellentEnterpriseYears = "excellent_enterprise_years", eligibility
        case currentRound = "current_round"
    }

    /// The history of `enterpriseId` from the archive; `standings` are each year's ranking by year.
    public static func build(enterpriseId: String, snapshot: ArchiveSnapshot, standings: [Int: YearStandings],
                             visibleYear: (YearRecords) -> Bool = { _ in true }) -> EnterpriseHistory? {
        guard let enterprise = snapshot.enterprise(id: enterpriseId) else { return nil }
        var years: [Year] = []
        for year in snapshot.years where visibleYear(year) {
            let entries = year.registrations.filter { $0.enterpriseId == enterpriseId }.map { r in
                let standing = standings[year.year]?.standing(r.id)
                return Entry(id: r.id, title: r.title, group: r.groupName, type: r.type,
                             shortlisted: standing?.shortlisted ?? false, award: standing?.award, status: r.status.rawValue,
                             materialRank: standing?.materialRank)
            }
            if !entries.isEmpty { years.append(Year(year: year.year, registrations: entries)) }
        }
        let excellent = snapshot.years.filter(visibleYear).filter { year in
            year.applications.contains { $0.enterpriseId == enterpriseId && $0.isSelected }
        }.map(\.year)
        let unit = enterprise.memberUnitId.flatMap { snapshot.enterprise(id: $0) }.map { MemberUnit(id: $0.id, name: $0.name) }
        let forYear = ExcellentWindow.applicationYear(.nextYear, years: snapshot.years)!
        let current = ExcellentWindow.applicationYear(.openRound, years: snapshot.years).map { year in
            eligibility(enterpriseId, ExcellentWindow(forYear: year, standings: standings), snapshot, standings)
        }
        return EnterpriseHistory(
            enterprise: EnterpriseRef(id: enterprise.id, name: enterprise.name, memberUnit: unit),
            years: years,
            excellentEnterpriseYears: excellent,
            eligibility: eligibility(enterpriseId, ExcellentWindow(forYear: forYear, standings: standings), snapshot, standings),
            currentRound: current)
    }

    /// The award condition of one application year for the enterprise.
    static func eligibility(_ enterpriseId: String, _ window: ExcellentWindow, _ snapshot: ArchiveSnapshot,
                            _ standings: [Int: YearStandings]) -> Eligibility {
        let awards = window.countedAwards(of: enterpriseId, snapshot: snapshot, standings: standings)
        return Eligibility(forYear: window.forYear, window: window.years, awardsInWindow: awards,
                           meetsAwardCondition: !awards.isEmpty, condition: window.conditionText)
    }

    /// The award condition for `forYear` under `rules`: a counted award in the window.
    public static func eligibility(enterpriseId: String, forYear: Int, snapshot: ArchiveSnapshot,
                                   standings: [Int: YearStandings], rules: CompetitionRules) -> Eligibility {
        eligibility(enterpriseId, ExcellentWindow(forYear: forYear, rules: rules), snapshot, standings)
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// A short report a staff member can paste into a reply.
    public func text() -> String {
        var lines = ["\(enterprise.name)（\(enterprise.id)）参赛记录"]
        if let unit = enterprise.memberUnit { lines.append("所属会员单位：\(unit.name)") }
        lines.append("")
        if years.isEmpty { lines.append("存档中没有该单位的报名记录。") }
        for year in years {
            let shortlisted = year.registrations.filter(\.shortlisted).count
            let awarded = year.registrations.compactMap(\.award)
            var summary = "\(year.year)年：申报 \(year.registrations.count) 项"
            if shortlisted > 0 { summary += "，入围 \(shortlisted) 项" }
            if !awarded.isEmpty { summary += "，获奖 \(awarded.count) 项" }
            lines.append(summary)
            for entry in year.registrations {
                var outcome: [String] = []
                if entry.status == "withdrawn" { outcome.append("已撤回") }
                if entry.status == "disqualified" { outcome.append("取消资格") }
                if entry.shortlisted {
                    let words = Outcome.shortlisted.words
                    outcome.append(entry.materialRank.map { "\(words)（资料评审第 \($0) 名）" } ?? words)
                }
                if let award = entry.award { outcome.append(award) }
                let suffix = outcome.isEmpty ? "" : "  — " + outcome.joined(separator: "，")
                lines.append("  \(entry.id)  《\(entry.title)》 \(entry.group)（\(entry.type)）\(suffix)")
            }
        }
        if !excellentEnterpriseYears.isEmpty {
            lines.append("")
            lines.append("获评质量管理小组活动优秀企业：\(excellentEnterpriseYears.map { "\($0)年" }.joined(separator: "、"))")
        }
        lines.append("")
        if let currentRound { lines.append(Self.sentence(currentRound, label: "（本届，评选尚未结束）")) }
        lines.append(Self.sentence(eligibility, label: ""))
        lines.append("注：发表论文（省级及以上）等其他条件以申报材料为准。")
        return lines.joined(separator: "\n")
    }

    /// One line on the award condition of an application year.
    static func sentence(_ e: Eligibility, label: String) -> String {
        let window = "\(e.window.first.map(String.init) ?? "")–\(e.window.last.map(String.init) ?? "")年"
        guard e.meetsAwardCondition else {
            return "\(e.forYear)年\(label)优秀企业申报：不符合「\(e.condition)」条件（\(window)无获奖成果）。"
        }
        let list = e.awardsInWindow.map { "\($0.year)年《\($0.title)》\($0.award)" }.joined(separator: "；")
        return "\(e.forYear)年\(label)优秀企业申报：符合「\(e.condition)」条件（\(window)：\(list)）。"
    }
}
