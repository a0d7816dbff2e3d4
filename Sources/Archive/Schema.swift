import GRDB

/// The archive's schema, as named migrations. A shipped migration is never edited:
/// a change to the schema is a new migration appended below.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-archive", migrate: createArchive)
        migrator.registerMigration("v2-year-fingerprint") { db in
            // The fingerprint of the files a year was read from: an unchanged year is not rewritten.
            try db.execute(sql: "ALTER TABLE competition ADD COLUMN source_fingerprint TEXT")
        }
        migrator.registerMigration("v3-typed-notices", migrate: typeNotices)
        migrator.registerMigration("v4-decisions", migrate: createDecisions)
        migrator.registerMigration("v5-notice-doc-number") { db in
            // A notice's own 文号, shown on the list it announces, and the file line its body
            // starts on, so an error in the body names the line staff see.
            try db.execute(sql: """
                ALTER TABLE notice ADD COLUMN doc_number TEXT;
                ALTER TABLE notice ADD COLUMN body_line INTEGER NOT NULL DEFAULT 1 CHECK (body_line >= 1);
                """)
        }
        migrator.registerMigration("v6-people-materials-without-rowid", migrate: clusterPeopleAndMaterials)
        migrator.registerMigration("v7-score-sheet-keys") { db in
            // A year replaced or removed deletes its judges and registrations, and each deletion
            // deletes their score sheets: without these, every judge's cascade read all of the
            // year's sheets (a national year has tens of thousands, and hundreds of judges).
            try db.execute(sql: """
                CREATE INDEX score_sheet_registration ON score_sheet(year, registration_id);
                CREATE INDEX score_sheet_judge ON score_sheet(year, judge);
                """)
        }
        migrator.registerMigration("v8-writeup-digest", migrate: digestWriteups)
        // The key of the file each write-up was read from: an import takes an unchanged file's
        // write-up from the archive. Rows written before have none, and are read again once.
        migrator.registerMigration("v9-writeup-source") { db in
            try db.execute(sql: "ALTER TABLE writeup ADD COLUMN source TEXT")
        }
        // Each write-up's row without its Markdown, in an index of its own: a rebuild reads the
        // unchanged years' write-ups without their text (`RegistrationRows.writeups(year:text:)`),
        // from this index instead of every page of the table (a page holds two 1.6 KB write-ups).
        migrator.registerMigration("v10-writeup-head") { db in
            try db.execute(sql: "CREATE INDEX writeup_head ON writeup(year, registration_id, title, source_path, digest, blank, source)")
        }
        return migrator
    }

    /// Each write-up's digest and whether it is blank, beside its text: a rebuild keys pages by
    /// the digest and reads the text of only the pages it renders.
    private static func digestWriteups(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE writeup ADD COLUMN digest TEXT NOT NULL DEFAULT '';
            ALTER TABLE writeup ADD COLUMN blank INTEGER NOT NULL DEFAULT 0;
            """)
        let update = try db.makeStatement(sql: "UPDATE writeup SET digest = ?, blank = ? WHERE year = ? AND registration_id = ?")
        let rows = try Row.fetchAll(db, sql: "SELECT year, registration_id, markdown FROM writeup")
        for row in rows {
            let markdown: String = row[2]
            let writeup = Writeup(year: row[0], registrationId: row[1], title: nil, markdown: markdown, sourcePath: "")
            try update.execute(arguments: [writeup.digest, writeup.blank, writeup.year, writeup.registrationId])
        }
    }

    /// A year's people and materials are stored in the order of their key, without a rowid: a
    /// national year has half a million of them, each written and read by its key, and a table
    /// with a rowid kept every row twice (the table and its key's index).
    private static func clusterPeopleAndMaterials(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE registration_person_clustered (
                year INTEGER NOT NULL,
                registration_id TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('presenter', 'member')),
                position INTEGER NOT NULL,
                name TEXT NOT NULL CHECK (name <> ''),
                PRIMARY KEY (year, registration_id, role, position),
                FOREIGN KEY (year, registration_id) REFERENCES registration(year, id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            INSERT INTO registration_person_clustered SELECT year, registration_id, role, position, name FROM registration_person;
            DROP TABLE registration_person;
            ALTER TABLE registration_person_clustered RENAME TO registration_person;
            CREATE TABLE registration_material_clustered (
                year INTEGER NOT NULL,
                registration_id TEXT NOT NULL,
                material TEXT NOT NULL CHECK (material <> ''),
                PRIMARY KEY (year, registration_id, material),
                FOREIGN KEY (year, registration_id) REFERENCES registration(year, id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            INSERT INTO registration_material_clustered SELECT year, registration_id, material FROM registration_material;
            DROP TABLE registration_material;
            ALTER TABLE registration_material_clustered RENAME TO registration_material;
            """)
    }

    /// A notice's `draft` and `stage` become columns, decoded once at import; they were read
    /// from the front matter kept as JSON, each reader with its own idea of a boolean.
    private static func typeNotices(_ db: Database) throws {
        let stages = Stage.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.execute(sql: """
            ALTER TABLE notice ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
            ALTER TABLE notice ADD COLUMN stage TEXT CHECK (stage IN (\(stages)));
            UPDATE notice SET
                draft = lower(trim(coalesce(json_extract(front_matter_json, '$.draft'), ''))) IN \(FlagWords.sqlYesList),
                stage = CASE WHEN json_extract(front_matter_json, '$.stage') IN (\(stages))
                             THEN json_extract(front_matter_json, '$.stage') END;
            """)
    }

    /// Staff's decisions on findings (decisions.csv), one per rule and subject of a year.
    private static func createDecisions(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE decision (
                year INTEGER NOT NULL REFERENCES competition(year) ON DELETE CASCADE,
                rule TEXT NOT NULL CHECK (rule <> ''),
                subject TEXT NOT NULL CHECK (subject <> ''),
                note TEXT NOT NULL CHECK (note <> ''),
                decided_on TEXT NOT NULL CHECK (decided_on <> ''),
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_path TEXT NOT NULL,
                source_line INTEGER NOT NULL,
                PRIMARY KEY (year, rule, subject)
            );
            """)
    }

    private static func createArchive(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE enterprise (
                id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                member_unit_id TEXT,
                is_member INTEGER NOT NULL DEFAULT 0 CHECK (is_member IN (0, 1))
            );
            CREATE TABLE enterprise_alias (
                alias TEXT PRIMARY KEY NOT NULL CHECK (alias <> ''),
                enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE
            );
            CREATE INDEX enterprise_alias_enterprise ON enterprise_alias(enterprise_id);

            CREATE TABLE competition (
                year INTEGER PRIMARY KEY NOT NULL CHECK (year BETWEEN 1900 AND 9999),
                title TEXT NOT NULL,
                doc_number TEXT,
                issued TEXT,
                published TEXT NOT NULL CHECK (published IN ('registration', 'review', 'shortlist', 'onsite', 'results')),
                rules_json TEXT NOT NULL DEFAULT '{}',
                source_path TEXT NOT NULL
            );
            CREATE TABLE competition_stage (
                year INTEGER NOT NULL REFERENCES competition(year) ON DELETE CASCADE,
                stage TEXT NOT NULL CHECK (stage IN ('registration', 'review', 'shortlist', 'onsite', 'results')),
                starts_on TEXT,
                ends_on TEXT,
                PRIMARY KEY (year, stage)
            );

            CREATE TABLE registration (
                year INTEGER NOT NULL REFERENCES competition(year) ON DELETE CASCADE,
                id TEXT NOT NULL CHECK (id <> ''),
                enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
                enterprise_name_as_written TEXT NOT NULL,
                group_name TEXT NOT NULL,
                title TEXT NOT NULL CHECK (title <> ''),
                type TEXT NOT NULL,
                tutor TEXT NOT NULL DEFAULT '',
                registered_on TEXT,
                contact TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                postcode TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'disqualified')),
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_path TEXT NOT NULL,
                source_line INTEGER NOT NULL,
                PRIMARY KEY (year, id)
            );
            CREATE INDEX registration_enterprise ON registration(enterprise_id, year);
            CREATE TABLE registration_person (
                year INTEGER NOT NULL,
                registration_id TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('presenter', 'member')),
                position INTEGER NOT NULL,
                name TEXT NOT NULL CHECK (name <> ''),
                PRIMARY KEY (year, registration_id, role, position),
                FOREIGN KEY (year, registration_id) REFERENCES registration(year, id) ON DELETE CASCADE
            );
            CREATE TABLE registration_material (
                year INTEGER NOT NULL,
                registration_id TEXT NOT NULL,
                material TEXT NOT NULL CHECK (material <> ''),
                PRIMARY KEY (year, registration_id, material),
                FOREIGN KEY (year, registration_id) REFERENCES registration(year, id) ON DELETE CASCADE
            );
            CREATE TABLE writeup (
                year INTEGER NOT NULL,
                registration_id TEXT NOT NULL,
                title TEXT,
                markdown TEXT NOT NULL,
                source_path TEXT NOT NULL,
                PRIMARY KEY (year, registration_id),
                FOREIGN KEY (year, registration_id) REFERENCES registration(year, id) ON DELETE CASCADE
            );

            CREATE TABLE judge (
                year INTEGER NOT NULL REFERENCES competition(year) ON DELETE CASCADE,
                name TEXT NOT NULL CHECK (name <> ''),
                enterprise_id TEXT REFERENCES enterprise(id),
                organisation TEXT NOT NULL DEFAULT '',
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_line INTEGER NOT NULL,
                PRIMARY KEY (year, name)
            );
            CREATE TABLE score_sheet (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                year INTEGER NOT NULL,
                round TEXT NOT NULL CHECK (round IN ('material', 'onsite')),
                registration_id TEXT NOT NULL,
                judge TEXT NOT NULL,
                total REAL NOT NULL,
                has_items INTEGER NOT NULL CHECK (has_items IN (0, 1)),
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_path TEXT NOT NULL,
                source_line INTEGER NOT NULL,
                UNIQUE (year, round, registration_id, judge),
                FOREIGN KEY (year, registration_id) REFERENCES registration(year, id) ON DELETE CASCADE,
                FOREIGN KEY (year, judge) REFERENCES judge(year, name) ON DELETE CASCADE
            );
            CREATE TABLE score_item (
                sheet_id INTEGER NOT NULL REFERENCES score_sheet(id) ON DELETE CASCADE,
                item TEXT NOT NULL,
                score REAL NOT NULL,
                PRIMARY KEY (sheet_id, item)
            );

            CREATE TABLE award (
                year INTEGER NOT NULL,
                registration_id TEXT NOT NULL,
                award TEXT,
                shortlisted INTEGER CHECK (shortlisted IN (0, 1)),
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_line INTEGER NOT NULL,
                PRIMARY KEY (year, registration_id),
                FOREIGN KEY (year, registration_id) REFERENCES registration(year, id) ON DELETE CASCADE
            );

            CREATE TABLE application (
                year INTEGER NOT NULL REFERENCES competition(year) ON DELETE CASCADE,
                id TEXT NOT NULL CHECK (id <> ''),
                enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
                member_unit_id TEXT REFERENCES enterprise(id),
                member_unit_as_written TEXT NOT NULL DEFAULT '',
                profile TEXT NOT NULL DEFAULT '',
                result TEXT NOT NULL DEFAULT '',
                contact TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                postcode TEXT NOT NULL DEFAULT '',
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_line INTEGER NOT NULL,
                PRIMARY KEY (year, id)
            );
            CREATE TABLE claim (
                year INTEGER NOT NULL,
                application_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                claimed_year INTEGER NOT NULL,
                group_name TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL,
                award TEXT NOT NULL,
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_line INTEGER NOT NULL,
                PRIMARY KEY (year, application_id, position),
                FOREIGN KEY (year, application_id) REFERENCES application(year, id) ON DELETE CASCADE
            );
            CREATE TABLE publication (
                year INTEGER NOT NULL,
                application_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                venue TEXT NOT NULL DEFAULT '',
                level TEXT NOT NULL DEFAULT '',
                published_on TEXT,
                extra_json TEXT NOT NULL DEFAULT '{}',
                source_line INTEGER NOT NULL,
                PRIMARY KEY (year, application_id, position),
                FOREIGN KEY (year, application_id) REFERENCES application(year, id) ON DELETE CASCADE
            );

            CREATE TABLE notice (
                slug TEXT PRIMARY KEY NOT NULL CHECK (slug <> ''),
                title TEXT NOT NULL,
                date TEXT NOT NULL,
                year INTEGER,
                summary TEXT NOT NULL DEFAULT '',
                markdown TEXT NOT NULL,
                attachments_json TEXT NOT NULL DEFAULT '[]',
                front_matter_json TEXT NOT NULL DEFAULT '{}',
                source_path TEXT NOT NULL
            );
            CREATE TABLE page (
                slug TEXT PRIMARY KEY NOT NULL CHECK (slug <> ''),
                title TEXT NOT NULL,
                markdown TEXT NOT NULL,
                front_matter_json TEXT NOT NULL DEFAULT '{}',
                source_path TEXT NOT NULL
            );
            """)
    }
}
