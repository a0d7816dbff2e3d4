import GRDB

/// A judge of a year and the enterprise the judge belongs to (for 回避), if it is registered.
public struct Judge: ArchiveRecord {
    public static let databaseTableName = "judge"
    public var year: Int
    public var name: String
    public var enterpriseId: String?
    /// The organisation as written, kept also when it is outside the registry (a university).
    public var organisation: String
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, name, enterpriseId = "enterprise_id", organisation, extra = "extra_json",
            sourceLine = "source_line"
    }

    public init(year: Int, name: String, enterpriseId: String?, organisation: String,
                extra: [String: String] = [:], sourceLine: Int) {
        self.year = year
        self.name = name
        self.enterpriseId = enterpriseId
        self.organisation = organisation
        self.extra = extra
        self.sourceLine = sourceLine
    }
}

/// The two scoring rounds.
public enum ScoreRound: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case material, onsite
}

/// One judge's score sheet for one achievement in one round.
public struct ScoreSheet: ArchiveRecord {
    public static let databaseTableName = "score_sheet"
    public var id: Int64?
    public var year: Int
    public var round: ScoreRound
    public var registrationId: String
    public var judge: String
    /// The sum of the items, or the `总分` column where the sheet has no items.
    public var total: Double
    public var hasItems: Bool
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourcePath: String
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case id, year, round, registrationId = "registration_id", judge, total, hasItems = "has_items",
            extra = "extra_json", sourcePath = "source_path", sourceLine = "source_line"
    }

    public init(id: Int64? = nil, year: Int, round: ScoreRound, registrationId: String, judge: String,
                total: Double, hasItems: Bool, extra: [String: String] = [:], sourcePath: String, sourceLine: Int) {
        self.id = id
        self.year = year
        self.round = round
        self.registrationId = registrationId
        self.judge = judge
        self.total = total
        self.hasItems = hasItems
        self.extra = extra
        self.sourcePath = sourcePath
        self.sourceLine = sourceLine
    }
}

/// One item of a score sheet (选题, 原因分析, …).
public struct ScoreItem: ArchiveRecord {
    public static let databaseTableName = "score_item"
    public var sheetId: Int64
    public var item: String
    public var score: Double

    enum CodingKeys: String, CodingKey {
        case sheetId = "sheet_id", item, score
    }

    public init(sheetId: Int64, item: String, score: Double) {
        self.sheetId = sheetId
        self.item = item
        self.score = score
    }
}

/// A result staff recorded: a year without score sheets, or a final decision that overrides the computed one.
public struct Award: ArchiveRecord {
    public static let databaseTableName = "award"
    public var year: Int
    public var registrationId: String
    public var award: String?
    public var shortlisted: Bool?
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, registrationId = "registration_id", award, shortlisted, extra = "extra_json",
            sourceLine = "source_line"
    }

    public init(year: Int, registrationId: String, award: String?, shortlisted: Bool?, extra: [String: String] = [:], sourceLine: Int) {
        self.year = year
        self.registrationId = registrationId
        self.award = award
        self.shortlisted = shortlisted
        self.extra = extra
        self.sourceLine = sourceLine
    }
}

extension ScoreSheet {
    /// The sheet's items, read with it in one request.
    public static let items = hasMany(ScoreItem.self, key: "items")
}

/// A score sheet with its items: how a year's sheets are read and written.
public struct ScoredSheet: Sendable, Equatable, Codable, FetchableRecord {
    public var sheet: ScoreSheet
    /// The items (选题, 原因分析, …); empty for a sheet with a 总分 only.
    public var items: [ScoreItem]

    public init(sheet: ScoreSheet, items: [ScoreItem]) {
        self.sheet = sheet
        self.items = items
    }
}
