import Foundation
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

/// A backup is whole or absent: written under a temporary name, renamed when complete; what an
/// interrupted backup leaves is removed, and a full disk is said as such.
@Suite("Backups", .serialized)
struct BackupTests {
    @Test("Leftovers of interrupted backups are removed by the next import, even one that changes nothing")
    func leftovers() throws {
        let fixture = try SiteFixture(SiteFixture.minimal(rows: ImportTests.goodRows))
        defer { fixture.cleanUp() }
        let run = { try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive).1 }
        _ = try run()
        try fixture.write("content/years/2024/judges.csv", "评委,单位名称\n王教授,示例理工大学\n")
        let backup = try #require(try run().backup)
        let folder = ArchiveBackups.folder(for: fixture.paths.archive)
        let name = URL(fileURLWithPath: backup).lastPathComponent
        let left = [".archive-20250101-000000-01.sqlite.partial-99999", ".archive-20250101-000000-01.sqlite.partial-99999-journal",
                    "archive-20240101-000000-01.sqlite", "archive-20240101-000000-01.sqlite-journal"]
        for file in left { try Data("half".utf8).write(to: folder.appendingPathComponent(file)) }

        #expect(try run().backup == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [name],
                "a broken backup left by a kill would take one of the \(ArchiveBackups.kept) slots")
    }

    @Test("A backup is written complete under its real name, and no temporary file stays")
    func wholeBackup() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let archive = try ArchiveDatabase()
        try archive.replace(registry: Registry(enterprises: [Enterprise(id: "a", name: "示例甲")], aliases: []),
                            writing: Writing(notices: [], pages: []), years: [])
        let path = try ArchiveBackups.keep(archive, archivePath: fixture.paths.archive)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ArchiveBackups.folder(for: fixture.paths.archive).path)
            == [URL(fileURLWithPath: path).lastPathComponent])
        #expect(try ArchiveDatabase(readingFrom: path).snapshot().registry.enterprises.map(\.id) == ["a"])
    }

    @Test("A write waits for the backup copied beside it: it commits once the backup is whole and named, and not at all when the backup fails")
    func writeWaitsForBackup() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let year = RegistrationRowsTests.sampleYear(50)
        var changed = year
        changed.writeups[0].markdown! += "补充。"
        let registry = Registry(enterprises: [Enterprise(id: "ent-a", name: "示例甲")], aliases: [])
        let writing = Writing(notices: [], pages: [])
        try ArchiveDatabase(path: fixture.paths.archive).replace(registry: registry, writing: writing, years: [year])
        func stored(_ path: String) throws -> YearRecords? { try ArchiveDatabase(readingFrom: path).snapshot().year(2024) }
        let before = try #require(try stored(fixture.paths.archive))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        // The copy cannot be made (a folder stands at its temporary name): nothing is written.
        let reader = try ArchiveDatabase(readingFrom: fixture.paths.archive)
        let discarded = try ArchiveBackups.begin(reader, archivePath: fixture.paths.archive, now: now)
        discarded.discard()
        try FileManager.default.createDirectory(at: discarded.temporary, withIntermediateDirectories: true)
        let failing = try ArchiveBackups.begin(reader, archivePath: fixture.paths.archive, now: now)
        #expect(failing.temporary.path == discarded.temporary.path, "the same name: the discarded copy took no slot")
        #expect(throws: (any Error).self) {
            try ArchiveDatabase(path: fixture.paths.archive).replace(registry: registry, writing: writing, years: [changed]) {
                _ = try failing.finish()
            }
        }
        #expect(try stored(fixture.paths.archive) == before, "the archive as it was")
        #expect(!FileManager.default.fileExists(atPath: failing.url.path))
        // The copy made beside the write holds the archive as it was before it.
        let pending = try ArchiveBackups.begin(reader, archivePath: fixture.paths.archive, now: now)
        var named: String?
        try ArchiveDatabase(path: fixture.paths.archive).replace(registry: registry, writing: writing, years: [changed]) {
            named = try pending.finish()
        }
        #expect(named == pending.url.path)
        #expect(try stored(pending.url.path) == before)
        #expect(try stored(fixture.paths.archive)?.writeups[0].markdown?.hasSuffix("补充。") == true)
    }

    @Test("A backup holds the archive as committed, whether its write-ahead log is empty or holds pages, and opening it leaves no log beside it",
          arguments: [false, true])
    func backupOfArchiveFile(logHoldsPages: Bool) throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        var year = RegistrationRowsTests.sampleYear(300)
        let registry = Registry(enterprises: [Enterprise(id: "ent-a", name: "示例甲")], aliases: [])
        var archive: ArchiveDatabase? = try ArchiveDatabase(path: fixture.paths.archive)
        try archive!.replace(registry: registry, writing: Writing(notices: [], pages: []), years: [year])
        if logHoldsPages {
            // A second write, not yet taken into the file: the log holds it while the pool is open.
            year.writeups[0].markdown! += "补充。"
            try archive!.replace(registry: registry, writing: Writing(notices: [], pages: []), years: [year])
            #expect(try FileManager.default.attributesOfItem(atPath: fixture.paths.archive + "-wal")[.size] as? Int ?? 0 > 0)
        } else {
            archive = nil  // closed: its log taken into the file
            archive = try ArchiveDatabase(readingFrom: fixture.paths.archive)
        }
        let path = try ArchiveBackups.keep(archive!, archivePath: fixture.paths.archive)
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 20)
        #expect(header.map { Array($0.suffix(2)) } == [1, 1], "a backup without a log, as SQLite's backup writes it")
        if !logHoldsPages {
            // Copied byte for byte (no page handled by SQLite's backup), the log mode's mark aside.
            var file = try Data(contentsOf: URL(fileURLWithPath: fixture.paths.archive))
            file[18] = 1
            file[19] = 1
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == file)
        }
        let copy = try ArchiveDatabase(readingFrom: path)
        #expect(try copy.snapshot().year(2024) == archive!.snapshot().year(2024))
        #expect(try copy.snapshot().year(2024)?.writeups[0].markdown?.hasSuffix("补充。") == logHoldsPages)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ArchiveBackups.folder(for: fixture.paths.archive).path)
            == [URL(fileURLWithPath: path).lastPathComponent], "opening a backup leaves nothing beside it")
    }

    @Test("Running out of space is said as 磁盘空间不足 with the folder, from SQLite and from the system")
    func diskFullMessage() throws {
        let archive = try ArchiveDatabase()
        let sqliteError = #expect(throws: (any Error).self) {
            try archive.write { db in
                try db.execute(sql: "PRAGMA max_page_count = 2; CREATE TABLE filler (x); INSERT INTO filler VALUES (zeroblob(100000))")
            }
        }
        let error = try #require(sqliteError)
        let full = try #require(DiskFull.cause(of: error, folder: "archive-backups", isFull: ArchiveDatabase.isDiskFull))
        #expect(full.description.hasPrefix("磁盘空间不足 (no space left on device)：无法写入 archive-backups"))
        #expect(DiskFull.cause(of: POSIXError(.ENOSPC), folder: "public") != nil)
        #expect(DiskFull.cause(of: POSIXError(.EACCES), folder: "public") == nil)
    }

    @Test("A full backup disk stops the import with 磁盘空间不足, leaves the archive and no partial backup",
          .enabled(if: BackupTests.canMountSmallDisk, "needs root and a kernel that lets it mount a small tmpfs"))
    func fullDisk() async throws {
        try #require(QCSiteBinary.isBuilt)
        let rows = (1...2000).map { "2024-\(String(format: "%04d", $0)),\(["示例甲通信", "示例乙网络", "示例通信集团有限公司"][$0 % 3]),第\($0)QC小组,降低第\($0)号基站退服时长的长标题,问题解决型,张伟、李娜,,2024-08-20,,," }
        var files = SiteFixture.minimal(rows: rows)
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, rules: "rules:\n  max_per_enterprise: 1000\n")
        let fixture = try SiteFixture(files, withTheme: false)
        defer { fixture.cleanUp() }
        let first = try await QCSiteBinary.launch(["import"], in: fixture.root)
        #expect(first.status == 0, "\(first.stderr)")
        let backups = fixture.url("archive-backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: false)
        try #require(Self.mountSmallDisk(at: backups))
        defer { _ = Self.unmount(backups) }

        try fixture.write("content/years/2024/judges.csv", "评委,单位名称\n王教授,示例理工大学\n")
        let before = try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024)?.judges.count
        let run = try await QCSiteBinary.launch(["import"], in: fixture.root)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("磁盘空间不足 (no space left on device)：无法写入"), "\(run.stderr)")
        #expect(run.stderr.contains("archive-backups"))
        #expect(!run.stderr.contains("not an error"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path).isEmpty, "an empty or partial backup was left")
        #expect(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024)?.judges.count == before)
    }

    static var canMountSmallDisk: Bool {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("qcsite-mount-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: false)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        return mountSmallDisk(at: probe) && unmount(probe)
    }

    static func mountSmallDisk(at folder: URL) -> Bool {
        getuid() == 0 && command("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path])
    }

    static func unmount(_ folder: URL) -> Bool { command("/bin/umount", [folder.path]) }

    static func command(_ path: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
