import Archive

/// What every rule of one year reads: the year, its rules, the archive around it and the
/// standings of every year (computed, or recorded in awards.csv).
struct RuleContext {
    var snapshot: ArchiveSnapshot
    var standings: [Int: YearStandings]
    var year: YearRecords
    var rules: CompetitionRules
    private var enterprises: [String: Enterprise]

    init(snapshot: ArchiveSnapshot, standings: [Int: YearStandings], year: YearRecords, rules: CompetitionRules) {
        self.snapshot = snapshot
        self.standings = standings
        self.year = year
        self.rules = rules
        enterprises = Dictionary(snapshot.registry.enterprises.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The enterprise's seal name, as staff know it; the id where the registry lost it.
    func name(_ enterpriseId: String) -> String {
        enterprises[enterpriseId]?.name ?? enterpriseId
    }

    func enterprise(_ id: String) -> Enterprise? { enterprises[id] }

    /// Registrations still in the competition: rules about an entry's own form skip the ones
    /// staff already withdrew or disqualified (a finding would ask for an action already taken).
    var activeRegistrations: [Registration] {
        year.registrations.filter { $0.status == .active }
    }

    /// The award the archive holds for an entry of a year: recorded in awards.csv or computed.
    func award(year: Int, registrationId: String) -> String? {
        standings[year]?.standing(registrationId)?.award
    }
}
