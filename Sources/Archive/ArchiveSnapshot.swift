import GRDB
import TextKeys
import Parallelism

/// The whole archive read into memory in one read transaction: what rules, ranking and
/// rendering work from. Even a national archive of tens of thousands of entries a year fits.
public struct ArchiveSnapshot: Sendable {
    public let registry: Registry
    public var writing: Writing
    /// Years in ascending order.
    public var years: [YearRecords]

    /// Enterprises by id: every row of every rendered list looks its enterprise up.
    private let enterprisesById: [String: Enterprise]

    public init(registry: Registry, writing: Writing, years: [YearRecords]) {
        self.registry = registry
        self.writing = writing
        self.years = years.sorted { $0.year < $1.year }
        enterprisesById = Dictionary(registry.enterprises.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func year(_ year: Int) -> YearRecords? {
        years.first { $0.year == year }
    }

    public func enterprise(id: String) -> Enterprise? {
        enterprisesById[id]
    }

    /// The name on the enterprise's seal, as the registry has it; the id where the registry
    /// no longer lists it (an archived year keeps its enterprises, so this is rare).
    public func enterpriseName(_ id: String) -> String {
        enterprisesById[id]?.name ?? id
    }
}

extension ArchiveDatabase {
    /// Reads every record of the archive, consistently.
    public func snapshot() throws -> ArchiveSnapshot {
        try snapshot(reusing: [:])
    }

    /// `snapshot()`, with the archived years in `known` taken as given instead of read again:
    /// years a build read ahead (`yearRecords(except:)`) while its import wrote only others.
    /// The caller vouches that nothing wrote those years since they were read.
    /// - Parameter leavingWriteups: read the write-ups without their Markdown, which each
    ///   year's `WriteupTexts` reads when a page needs it (a rebuild keys its pages by the
    ///   write-ups' digests and renders few).
    public func snapshot(reusing known: [Int: YearRecords], leavingWriteups: Bool = false) throws -> ArchiveSnapshot {
        try writer.read { db in
            let (registry, writing) = try Self.loadRegistryAndWriting(db)
            let years = try Self.archivedYears(db).map { year in
                try known[year] ?? Self.loadYear(try Self.competition(year, db), db, leavingWriteupsIn: leavingWriteups ? writer.path : nil)
            }
            return ArchiveSnapshot(registry: registry, writing: writing, years: years)
        }
    }

    /// A year's write-ups, by registration, their Markdown left in the archive: what an import
    /// takes the write-up of a file unchanged since it was archived from (`Writeup.source`).
    public func writeupsLeftInArchive(year: Int) throws -> [String: Writeup] {
        try writer.read { db in
            Dictionary(try RegistrationRows.writeups(year: year, text: false, in: db).map { ($0.registrationId, $0) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    /// The records of every archived year but those `excluded`, by year, in one read: what a
    /// build reads on another core while its import replaces the excluded years.
    public func yearRecords(except excluded: Set<Int>, leavingWriteups: Bool = false) throws -> [Int: YearRecords] {
        try writer.read { db in
            var years: [Int: YearRecords] = [:]
            for year in try Self.archivedYears(db) where !excluded.contains(year) {
                years[year] = try Self.loadYear(try Self.competition(year, db), db, leavingWriteupsIn: leavingWriteups ? writer.path : nil)
            }
            return years
        }
    }

    /// Each year's competition and stage dates only, without its records: what the warning about
    /// a stage left behind its dates needs when nothing else is read.
    public func calendars() throws -> [YearRecords] {
        try writer.read { db in
            try Self.archivedYears(db).map { year in
                var records = YearRecords(competition: try Self.competition(year, db))
                records.stages = try CompetitionStage.filter(Column("year") == year).fetchAll(db).sorted { $0.stage < $1.stage }
                return records
            }
        }
    }

    /// The registry and the notices and pages as archived, without the years: what an import
    /// compares with the content to know whether it changes anything besides years.
    public func registryAndWriting() throws -> (Registry, Writing) {
        try writer.read { db in try Self.loadRegistryAndWriting(db) }
    }

    /// The archived years, ascending.
    static func archivedYears(_ db: Database) throws -> [Int] {
        try Int.fetchAll(db, sql: "SELECT year FROM competition ORDER BY year")
    }

    private static func loadRegistryAndWriting(_ db: Database) throws -> (Registry, Writing) {
        let registry = Registry(
            enterprises: try Enterprise.order(Column("id")).fetchAll(db),
            aliases: try EnterpriseAlias.order(Column("alias")).fetchAll(db))
        let writing = Writing(
            notices: try Notice.order(Column("date").desc, Column("slug")).fetchAll(db),
            pages: try Page.order(Column("slug")).fetchAll(db))
        return (registry, writing)
    }

    /// One year's competition; rules that no longer decode name the year and the repair.
    private static func competition(_ year: Int, _ db: Database) throws -> Competition {
        do {
            return try Competition.fetchOne(db, key: year)!
        } catch let error where !(error is DatabaseError) {
            throw ArchiveError("存档中 \(year) 年的竞赛规则无法读取（\(error)）；"
                               + "请运行 qcsite import --year \(year) --force 重新导入该年度，或从 archive-backups/ 恢复备份")
        }
    }

    /// - Parameters:
    ///   - writeupText: false: the write-ups without their Markdown.
    ///   - archive: the archive's path, for the write-ups' Markdown to be read from when a page
    ///     needs it (implies no `writeupText`).
    static func loadYear(_ competition: Competition, _ db: Database, writeupText: Bool = true,
                         leavingWriteupsIn archive: String? = nil) throws -> YearRecords {
        let y = competition.year
        var year = YearRecords(competition: competition)
        let inYear = Column("year") == y
        year.stages = try CompetitionStage.filter(inYear).fetchAll(db)
            .sorted { $0.stage < $1.stage }
        year.registrations = try RegistrationRows.registrations(year: y, in: db)
        year.people = try RegistrationRows.people(year: y, in: db)
        year.materials = try RegistrationRows.materials(year: y, in: db)
        year.writeups = try RegistrationRows.writeups(year: y, text: writeupText && archive == nil, in: db)
        if let archive {
            let texts = WriteupTexts(path: archive, year: y)
            for index in year.writeups.indices { year.writeups[index].texts = texts }
        }
        year.judges = try Judge.filter(inYear).order(Column("source_line")).fetchAll(db)
        year.sheets = try ScoredSheet.fetchAll(db, ScoreSheet.filter(inYear).order(Column("id"))
            .including(all: ScoreSheet.items.order(Column("item"))))
        year.awards = try Award.filter(inYear).order(Column("source_line")).fetchAll(db)
        year.applications = try Application.filter(inYear).order(Column("source_line")).fetchAll(db)
        year.claims = try Claim.filter(inYear).order(Column("application_id"), Column("position")).fetchAll(db)
        year.publications = try Publication.filter(inYear).order(Column("application_id"), Column("position")).fetchAll(db)
        year.decisions = try Decision.filter(inYear).order(Column("source_line")).fetchAll(db)
        return year
    }
}

extension ArchiveSnapshot {
    /// What an archive that held nothing holds once `replace(registry:writing:years:)` has
    /// written these and `snapshot()` reads them back: every list in the order `snapshot()` reads
    /// it, the score sheets numbered as an empty archive numbers them. A first build renders from
    /// it while the archive is written on another core, and compares it with the archive's own
    /// snapshot (`sameRecords(as:)`) before anything is published.
    public init(writtenToEmptyArchive registry: Registry, writing: Writing, years: [YearRecords]) {
        // (The orders are those of `loadRegistryAndWriting`, `loadYear` and `RegistrationRows`,
        // text in SQLite's order, by its bytes.)
        let registry = Registry(enterprises: registry.enterprises.sorted { Bytes($0.id) < Bytes($1.id) },
                                aliases: registry.aliases.sorted { Bytes($0.alias) < Bytes($1.alias) })
        let writing = Writing(notices: writing.notices.sorted { (Bytes($1.date), Bytes($0.slug)) < (Bytes($0.date), Bytes($1.slug)) },
                              pages: writing.pages.sorted { Bytes($0.slug) < Bytes($1.slug) })
        // Score sheets are numbered across the years in their order, as they are written.
        var firstSheets: [Int64] = [], first: Int64 = 1
        for year in years {
            firstSheets.append(first)
            first += Int64(year.sheets.count)
        }
        // (Each year sorted on its own core: a national first build's tens of thousands of rows.)
        let years = Parallel.map(Array(zip(years, firstSheets))) { written, firstSheet in
            var year = written
            var nextSheet = firstSheet
            year.stages.sort { $0.stage < $1.stage }
            year.registrations.sort(by: Registration.inFormOrder)
            year.people.sort {
                (Bytes($0.registrationId), Bytes($0.role.rawValue), $0.position) < (Bytes($1.registrationId), Bytes($1.role.rawValue), $1.position)
            }
            year.materials.sort { (Bytes($0.registrationId), Bytes($0.material)) < (Bytes($1.registrationId), Bytes($1.material)) }
            year.writeups.sort { Bytes($0.registrationId) < Bytes($1.registrationId) }
            year.judges.sort { $0.sourceLine < $1.sourceLine }
            year.sheets = year.sheets.map { scored in
                defer { nextSheet += 1 }
                var sheet = scored.sheet
                sheet.id = nextSheet
                let items = scored.items.map { ScoreItem(sheetId: nextSheet, item: $0.item, score: $0.score) }.sorted { Bytes($0.item) < Bytes($1.item) }
                return ScoredSheet(sheet: sheet, items: items)
            }
            year.awards.sort { $0.sourceLine < $1.sourceLine }
            year.applications.sort { $0.sourceLine < $1.sourceLine }
            year.claims.sort { (Bytes($0.applicationId), $0.position) < (Bytes($1.applicationId), $1.position) }
            year.publications.sort { (Bytes($0.applicationId), $0.position) < (Bytes($1.applicationId), $1.position) }
            year.decisions.sort { $0.sourceLine < $1.sourceLine }
            return year
        }
        self.init(registry: registry, writing: writing, years: years)
    }

    /// Text as SQLite orders it (BINARY: by its UTF-8 bytes, `ByteOrder`), where Swift's `<`
    /// orders strings by their canonical form.
    private struct Bytes: Comparable {
        let text: String
        init(_ text: String) { self.text = text }
        static func < (a: Bytes, b: Bytes) -> Bool { ByteOrder.compare(a.text, b.text) < 0 }
        static func == (a: Bytes, b: Bytes) -> Bool { ByteOrder.compare(a.text, b.text) == 0 }
    }

    /// Whether both hold the same records in the same order.
    public func sameRecords(as other: ArchiveSnapshot) -> Bool {
        registry == other.registry && writing == other.writing && years == other.years
    }
}
