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

/// One writer per site: a command that writes while another holds the site's lock stops at
/// once, before any work, naming the other; readers never wait for a writer.
@Suite("Site lock", .serialized)
struct SiteLockTests {
    @Test("import, build and remove-year refuse with exit 3 while another process holds the lock, and write nothing")
    func refusedWhileHeld() async throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        let first = try await QCSiteBinary.launch(["build"], in: fixture.root)
        #expect(first.status == 0, "\(first.stderr)")
        let site = FullSite.tree(fixture.url("public"))
        try fixture.write("content/years/2024/judges.csv", "评委,单位名称\n甲,示例大学\n王教授,示例理工大学\n")

        let holder = try SiteLock.acquire(archivePath: fixture.paths.archive)
        defer { holder.release() }
        for command in [["import"], ["build"], ["remove-year", "2024"]] {
            let run = try await QCSiteBinary.launch(command, in: fixture.root)
            #expect(run.status == 3, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("另一个 qcsite 进程（pid \(getpid())："), "\(command): \(run.stderr)")
            #expect(run.stderr.contains("正在写入存档 archive.sqlite"), "\(command): \(run.stderr)")
        }
        #expect(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024)?.judges.count == 1)
        #expect(FullSite.names(in: fixture.url("archive-backups"), prefix: "archive-").isEmpty, "no backup before the lock")
        #expect(FullSite.tree(fixture.url("public")) == site)

        // The fixture's year has only a warning: check reports it with status 0.
        for (command, status) in [(["check"], Int32(0)), (["history", "示例甲通信"], 0)] {
            let run = try await QCSiteBinary.launch(command, in: fixture.root)
            #expect(run.status == status && !run.stdout.isEmpty, "\(command) waits for no lock: \(run.stderr)")
        }
    }

    @Test("An import that changes nothing, check and history work while another program holds SQLite's write lock")
    func readersNeverWait() async throws {
        try #require(QCSiteBinary.isBuilt)
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        let first = try await QCSiteBinary.launch(["import"], in: fixture.root)
        #expect(first.status == 0, "\(first.stderr)")
        let archive = try ArchiveDatabase(path: fixture.paths.archive)
        // A few short runs inside a write transaction, which cannot wait for a task. The
        // transaction's half-done change is never seen.
        try archive.write { db in
            try db.execute(sql: "UPDATE registration SET title = 'HALF-WRITTEN'")
            for command in [["import"], ["check"], ["history", "示例甲通信", "--format", "json"]] {
                let run = try QCSiteBinary.run(command, in: fixture.root)
                #expect(run.status == 0, "\(command): \(run.stderr)")
                #expect(!run.stderr.contains("database is locked"))
                #expect(!run.stdout.contains("HALF-WRITTEN"))
            }
            #expect(try String.fetchOne(db, sql: "SELECT title FROM registration") == "HALF-WRITTEN")
        }
        #expect(FullSite.names(in: fixture.url("archive-backups"), prefix: "archive-").isEmpty, "nothing changed, nothing backed up")
    }

    @Test("A build told to wait for the lock goes on once the holder is done; one told not to wait stops at once")
    func waits() throws {
        let fixture = try SiteFixture(FullSite.files())
        defer { fixture.cleanUp() }
        let holder = try SiteLock.acquire(archivePath: fixture.paths.archive)
        #expect(throws: SiteLock.Busy.self) { try SiteBuilder(paths: fixture.paths).build() }
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.archive))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { holder.release() }
        var builder = SiteBuilder(paths: fixture.paths)
        builder.lockWait = .seconds(30)
        #expect(try builder.build().output != nil)
    }
}
