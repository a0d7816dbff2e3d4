import Archive

/// What every rule of one year reads: the year, its rules, its standings, the archive around it
/// and the standings of every year (computed, or recorded in awards.csv).
struct RuleContext {
    var snapshot: ArchiveSnapshot
    var standings: [Int: YearStandings]
    var year: YearRecords
    /// The year's own ranking: the sheets it left out, the ties at its cuts, its prizes.
    var standing: YearStandings
    var rules: CompetitionRules { standing.rules }
    /// The findings of the rules checked before this one (for `decision-unmatched`, checked last).
    var earlierFindings: [Finding] = []

    /// The enterprise's seal name, as staff know it.
    func name(_ enterpriseId: String) -> String {
        snapshot.enterpriseName(enterpriseId)
    }

    func enterprise(_ id: String) -> Enterprise? { snapshot.enterprise(id: id) }

    /// Rules about an entry's own form skip the entries staff already withdrew or disqualified:
    /// a finding would ask for an action already taken. Kept, not filtered again by every rule.
    let activeRegistrations: [Registration]

    init(snapshot: ArchiveSnapshot, standings: [Int: YearStandings], year: YearRecords, standing: YearStandings) {
        self.snapshot = snapshot
        self.standings = standings
        self.year = year
        self.standing = standing
        activeRegistrations = year.activeRegistrations
    }

    /// The award the archive holds for an entry of a year: recorded in awards.csv or computed.
    func award(year: Int, registrationId: String) -> String? {
        standings[year]?.standing(registrationId)?.award
    }
}
