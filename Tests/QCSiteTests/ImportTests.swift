import Foundation
import GRDB
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

@Suite("Import")
struct ImportTests {
    static let goodRows = [
        "2024-001,示例甲通信,蓝海QC小组,降低基站退服时长,问题解决型,张伟、李娜,张伟、李娜、王芳,2024-08-20,138-0000-0001,推荐表PDF、推荐表Word、成果报告、活动记录,",
        "2024-002,示例乙网络有限公司（北区）,先锋QC小组,\"研发一种光缆快速定位装置，提升抢修效率\",创新型,赵强、钱敏,赵强,2024/8/21,,推荐表PDF,",
    ]

    func importSite(_ fixture: SiteFixture) throws -> ImportSummary {
        try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive).1
    }

    @Test("Years are read side by side, yet their errors are listed in folder order, a misnamed folder in its place")
    func errorsInFolderOrder() throws {
        func bad(_ year: Int) -> String {
            SiteFixture.registrationHeader + "\n"
                + "\(year)-001,示例甲通信,蓝海QC小组,降低基站退服时长,问题解决型,张伟,,\(year)-13-20,,推荐表PDF,\n"
        }
        var files = SiteFixture.minimal(year: 2023, rows: [])
        files["content/years/2023/registrations.csv"] = bad(2023)
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "registration")
        files["content/years/2024/registrations.csv"] = bad(2024)
        files["content/years/2023bak/competition.yaml"] = SiteFixture.competition(2023, published: "registration")
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        for _ in 0..<3 {
            let errors = try #require(throws: InputErrors.self) { try importSite(fixture) }
            #expect(errors.errors.map(\.path) == ["content/years/2023/registrations.csv", "content/years/2023bak",
                                                   "content/years/2024/registrations.csv"], "\(errors)")
        }
    }

    @Test("Write-ups are read side by side, and their errors are listed in the order of their files, every run")
    func writeupErrorsInFileOrder() throws {
        var files = SiteFixture.minimal(rows: Self.goodRows)
        let names = (1...40).map { String(format: "x%02d", $0) }
        for name in names {
            files["content/years/2024/writeups/\(name).md"] = name.hasSuffix("7") ? "---\ntitle: [未闭合\n---\n正文\n" : "正文\n"
        }
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        for _ in 0..<3 {
            let errors = try #require(throws: InputErrors.self) { try importSite(fixture) }
            #expect(errors.errors.map(\.path) == names.map { "content/years/2024/writeups/\($0).md" }, "\(errors)")
            #expect(errors.errors.filter { $0.message.contains("YAML") }.count == 4)
        }
    }

    @Test("A site imports: rows, people, materials, extra columns and contact columns are archived")
    func importsSite() throws {
        var files = SiteFixture.minimal(rows: Self.goodRows)
        files["content/years/2024/registrations.csv"] = files["content/years/2024/registrations.csv"]!
            .replacingOccurrences(of: "状态\n", with: "状态,备注\n").replacingOccurrences(of: "活动记录,\n", with: "活动记录,,首次参赛\n")
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let summary = try importSite(fixture)
        #expect(summary.years.map(\.year) == [2024])
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        let year = try #require(snapshot.year(2024))
        #expect(year.registrations.map(\.id) == ["2024-001", "2024-002"])
        #expect(year.registrations[0].enterpriseId == "demo-a")
        #expect(year.registrations[1].enterpriseId == "demo-b")
        #expect(year.registrations[1].title == "研发一种光缆快速定位装置，提升抢修效率")
        #expect(year.registrations[1].registeredOn == "2024-08-21")
        #expect(year.registrations[0].phone == "138-0000-0001")
        #expect(year.registrations[0].extra == ["备注": "首次参赛"])
        #expect(year.people.filter { $0.registrationId == "2024-001" && $0.role == .presenter }.map(\.name) == ["张伟", "李娜"])
        #expect(year.materials.filter { $0.registrationId == "2024-001" }.count == 4)
        #expect(snapshot.registry.enterprises.count == 3)
    }

    @Test("A misspelt key of site.yaml, competition.yaml or a stage is an error at its line, never ignored")
    func misspeltKeys() throws {
        var files = SiteFixture.minimal(rows: Self.goodRows)
        files["content/site.yaml"] = "title: 示例竞赛\nbase_url: https://qc.example.org/\npublish_score: true\n"
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "registration")
            .replacingOccurrences(of: "published: registration", with: "publishd: results")
            .replacingOccurrences(of: "registration: {until:", with: "registration: {untill:")
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try importSite(fixture) }
        #expect(lines.contains { $0.hasPrefix("content/site.yaml:3: 未知的键「publish_score」") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/years/2024/competition.yaml:5: 未知的键「publishd」") }, "\(lines)")
        #expect(lines.contains { $0.contains("competition.yaml:7: 阶段「registration」中未知的键「untill」") }, "\(lines)")
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.archive), "nothing was archived")
    }

    @Test("Importing again replaces the year whole and keeps other archived years")
    func replacesYear() throws {
        var files = SiteFixture.minimal(rows: Self.goodRows)
        files["content/years/2023/competition.yaml"] = SiteFixture.competition(2023)
        files["content/years/2023/registrations.csv"] = SiteFixture.registrationHeader + "\n2023-001,示例甲通信,蓝海QC小组,提高话务接通率,问题解决型,张伟、李娜,,2023-08-01,,,\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        _ = try importSite(fixture)
        try fixture.write("content/years/2024/registrations.csv",
                          SiteFixture.registrationHeader + "\n" + Self.goodRows[1].replacingOccurrences(of: "2024-002", with: "2024-009") + "\n")
        try fixture.remove("content/years/2023")
        _ = try importSite(fixture)
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        #expect(snapshot.year(2024)?.registrations.map(\.id) == ["2024-009"])
        #expect(snapshot.year(2024)?.people.allSatisfy { $0.registrationId == "2024-009" } == true)
        #expect(snapshot.year(2023)?.registrations.map(\.id) == ["2023-001"], "a year no longer in content/ stays archived")
    }

    @Test("Bad rows are all listed as registrations.csv:LINE, and the archive is left as it was")
    func rejectsWithoutTrace() throws {
        let fixture = try SiteFixture(SiteFixture.minimal(rows: Self.goodRows))
        defer { fixture.cleanUp() }
        _ = try importSite(fixture)
        let snapshotBefore = try ArchiveDatabase(path: fixture.paths.archive).snapshot()

        try fixture.write("content/years/2024/registrations.csv", ([SiteFixture.registrationHeader] + Self.goodRows + [
            "2024-001,示例甲通信,重复QC小组,重复编号,问题解决型,张伟、李娜,,2024-08-20,,,",
            "2024-003,示例丙通讯有限公司,未知QC小组,未知单位,问题解决型,张伟、李娜,,2024-08-20,,,",
            "2024-004,示例甲通信,日期QC小组,日期错误,问题解决型,张伟、李娜,,2024-02-30,,,",
        ]).joined(separator: "\n") + "\n")
        #expect(throws: InputErrors.self) { try importSite(fixture) }
        do {
            _ = try importSite(fixture)
        } catch let errors as InputErrors {
            let lines = errors.errors.map(\.description)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("content/years/2024/registrations.csv:4: 编号「2024-001」重复"))
            #expect(lines[1].hasPrefix("content/years/2024/registrations.csv:5: 单位名称「示例丙通讯有限公司」不在单位名录中"))
            #expect(lines[1].contains("示例甲通信"), "suggests the closest registered name")
            #expect(lines[2].hasPrefix("content/years/2024/registrations.csv:6: 报名日期「2024-02-30」不是有效日期"))
        }
        let snapshotAfter = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        #expect(snapshotAfter.years == snapshotBefore.years)
        #expect(snapshotAfter.registry == snapshotBefore.registry)
        #expect(snapshotAfter.writing == snapshotBefore.writing)
    }

    @Test("Every problem of a row is listed at once, so staff fix the row in one pass")
    func everyProblemOfARow() throws {
        let fixture = try SiteFixture(SiteFixture.minimal(rows: Self.goodRows + [
            "2024-003,示例丙通讯有限公司,g,三处错误,问题解决型,张伟、李娜,,2024-02-30,,,已暂停",
        ]))
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try importSite(fixture) }
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.allSatisfy { $0.hasPrefix("content/years/2024/registrations.csv:4: ") })
        #expect(lines.contains { $0.contains("单位名称「示例丙通讯有限公司」不在单位名录中") })
        #expect(lines.contains { $0.contains("报名日期「2024-02-30」不是有效日期") })
        #expect(lines.contains { $0.contains("状态「已暂停」无法识别") })
    }

    @Test("编号 and 申报编号 with characters a page address reads as syntax are input errors")
    func addressCharacters() throws {
        var files = SiteFixture.minimal(rows: [
            "A/4,示例甲通信,g,斜杠,问题解决型,张伟、李娜,,2024-08-20,,,",
            "A-4,示例甲通信,g,连字符,问题解决型,张伟、李娜,,2024-08-20,,,",
            "2024 005,示例甲通信,g,空格,问题解决型,张伟、李娜,,2024-08-20,,,",
        ])
        files["content/years/2024/excellent-enterprises.csv"] = "申报编号,单位名称\nE#1,示例甲通信\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try importSite(fixture) }
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/years/2024/registrations.csv:2: 编号「A/4」含有不允许的字符 /") && $0.contains("页面地址") })
        #expect(lines.contains { $0.hasPrefix("content/years/2024/registrations.csv:4: 编号「2024 005」含有不允许的字符 空格") })
        #expect(lines.contains { $0.hasPrefix("content/years/2024/excellent-enterprises.csv:2: 申报编号「E#1」含有不允许的字符 #") })
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.archive))
    }

    @Test("A missing required column and an undecodable file are input errors; nothing is created")
    func missingColumnAndBadFile() throws {
        var files = SiteFixture.minimal(rows: [])
        files["content/years/2024/registrations.csv"] = "编号,单位名称,小组名称,课题类型\n2024-001,示例甲通信,蓝海QC小组,问题解决型\n"
        files["content/years/2023/competition.yaml"] = SiteFixture.competition(2023)
        let fixture = try SiteFixture(files, binary: ["content/years/2023/registrations.csv": Data([0x81, 0x20, 0xFF, 0xFE, 0x0A])])
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { _ = try importSite(fixture) }
        #expect(lines.contains { $0.hasPrefix("content/years/2023/registrations.csv: 文件编码无法识别") })
        #expect(lines.contains { $0.hasPrefix("content/years/2024/registrations.csv:1: 缺少必填列「课题名称」") })
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.archive))
    }

    @Test("XLSX, GB18030 and BOM CSV years import together")
    func mixedFormats() throws {
        var files = SiteFixture.minimal(rows: Self.goodRows)
        files["content/years/2023/competition.yaml"] = SiteFixture.competition(2023)
        files["content/years/2022/competition.yaml"] = SiteFixture.competition(2022)
        let fixture = try SiteFixture(files, binary: [
            "content/years/2022/registrations.csv": Data([0xEF, 0xBB, 0xBF]) + Data((SiteFixture.registrationHeader + "\r\n2022-001,示例甲通信,蓝海QC小组,降低故障率,问题解决型,张伟、李娜,,2022-08-01,,,\r\n").utf8),
        ])
        defer { fixture.cleanUp() }
        try XLSXFixture.make(rows: [
            [.shared("编号"), .shared("单位名称"), .shared("小组名称"), .shared("课题名称"), .shared("课题类型"), .shared("报名日期")],
            [.shared("2023-001"), .shared("示例旧名通信有限公司"), .shared("蓝海QC小组"), .inline("提高接通率"), .shared("问题解决型"), .date(45166)],
        ], at: fixture.url("content/years/2023/registrations.xlsx"))
        let gb = try #require(iconvGB18030(SiteFixture.registrationHeader + "\r\n2024-001,示例乙网络,先锋QC小组,缩短装机时长,问题解决型,张伟、李娜,,2024-08-01,,,\r\n"))
        try fixture.write("content/years/2024/registrations.csv", gb)
        _ = try importSite(fixture)
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        #expect(snapshot.year(2022)?.registrations.first?.title == "降低故障率")
        #expect(snapshot.year(2023)?.registrations.first?.enterpriseId == "demo-a")
        #expect(snapshot.year(2023)?.registrations.first?.registeredOn == "2023-08-28")
        #expect(snapshot.year(2024)?.registrations.first?.title == "缩短装机时长")
    }
}

func iconvGB18030(_ text: String) -> Data? {
    TextDecoding.gb18030Data(text)
}

@Suite("Import of unchanged years")
struct UnchangedYearTests {
    @Test("An unchanged year is left as it was; a changed file or registry reads it again; backups are kept")
    func fingerprints() throws {
        let fixture = try Self.twoYears()
        defer { fixture.cleanUp() }
        let run = { (force: Bool) in
            try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content",
                             archivePath: fixture.paths.archive, force: force).1
        }
        let first = try run(false)
        #expect(first.years.map(\.year) == [2023, 2024])
        #expect(first.backup == nil, "nothing to back up before the first import")

        let second = try run(false)
        #expect(second.years.isEmpty)
        #expect(second.unchangedYears == [2023, 2024])
        #expect(second.backup == nil)

        try fixture.write("content/years/2024/judges.csv", "评委,单位名称\n王教授,示例理工大学\n")
        let third = try run(false)
        #expect(third.years.map(\.year) == [2024])
        #expect(third.unchangedYears == [2023])
        let backup = try #require(third.backup)
        #expect(FileManager.default.fileExists(atPath: backup))
        let before = try ArchiveDatabase(path: backup).snapshot()
        #expect(before.year(2024)?.judges.isEmpty == true, "the backup holds the archive as it was before")
        #expect(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024)?.judges.map(\.name) == ["王教授"])

        try fixture.write("content/enterprises.yaml", SiteFixture.enterprises + "\n- id: demo-c\n  name: 示例丙通信有限公司\n")
        #expect(try run(false).years.map(\.year) == [2023, 2024], "a registry change reads every year again")
        #expect(try run(true).years.map(\.year) == [2023, 2024], "force reads unchanged years too")
    }

    @Test("A first import creates the archive under a temporary name in one write with a rollback journal, leaves it in write-ahead log mode holding what a later import would write, and removes what a killed one left")
    func firstImportJournal() throws {
        let fixture = try Self.twoYears()
        defer { fixture.cleanUp() }
        let archive = fixture.paths.archive
        let folder = URL(fileURLWithPath: archive).deletingLastPathComponent()
        // What a first import killed midway leaves (its temporary archive and journal), and log
        // files at the archive's name that belong to no archive: none may be taken for the new one's.
        let name = URL(fileURLWithPath: archive).lastPathComponent
        for left in [".\(name).new-99999", ".\(name).new-99999-journal", "\(name)-wal", "\(name)-journal"] {
            try Data("half".utf8).write(to: folder.appendingPathComponent(left))
        }
        let first = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: archive).1
        #expect(first.years.map(\.year) == [2023, 2024])
        #expect(!FileManager.default.fileExists(atPath: archive + "-journal"), "the rollback journal is gone once committed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".new-") }.isEmpty,
                "no temporary archive is left")
        // The journal mode is in the file: a plain connection (not qcsite's pool, which would set it) reads it.
        let mode = try DatabaseQueue(path: archive).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let created = try ArchiveDatabase(readingFrom: archive).snapshot()

        // The same content written into an archive that exists (through `replace`, in the log's mode).
        let other = fixture.url("other.sqlite").path
        _ = try ArchiveDatabase(path: other)
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: other)
        #expect(try ArchiveDatabase(readingFrom: other).snapshot().sameRecords(as: created))
    }

    /// A site of two years: 2024 with the two good rows, and 2023.
    static func twoYears() throws -> SiteFixture {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/years/2023/competition.yaml"] = SiteFixture.competition(2023)
        return try SiteFixture(files)
    }

    /// A site whose 2024 has the two good rows, each with a write-up.
    static func twoWriteups() throws -> SiteFixture {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/years/2024/writeups/2024-001.md"] = "---\ntitle: 甲的成果\n---\n甲的正文。\n"
        files["content/years/2024/writeups/2024-002.md"] = "---\ntitle: 乙的成果\n---\n乙的正文。\n"
        return try SiteFixture(files)
    }

    /// The reader of `twoWriteups()`'s 2024, with the registry its rows name.
    static func twoWriteupsReader(_ content: SourceFolder) -> YearReader {
        let registry = Registry(enterprises: [Enterprise(id: "demo-a", name: "示例甲通信有限公司"),
                                              Enterprise(id: "demo-b", name: "示例乙网络有限公司（北区）")], aliases: [
                                                EnterpriseAlias(alias: "示例甲通信", enterpriseId: "demo-a")])
        return YearReader(year: 2024, displayPath: "content/years/2024", source: content, folder: "years/2024",
                          resolver: EnterpriseResolver(registry))
    }

    @Test("A year read again takes each write-up whose file is unchanged from the archive, unread; an edited file, or every file with force, is read")
    func writeupsTakenByTheirFiles() throws {
        let fixture = try Self.twoWriteups()
        defer { fixture.cleanUp() }
        let run = { (force: Bool, shown: String) in
            try Importer.run(contentDirectory: fixture.url("content"), displayPath: shown, archivePath: fixture.paths.archive, force: force).1
        }
        func archived() throws -> [String: Writeup] {
            let year = try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024))
            return Dictionary(uniqueKeysWithValues: year.writeups.map { ($0.registrationId, $0) })
        }
        func sql(_ statement: String) throws {
            try ArchiveDatabase(path: fixture.paths.archive).writer.write { db in try db.execute(sql: statement) }
        }
        _ = try run(false, "content")
        let first = try archived()
        #expect(first.values.allSatisfy { $0.source != nil }, "each write-up keeps its file's key")
        // What only the archive says: a write-up taken from it keeps it, one read from its file does not.
        try sql("UPDATE writeup SET title = '存档中的标题' WHERE registration_id = '2024-002'")

        try fixture.write("content/years/2024/writeups/2024-001.md", "---\ntitle: 甲的成果\n---\n甲的正文，改过。\n")
        #expect(try run(false, "content").years.map(\.year) == [2024])
        var now = try archived()
        #expect(now["2024-001"]?.markdown == "甲的正文，改过。\n")
        #expect(now["2024-001"]?.source != first["2024-001"]?.source)
        #expect(now["2024-002"]?.title == "存档中的标题", "the unchanged file is not read again")
        #expect(now["2024-002"]?.markdown == "乙的正文。\n")

        // Shown from elsewhere (every write-up's path changes), the year changed by its rows alone,
        // then written whole (its judges changed): the write-ups taken unread are written again
        // with their Markdown.
        for (shown, judge) in [("站点/content", nil), ("另一处/content", "王教授")] {
            if let judge {
                try fixture.write("content/years/2024/judges.csv", "评委,单位名称\n\(judge),示例理工大学\n")
            } else {
                try fixture.write("content/years/2024/writeups/2024-001.md", "---\ntitle: 甲的成果\n---\n甲的正文，又改过。\n")
            }
            #expect(try run(false, shown).years.map(\.year) == [2024], "\(shown)")
            now = try archived()
            #expect(now["2024-002"]?.title == "存档中的标题")
            #expect(now["2024-002"]?.markdown == "乙的正文。\n")
            #expect(now["2024-002"]?.sourcePath == shown + "/years/2024/writeups/2024-002.md")
            #expect(now["2024-001"]?.markdown == "甲的正文，又改过。\n")
        }

        // A text the archive no longer holds as it was taken is an error, never written on.
        try sql("UPDATE writeup SET markdown = '别的正文。' WHERE registration_id = '2024-002'")
        try fixture.write("content/years/2024/judges.csv", "评委,单位名称\n李教授,示例理工大学\n")
        #expect(throws: ArchiveError.self) { try run(false, "content") }
        #expect(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024)?.judges.map(\.name) == ["王教授"])

        // Forced, every file is read again.
        #expect(try run(true, "content").years.map(\.year) == [2024])
        now = try archived()
        #expect(now["2024-002"]?.title == "乙的成果")
        #expect(now["2024-002"]?.markdown == "乙的正文。\n")
        #expect(now["2024-002"]?.source == first["2024-002"]?.source)
    }

    @Test("A write-up whose bytes are not those hashed for the year's fingerprint (saved while it was read) is an error at its path")
    func writeupSavedWhileRead() throws {
        let fixture = try Self.twoWriteups()
        defer { fixture.cleanUp() }
        let content = try #require(try SourceFolder.open(fixture.url("content"), displayPath: "content"))
        let (_, keys, _) = try Fingerprint.of(folder: "years/2024", in: content, extra: [], version: ContentReader.formatVersion,
                                              keyed: { $0.hasPrefix("writeups/") })
        #expect(keys.count == 2)
        func read(_ keys: [String: String]) -> (YearRecords?, [String]) {
            var reader = Self.twoWriteupsReader(content)
            reader.sourceKeys = keys
            var log = ErrorLog()
            let records = reader.read(log: &log)
            return (records, log.errors.map { "\($0.path): \($0.message)" })
        }
        let (records, errors) = read(keys)
        #expect(errors.isEmpty, "\(errors)")
        #expect(records?.writeups.map(\.source) == ["writeups/2024-001.md", "writeups/2024-002.md"].map { keys[$0] })
        var other = keys
        other["writeups/2024-002.md"] = String(repeating: "0", count: 32)
        let (none, changed) = read(other)
        #expect(none == nil)
        #expect(changed == ["content/years/2024/writeups/2024-002.md: 文件在导入过程中被改动（前后两次读到的内容不同）；请保存完毕后重新运行"])
    }

    @Test("A write-up's bytes kept by the fingerprint are the ones parsed, whatever the file holds since; one past the limit is read again")
    func writeupsParsedFromTheirFingerprint() throws {
        let fixture = try Self.twoWriteups()
        defer { fixture.cleanUp() }
        let content = try #require(try SourceFolder.open(fixture.url("content"), displayPath: "content"))
        let first = try Data(contentsOf: fixture.url("content/years/2024/writeups/2024-001.md"))
        try fixture.write("content/years/2024/writeups/2024-002.md", "---\ntitle: 乙的成果\n---\n乙的正文，长一些。\n")
        // 2024-001.md is kept, 2024-002.md is longer than the limit a file; nothing else is picked.
        let (fingerprint, keys, contents) = try Fingerprint.of(
            folder: "years/2024", in: content, extra: [], version: ContentReader.formatVersion, keyed: { $0.hasPrefix("writeups/") },
            kept: { $0.hasPrefix("writeups/") }, keeping: first.count, keepingAll: 1 << 20)
        #expect(contents == ["writeups/2024-001.md": first])
        // The same fingerprint and keys as without keeping anything.
        let plain = try Fingerprint.of(folder: "years/2024", in: content, extra: [], version: ContentReader.formatVersion,
                                       keyed: { $0.hasPrefix("writeups/") })
        #expect(plain.value == fingerprint && plain.keys == keys)
        // Both files saved since: the kept one is parsed as hashed; the other is read again, and is
        // then not what was hashed.
        try fixture.write("content/years/2024/writeups/2024-001.md", "---\ntitle: 甲的新标题\n---\n新的正文。\n")
        try fixture.write("content/years/2024/writeups/2024-002.md", "---\ntitle: 乙的新标题\n---\n新的正文。\n")
        var reader = Self.twoWriteupsReader(content)
        (reader.sourceKeys, reader.fingerprinted) = (keys, contents)
        var log = ErrorLog()
        _ = reader.read(log: &log)
        #expect(log.errors.map { "\($0.path): \($0.message)" }
                == ["content/years/2024/writeups/2024-002.md: 文件在导入过程中被改动（前后两次读到的内容不同）；请保存完毕后重新运行"])
        (reader.sourceKeys, reader.fingerprinted) = ([:], contents)
        log = ErrorLog()
        let records = try #require(reader.read(log: &log))
        #expect(log.errors.isEmpty)
        #expect(records.writeups.map(\.title) == ["甲的成果", "乙的新标题"])
        #expect(records.writeups.first?.source == keys["writeups/2024-001.md"])
    }

    @Test("Backup names sort in the order they were taken, so pruning keeps the 20 newest")
    func backupOrder() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let archive = try ArchiveDatabase()
        let now = Date(timeIntervalSince1970: 1_764_073_119)
        let paths = try (1...22).map { _ in try ArchiveBackups.keep(archive, archivePath: fixture.paths.archive, now: now) }
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent.hasSuffix("-01.sqlite") } == [true] + Array(repeating: false, count: 21))
        let kept = try FileManager.default.contentsOfDirectory(atPath: ArchiveBackups.folder(for: fixture.paths.archive).path).sorted()
        #expect(kept == paths.suffix(20).map { URL(fileURLWithPath: $0).lastPathComponent }, "the two oldest are pruned")
    }

    @Test("An import that changes only the notices, pages or registry takes a backup; an unchanged one does not")
    func backupOnWriting() throws {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/notices/2024-08-15-start.md"] = "---\ntitle: 通知\ndate: 2024-08-15\nyear: 2024\n---\n请按时报名。\n"
        files["content/pages/about.md"] = "---\ntitle: 关于\n---\n协会简介。\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        let run = { try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content",
                                     archivePath: fixture.paths.archive).1 }
        _ = try run()
        #expect(try run().backup == nil, "nothing changed")

        try fixture.write("content/notices/2024-08-15-start.md", "---\ntitle: 通知（更正）\ndate: 2024-08-15\nyear: 2024\n---\n请按时报名。\n")
        let notice = try run()
        #expect(notice.years.isEmpty)
        let backup = try #require(notice.backup, "a changed notice")
        #expect(try ArchiveDatabase(path: backup).snapshot().writing.notices.map(\.title) == ["通知"])

        try fixture.remove("content/pages/about.md")
        #expect(try run().backup != nil, "a removed page")
        #expect(try run().backup == nil)
    }
}

@Suite("Removing a year")
struct RemoveYearTests {
    @Test("remove-year deletes the year with all its records after a backup; an unknown year is an input error")
    func removes() throws {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/years/2023/competition.yaml"] = SiteFixture.competition(2023)
        files["content/years/2023/registrations.csv"] = SiteFixture.registrationHeader + "\n2023-001,示例甲通信,蓝海QC小组,提高话务接通率,问题解决型,张伟、李娜,,2023-08-01,,,\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
        let backup = try Importer.removeYear(2023, archivePath: fixture.paths.archive)
        let archive = try ArchiveDatabase(path: fixture.paths.archive)
        #expect(try archive.years() == [2024])
        #expect(try archive.snapshot().year(2024)?.registrations.count == 2)
        #expect(try ArchiveDatabase(path: backup).years() == [2023, 2024])
        #expect(throws: InputError.self) { try Importer.removeYear(2019, archivePath: fixture.paths.archive) }
        let count = try archive.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM registration_person WHERE year = 2023") }
        #expect(count == 0, "the year's people go with it")
    }

    @Test("Stages may be written by their Chinese names in competition.yaml; an unknown one lists every name")
    func chineseStageNames() throws {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "入围")
        let site = try SiteFixture(files, withTheme: false)
        defer { site.cleanUp() }
        _ = try Importer.run(contentDirectory: site.url("content"), displayPath: "content", archivePath: site.paths.archive)
        #expect(try ArchiveDatabase(path: site.paths.archive).snapshot().year(2024)?.competition.published == .shortlist)

        try site.write("content/years/2024/competition.yaml", SiteFixture.competition(2024, published: "颁奖"))
        let lines = inputErrorLines {
            _ = try Importer.run(contentDirectory: site.url("content"), displayPath: "content", archivePath: site.paths.archive)
        }
        #expect(lines.contains { $0.hasPrefix("content/years/2024/competition.yaml:") && $0.contains("shortlist（入围）") })
    }
}
