import Archive

/// Applies every rule of the contract to one year of the archive.
public enum Checker {
    /// The findings of `year`, including the ranking's own (judge-conflict, score-range,
    /// shortlist-tie, award-quota), in report order. `standings` holds every archived year's standings:
    /// the excellent-enterprise rules read the years before.
    public static func check(snapshot: ArchiveSnapshot, standings: [Int: YearStandings], year: Int) throws -> [Finding] {
        guard let records = snapshot.year(year) else { return [] }
        let own = try standings[year] ?? Ranking.rank(records)
        let context = RuleContext(snapshot: snapshot, standings: standings, year: records, rules: own.rules)
        let findings = ResubmissionRule.check(context)
            + RegistrationRules.check(context)
            + own.findings
            + ExcellentEnterpriseRules.check(context)
            + ClaimRule.check(context)
        return sorted(findings)
    }

    /// Standings of every archived year, as `check` and `history` need them.
    /// Throws when a year's stored rules cannot be read.
    public static func standings(_ snapshot: ArchiveSnapshot) throws -> [Int: YearStandings] {
        Dictionary(uniqueKeysWithValues: try snapshot.years.map { ($0.year, try Ranking.rank($0)) })
    }

    /// Errors first, then the rule order of `RuleID.all`, then subject; the message breaks the
    /// remaining ties so the same archive always prints the same report.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        let ruleOrder = Dictionary(uniqueKeysWithValues: RuleID.all.enumerated().map { ($1, $0) })
        return findings.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.severity != b.severity { return a.severity < b.severity }
            let (ra, rb) = (ruleOrder[a.rule] ?? Int.max, ruleOrder[b.rule] ?? Int.max)
            if ra != rb { return ra < rb }
            if a.subject != b.subject { return a.subject < b.subject }
            if a.message != b.message { return a.message < b.message }
            return x.offset < y.offset
        }.map(\.element)
    }
}
