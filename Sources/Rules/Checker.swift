import Archive

/// Applies every rule of the contract to one year of the archive.
public enum Checker {
    /// Every rule, in report order.
    static let rules: [any Rule] = [
        ResubmissionRule(), MaxPerEnterpriseRule(), PresentersRule(), TypeRule(), DeadlineRule(), MaterialsRule(),
        JudgeConflictRule(), ScoreRangeRule(), ShortlistTieRule(), AwardQuotaRule(), ExcellentWindowRule(),
        ExcellentPublicationRule(), MemberUnitQuotaRule(), ProfileLengthRule(), ClaimUnverifiedRule(),
    ]

    /// The findings of `year`, in report order. `standings` holds every archived year's standings:
    /// the excellent-enterprise rules read the years before.
    public static func check(snapshot: ArchiveSnapshot, standings: [Int: YearStandings], year: Int) throws -> [Finding] {
        guard let records = snapshot.year(year) else { return [] }
        let context = RuleContext(snapshot: snapshot, standings: standings, year: records,
                                  standing: try standings[year] ?? Ranking.rank(records))
        return sorted(rules.flatMap { $0.findings(context) })
    }

    /// Standings of every archived year, as `check` and `history` need them.
    /// Throws when a year's stored rules cannot be read.
    public static func standings(_ snapshot: ArchiveSnapshot) throws -> [Int: YearStandings] {
        Dictionary(uniqueKeysWithValues: try snapshot.years.map { ($0.year, try Ranking.rank($0)) })
    }

    /// Errors first, then rule order, then subject; the message breaks the remaining ties so the
    /// same archive always prints the same report.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.severity != b.severity { return a.severity < b.severity }
            if a.rule != b.rule { return a.rule < b.rule }
            if a.subject != b.subject { return a.subject < b.subject }
            if a.message != b.message { return a.message < b.message }
            return x.offset < y.offset
        }.map(\.element)
    }
}
