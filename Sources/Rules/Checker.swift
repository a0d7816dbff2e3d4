import Archive
import Parallelism

/// Applies every rule of the contract to one year of the archive.
public enum Checker {
    /// Every rule, in report order.
    static let rules: [any Rule] = [
        ResubmissionRule(), MaxPerEnterpriseRule(), PresentersRule(), TypeRule(), DeadlineRule(), MaterialsRule(),
        JudgeConflictRule(), ScoreRangeRule(), ShortlistTieRule(), AwardQuotaRule(), ExcellentWindowRule(),
        ExcellentPublicationRule(), MemberUnitQuotaRule(), ProfileLengthRule(), ClaimUnverifiedRule(),
        DecisionUnmatchedRule(),
    ]

    /// The findings of `year`, in report order, each with staff's decision on it where
    /// decisions.csv records one. `standings` holds every archived year's standings: the
    /// excellent-enterprise rules read the years before.
    public static func check(snapshot: ArchiveSnapshot, standings: [Int: YearStandings], year: Int) throws -> [Finding] {
        guard let records = snapshot.year(year) else { return [] }
        var context = RuleContext(snapshot: snapshot, standings: standings, year: records,
                                  standing: try standings[year] ?? Ranking.rank(records))
        // The rules that read no findings, on both cores, their findings gathered in rule order.
        let shared = context
        context.earlierFindings = Parallel.map(rules.filter { !$0.readsFindings }) { $0.findings(shared) }.flatMap { $0 }
        for rule in rules where rule.readsFindings {
            context.earlierFindings += rule.findings(context)
        }
        return sorted(handling(context.earlierFindings, by: records.decisions))
    }

    /// Each finding with the decision recorded for its rule and subject (one decision covers
    /// every finding of that rule about that subject).
    static func handling(_ findings: [Finding], by decisions: [Decision]) -> [Finding] {
        let byKey = Dictionary(decisions.map { (DecisionUnmatchedRule.key($0.rule, $0.subject), $0) }, uniquingKeysWith: { a, _ in a })
        return findings.map { finding in
            var finding = finding
            if let decision = byKey[DecisionUnmatchedRule.key(finding.rule.rawValue, finding.subject)] {
                finding.handled = Finding.Handling(note: decision.note, date: decision.decidedOn)
            }
            return finding
        }
    }

    /// Standings of every archived year, as `check` and `history` need them.
    /// Throws when a year's stored rules cannot be read.
    public static func standings(_ snapshot: ArchiveSnapshot) throws -> [Int: YearStandings] {
        // Years rank on their own, side by side.
        let ranked = try Parallel.map(snapshot.years) { try Ranking.rank($0) }
        return Dictionary(uniqueKeysWithValues: zip(snapshot.years.map(\.year), ranked))
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
