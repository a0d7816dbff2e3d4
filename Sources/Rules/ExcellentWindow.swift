import Foundation
import Archive

/// The excellent-enterprise (优秀企业) award condition of one application year Y: an award of
/// `excellent_group_awards` in the window Y-N … Y-1 (N = `excellent_window_years`), under the
/// rules that apply to Y. The one place for the window, the awards that count and which
/// application year each audience asks about: `check`, `history` and the public pages share it.
public struct ExcellentWindow: Sendable, Encodable {
    /// An award of the enterprise in the window, counted or not.
    public struct Award: Sendable, Encodable, Equatable {
        public var year: Int
        public var id: String
        public var title: String
        public var award: String
    }

    /// Who asks which application year.
    public enum Audience: Sendable {
        /// The public site: the year after the newest year whose results are published, so every
        /// award in its window is already public.
        case publicSite
        /// `history`: the year after the newest archived year.
        case nextYear
        /// The round open now: the newest archived year, while its results are not yet out.
        case openRound
        /// A title proposed now: the newest archived year while its registrations are not yet
        /// public (before the shortlist), else the year after it.
        case registration
    }

    public let forYear: Int
    /// Y-N … Y-1, ascending.
    public let years: [Int]
    public let countedAwards: [String]
    /// The rules that apply to the application year.
    public let rules: CompetitionRules
    /// The archived year whose rules those are (nil: the notice's defaults, or rules given as such).
    public let rulesYear: Int?

    public init(forYear: Int, rules: CompetitionRules, rulesYear: Int? = nil) {
        self.forYear = forYear
        self.rules = rules
        self.rulesYear = rulesYear
        years = Array((forYear - rules.excellentWindowYears)..<forYear)
        countedAwards = rules.excellentGroupAwards
    }

    /// The window of `forYear` under its own rules when it is archived, else those of the
    /// nearest earlier archived year (the rules staff last wrote), else the notice's defaults.
    public init(forYear: Int, standings: [Int: YearStandings]) {
        let ruling = standings.keys.filter { $0 <= forYear }.max()
        self.init(forYear: forYear, rules: ruling.flatMap { standings[$0]?.rules } ?? CompetitionRules(), rulesYear: ruling)
    }

    /// The application year `audience` asks about; nil for `openRound` when no round is open.
    public static func applicationYear(_ audience: Audience, years: [YearRecords]) -> Int? {
        switch audience {
        case .publicSite:
            let newestResults = years.last { $0.competition.published >= .results }?.year ?? (years.first?.year ?? 1) - 1
            return newestResults + 1
        case .nextYear:
            return (years.last?.year ?? Calendar(identifier: .gregorian).component(.year, from: Date())) + 1
        case .openRound:
            return years.last.flatMap { $0.competition.published < .results ? $0.year : nil }
        case .registration:
            guard let newest = years.last else { return nil }
            return newest.competition.published >= .shortlist ? newest.year + 1 : newest.year
        }
    }

    /// Every award the enterprise holds in the window (recorded or computed), oldest first.
    public func awards(of enterpriseId: String, snapshot: ArchiveSnapshot, standings: [Int: YearStandings]) -> [Award] {
        awardsByEnterprise(snapshot: snapshot, standings: standings)[enterpriseId] ?? []
    }

    /// Every award in the window by enterprise id, each enterprise's oldest first: one pass over
    /// the window's entries, for a caller asking about many enterprises (a national archive has
    /// thousands, and tens of thousands of entries in a window).
    public func awardsByEnterprise(snapshot: ArchiveSnapshot, standings: [Int: YearStandings]) -> [String: [Award]] {
        var awards: [String: [Award]] = [:]
        for y in years {
            guard let year = snapshot.year(y), let standing = standings[y] else { continue }
            for r in year.registrations {
                guard let award = standing.standing(r.id)?.award else { continue }
                awards[r.enterpriseId, default: []].append(Award(year: y, id: r.id, title: r.title, award: award))
            }
        }
        return awards
    }

    /// The awards that count for the condition.
    public func countedAwards(of enterpriseId: String, snapshot: ArchiveSnapshot, standings: [Int: YearStandings]) -> [Award] {
        awards(of: enterpriseId, snapshot: snapshot, standings: standings).filter { countedAwards.contains($0.award) }
    }

    /// Window years the archive does not hold: an award may lie there.
    public func yearsNotArchived(_ snapshot: ArchiveSnapshot) -> [Int] {
        years.filter { snapshot.year($0) == nil }
    }

    /// `2021–2023年`.
    public var span: String {
        "\(years.first.map(String.init) ?? "")–\(years.last.map(String.init) ?? "")年"
    }

    /// The condition as the notice words it, with the year's own window: 近三年内有全省优秀质量管理小组.
    public var conditionText: String {
        "近\(Self.chineseCount(rules.excellentWindowYears))年内有全省优秀质量管理小组"
    }

    /// 1…10 as 一…十 (the way a notice writes a small count), larger counts in digits.
    static func chineseCount(_ n: Int) -> String {
        let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return (1...10).contains(n) ? digits[n - 1] : String(n)
    }
}
