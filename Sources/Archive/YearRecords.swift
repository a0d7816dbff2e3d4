
/// Everything the archive holds of one competition year; a year is written and read whole.
public struct YearRecords: Sendable, Equatable {
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

    /// Registrations still in the competition: withdrawn and disqualified entries leave the
    /// ranking, the rules about an entry's own form and the public site.
    public var activeRegistrations: [Registration] {
        registrations.filter { $0.status == .active }
    }
}

/// The registry of enterprises with their aliases.
public struct Registry: Sendable, Equatable {
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
