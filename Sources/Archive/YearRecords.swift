
/// Everything the archive holds of one competition year; a year is written and read whole.
public struct YearRecords: Sendable, Equatable, Encodable {
    public var competition: Competition
    public var stages: [CompetitionStage] = []
    public var registrations: [Registration] = []
    public var people: [RegistrationPerson] = []
    public var materials: [RegistrationMaterial] = []
    public var writeups: [Writeup] = []
    public var judges: [Judge] = []
    public var sheets: [ScoredSheet] = []
    public var awards: [Award] = []
    public var applications: [Application] = []
    public var claims: [Claim] = []
    public var publications: [Publication] = []
    /// Staff's decisions on the year's findings.
    public var decisions: [Decision] = []

    public init(competition: Competition) {
        self.competition = competition
    }

    public var year: Int { competition.year }

    /// Whether the year's parts other than its competition row, registrations, people, materials
    /// and write-ups are the same as `other`'s, in the same order (score sheets compared without
    /// the ids the archive gives them).
    func sameBesidesRegistrations(_ other: YearRecords) -> Bool {
        // (Rows that name a registration must name one of `other`'s: a registration deleted
        // takes its rows with it, where writing the year whole would refuse them.)
        let ids = Set(other.registrations.map(\.id))
        return year == other.year && stages == other.stages && judges == other.judges && awards == other.awards
            && applications == other.applications && claims == other.claims && publications == other.publications
            && decisions == other.decisions && sheetsWithoutIds == other.sheetsWithoutIds
            && other.awards.allSatisfy { ids.contains($0.registrationId) } && other.sheets.allSatisfy { ids.contains($0.sheet.registrationId) }
    }

    /// The score sheets without the ids the archive gives them (a year written again renumbers them).
    var sheetsWithoutIds: [ScoredSheet] {
        sheets.map { scored in
            var scored = scored
            scored.sheet.id = nil
            scored.items = scored.items.map { ScoreItem(sheetId: 0, item: $0.item, score: $0.score) }
            return scored
        }
    }

    /// The year as the rules read it: without its achievement write-ups (no rule reads them) and
    /// the fingerprint of its files (which covers those), and with its score sheets without
    /// their ids, so that the same records read the same however often the year was written.
    public var checkedRecords: YearRecords {
        var year = self
        year.writeups = []
        year.competition.sourceFingerprint = nil
        year.sheets = sheetsWithoutIds
        return year
    }

    /// Registrations still in the competition: withdrawn and disqualified entries leave the
    /// ranking, the rules about an entry's own form and the public site.
    public var activeRegistrations: [Registration] {
        registrations.filter { $0.status == .active }
    }
}

/// The registry of enterprises with their aliases.
public struct Registry: Sendable, Equatable, Encodable {
    public var enterprises: [Enterprise]
    public var aliases: [EnterpriseAlias]

    public init(enterprises: [Enterprise], aliases: [EnterpriseAlias]) {
        self.enterprises = enterprises
        self.aliases = aliases
    }
}

/// Notices and pages: the site's own writing, replaced whole on each import.
public struct Writing: Sendable, Equatable {
    public var notices: [Notice]
    public var pages: [Page]

    public init(notices: [Notice], pages: [Page]) {
        self.notices = notices
        self.pages = pages
    }
}
