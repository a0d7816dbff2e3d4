import GRDB

extension ArchiveDatabase {
    /// Writes the registry, the writing and the given years in one transaction.
    /// Each given year replaces the archived year of the same number, which reads back as the given
    /// one (by its rows that differ when only its registrations, people, materials and write-ups
    /// changed); other archived years stay.
    /// Enterprises are updated in place and never deleted while an archived year refers to them.
    /// - Parameter beforeCommit: run last inside the transaction; when it throws, nothing is written.
    public func replace(registry: Registry, writing: Writing, years: [YearRecords], beforeCommit: () throws -> Void = {}) throws {
        try writer.write { db in
            try Self.store(registry: registry, in: db)
            try Page.deleteAll(db)
            try Notice.deleteAll(db)
            for notice in writing.notices { try notice.insert(db) }
            for page in writing.pages { try page.insert(db) }
            for year in years { try Self.store(year: year, in: db) }
            try beforeCommit()
        }
    }

    private static func store(registry: Registry, in db: Database) throws {
        try EnterpriseAlias.deleteAll(db)
        let keep = Set(registry.enterprises.map(\.id))
        let referenced = try enterpriseIdsInUse(db)
        for stale in try String.fetchAll(db, sql: "SELECT id FROM enterprise") where !keep.contains(stale) && !referenced.contains(stale) {
            _ = try Enterprise.deleteOne(db, key: stale)
        }
        // A renamed enterprise may take a name another id held before: free names first.
        // (Prepared once each: a national registry has thousands of enterprises. The upsert has
        // no conflict target, as GRDB's `upsert` had: any unique key, the id or the name.)
        let freeName = try db.cachedStatement(sql: "UPDATE enterprise SET name = char(1) || id WHERE id = ?")
        for id in keep { try freeName.execute(arguments: [id]) }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO enterprise (id, name, member_unit_id, is_member) VALUES (?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET name = excluded.name, member_unit_id = excluded.member_unit_id,
                is_member = excluded.is_member
            """)
        for enterprise in registry.enterprises {
            try upsert.execute(arguments: [enterprise.id, enterprise.name, enterprise.memberUnitId, enterprise.isMember])
        }
        let alias = try db.cachedStatement(sql: "INSERT INTO enterprise_alias (alias, enterprise_id) VALUES (?, ?)")
        for entry in registry.aliases { try alias.execute(arguments: [entry.alias, entry.enterpriseId]) }
    }

    /// Enterprises an archived year refers to: kept even when the registry no longer lists them.
    public func enterpriseIdsInUse() throws -> Set<String> {
        try writer.read { db in try Self.enterpriseIdsInUse(db) }
    }

    private static func enterpriseIdsInUse(_ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: """
            SELECT enterprise_id FROM registration UNION SELECT enterprise_id FROM application
            UNION SELECT member_unit_id FROM application WHERE member_unit_id IS NOT NULL
            UNION SELECT enterprise_id FROM judge WHERE enterprise_id IS NOT NULL
            """)
    }

    private static func store(year: YearRecords, in db: Database) throws {
        // A year archived already whose parts besides its registrations are as they were (a
        // write-up or a registration row corrected) is changed by the rows that differ: a
        // national year's thousands of rows are then neither deleted nor written again. A year
        // that no longer reads back (its rules stored by an older qcsite) is written whole.
        if let competition = try? Competition.fetchOne(db, key: year.year), let archived = try? loadYear(competition, db, writeupText: false),
           archived.sameBesidesRegistrations(year) {
            if archived.competition != year.competition { try year.competition.update(db) }
            try RegistrationRows.change(from: archived, to: year, in: db)
            return
        }
        // Write-ups taken from the archive unread (their files unchanged) are written again with
        // their Markdown, read before the year's rows are deleted.
        var year = year
        year.writeups = try RegistrationRows.withTexts(year.writeups, in: db)
        _ = try Competition.deleteOne(db, key: year.year)
        try year.competition.insert(db)
        for stage in year.stages { try stage.insert(db) }
        try RegistrationRows.insert(year, in: db)
        for judge in year.judges { try judge.insert(db) }
        let scoreItem = try db.cachedStatement(sql: "INSERT INTO score_item (sheet_id, item, score) VALUES (?, ?, ?)")
        for scored in year.sheets {
            var sheet = scored.sheet
            sheet.id = nil
            try sheet.insert(db)
            let sheetId = db.lastInsertedRowID
            for item in scored.items {
                try scoreItem.execute(arguments: [sheetId, item.item, item.score])
            }
        }
        for award in year.awards { try award.insert(db) }
        for application in year.applications { try application.insert(db) }
        for claim in year.claims { try claim.insert(db) }
        for publication in year.publications { try publication.insert(db) }
        for decision in year.decisions { try decision.insert(db) }
    }
}

extension ArchiveDatabase {
    /// The archived years, ascending.
    public func years() throws -> [Int] {
        try writer.read { db in try Self.archivedYears(db) }
    }

    /// Deletes one year and everything of it (registrations, scores, awards, applications).
    /// Returns false when the archive holds no such year.
    public func removeYear(_ year: Int) throws -> Bool {
        try writer.write { db in try Competition.deleteOne(db, key: year) }
    }
}
