import Foundation
import Testing
import GRDB
@testable import Archive
@testable import Content
@testable import Publishing
@testable import SafePaths
@testable import SiteBuild

/// A rebuild renders only what changed, and must give the very site a clean build gives: after
/// each kind of change, the incremental output (the binary run again on the same archive and
/// output) is compared byte for byte with a clean build of the same content (the binary run on a
/// new archive and output), and every file whose bytes stayed the same must not have been
/// rewritten.
@Suite("Incremental rebuild", .serialized)
struct IncrementalBuildTests {
    /// A file's identity on disk: a rewrite gives a new inode or time.
    struct Identity: Equatable {
        var inode: UInt64
        var modified: Int64
    }

    static func identities(_ folder: URL) throws -> [String: Identity] {
        var result: [String: Identity] = [:]
        for path in siteFiles(folder) {
            var info = stat()
            try #require(lstat(folder.appendingPathComponent(path).path, &info) == 0)
            result[path] = Identity(inode: UInt64(info.st_ino),
                                    modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
        return result
    }

    /// The site's files (the marker, written with every new output, and the build record, which
    /// holds times and keys of this very output, aside).
    static func siteFiles(_ folder: URL) -> [String] {
        FileList.files(under: folder).filter { $0 != BuildRecord.fileName && $0 != OutputFolderRule.marker }
    }

    /// Builds incrementally, then clean, and compares; returns the incremental build's output.
    @discardableResult
    static func rebuildMatchesClean(_ site: SiteFixture, _ change: String, run: Int) throws -> String {
        let before = try identities(site.url("public"))
        let oldBytes = Dictionary(uniqueKeysWithValues: try before.keys.map { ($0, try Data(contentsOf: site.url("public/" + $0))) })
        let incremental = try QCSiteBinary.run(["build"], in: site.root)
        try #require(incremental.status == 0, "\(change): \(incremental.stderr)")
        let clean = try QCSiteBinary.run(["build", "--archive", "clean\(run).sqlite", "--output", "clean\(run)"], in: site.root)
        try #require(clean.status == 0, "\(change): \(clean.stderr)")

        let files = siteFiles(site.url("public"))
        #expect(files == siteFiles(site.url("clean\(run)")), "\(change): the incremental and the clean build publish different files")
        let after = try identities(site.url("public"))
        for file in files {
            let data = try Data(contentsOf: site.url("public/" + file))
            #expect(data == (try? Data(contentsOf: site.url("clean\(run)/" + file))), "\(change): public/\(file) differs from a clean build")
            if oldBytes[file] == data {
                #expect(after[file] == before[file], "\(change): public/\(file) was rewritten with the same bytes")
            }
        }
        return incremental.stdout + incremental.stderr
    }

    /// Replaces `old` with `new` in a UTF-8 file of the site; the text must be there.
    static func replace(_ site: SiteFixture, _ path: String, _ old: String, _ new: String) throws {
        let text = try #require(site.read(path))
        try #require(text.contains(old), "\(path) holds \(old)")
        try site.write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Appends `text` to a UTF-8 file of the site.
    static func append(_ site: SiteFixture, _ path: String, _ text: String) throws {
        try site.write(path, try #require(site.read(path)) + text)
    }

    /// Rewrites the output's build record a line at a time: a test plants in it what no build
    /// writes, to see what the next build takes from it.
    static func rewriteRecord(_ site: SiteFixture, _ line: (Substring) -> String) throws {
        let path = "public/" + BuildRecord.fileName
        let lines = try #require(site.read(path)).split(separator: "\n", omittingEmptySubsequences: false).map(line)
        try site.write(path, lines.joined(separator: "\n"))
    }

    /// Renames the group of registration 2024-002 in the demo's GB18030 registrations table.
    static func renameGroup(_ site: SiteFixture) throws {
        let path = "content/years/2024/registrations.csv"
        let (text, _) = try #require(TextDecoding.decode(try Data(contentsOf: site.url(path))))
        let row = try #require(text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("2024-002,") })
        let changed = row.replacingOccurrences(of: "QC小组", with: "质量QC小组")
        try #require(changed != row)
        try site.write(path, try #require(TextDecoding.gb18030Data(text.replacingOccurrences(of: row, with: changed))))
    }

    /// A site folder holding a copy of the demo's content.
    static func demoSite() throws -> SiteFixture {
        let site = try SiteFixture()
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: site.url("content"))
        return site
    }

    @Test("A page kept from the last build is checked again when a page it links to goes")
    func keptPageLinkChecked() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        let writeup = "content/years/2024/writeups/2024-001.md"
        try Self.append(site, writeup, "\n参见[2023年竞赛结果](/notices/2023-09-28-results/)。\n")
        let first = try QCSiteBinary.run(["build"], in: site.root)
        try #require(first.status == 0, "\(first.stderr)")

        try FileManager.default.removeItem(at: site.url("content/notices/2023-09-28-results.md"))
        let second = try QCSiteBinary.run(["build"], in: site.root)
        #expect(second.status == 2, "\(second.stdout)\(second.stderr)")
        #expect(second.stderr.contains("2024/2024-001/index.html") && second.stderr.contains("/notices/2023-09-28-results/"), "\(second.stderr)")
        #expect(site.read("public/notices/2023-09-28-results/index.html") != nil, "the published site stays")
    }

    @Test("after each kind of change a rebuild equals a clean build, and renders only what changed")
    func everyKindOfChange() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        let first = try QCSiteBinary.run(["build"], in: site.root)
        try #require(first.status == 0, "\(first.stderr)")

        // Nothing changed: nothing is rendered, nothing on disk touched.
        let before = try Self.identities(site.url("public"))
        let again = try QCSiteBinary.run(["build"], in: site.root)
        #expect(again.status == 0)
        #expect((again.stdout + again.stderr).contains("都没有改动"), "\(again.stderr)")
        #expect(try Self.identities(site.url("public")) == before)

        var run = 0
        @discardableResult
        func check(_ change: String, _ edit: () throws -> Void) throws -> String {
            run += 1
            try edit()
            return try Self.rebuildMatchesClean(site, change, run: run)
        }

        let searchData = { (folder: URL) in
            Dictionary(uniqueKeysWithValues: Self.siteFiles(folder).filter { $0.hasPrefix("search/") && $0.hasSuffix("index.html") == false }
                .map { ($0, try? Data(contentsOf: folder.appendingPathComponent($0))) })
        }
        let searchBefore = searchData(site.url("public"))
        let writeup = try check("a write-up") {
            let path = "content/years/2024/writeups/2024-001.md"
            try Self.append(site, path, "\n活动结束后，小组又复查了一个月，效果保持稳定。\n")
        }
        // Every keyed page but the one whose write-up changed is left as it was: the achievement
        // pages, and the year, enterprise and archive pages (with the archive's filter
        // stylesheet), whose data a write-up does not touch.
        let kept = try #require(writeup.firstMatch(of: /其中 (\d+) 个无需重新生成/).map { Int($0.1)! })
        let files = Self.siteFiles(site.url("public"))
        let pages = files.filter { $0.wholeMatch(of: /\d{4}\/\d{4}-[^\/]+\/index\.html/) != nil }.count
        let lists = files.filter { $0.wholeMatch(of: /\d{4}\/index\.html|enterprises\/([^\/]+\/)?index\.html|archive\/(index\.html|filter\.css)/) != nil }.count
        #expect(pages > 40 && lists > 10)
        // So is every file of the search index whose bytes stay (all but the write-up's
        // fragment, its directory, the shards of its bigrams, their tables and the manifest).
        let searchKept = searchData(site.url("public")).filter { searchBefore[$0.key] == $0.value }.count
        #expect(searchKept > 100 && searchKept < searchBefore.count - 3)
        #expect(kept == pages + lists - 1 + searchKept, "\(writeup)")

        try check("a registration row") { try Self.renameGroup(site) }
        try check("an enterprise renamed") {
            // The old name stays an alias: older years' tables still use it.
            try Self.replace(site, "content/enterprises.yaml", "name: 示例移动通信集团示例省有限公司\n  aliases: [",
                             "name: 示例移动通信集团示例省有限责任公司\n  aliases: [示例移动通信集团示例省有限公司, ")
        }
        try check("a stage published (results withdrawn to the shortlist)") {
            try Self.replace(site, "content/years/2024/competition.yaml", "published: results", "published: shortlist")
        }
        try check("a stage published (results again)") {
            try Self.replace(site, "content/years/2024/competition.yaml", "published: shortlist", "published: results")
        }
        let template = try check("a template") {
            try Self.replace(site, "themes/default/templates/achievement.mustache", "{{/layout}}", "<!-- 成果页 -->\n{{/layout}}")
        }
        // The search data does not depend on the theme: none of it is made again.
        let searchFiles = searchData(site.url("public")).count
        #expect(try #require(template.firstMatch(of: /其中 (\d+) 个无需重新生成/).map { Int($0.1)! }) >= searchFiles, "\(template)")
        try check("site.yaml") {
            try Self.replace(site, "content/site.yaml", "title: 全省信息通信系统全面质量管理成果竞赛", "title: 全省信息通信系统QC成果竞赛")
        }
    }

    @Test("a rebuild with nothing written since reads nothing; files changed by hand in the output are put right")
    func stampsAndHandEdits() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        // Stamps set in the last two seconds are not trusted (a second write could keep them).
        Thread.sleep(forTimeInterval: Double(InputStamps.settled) / 1e9 + 0.2)
        try #require(try QCSiteBinary.run(["build"], in: site.root).status == 0)
        let before = try Self.identities(site.url("public"))
        let again = try QCSiteBinary.run(["build"], in: site.root)
        #expect(again.status == 0)
        #expect(again.stderr.contains("无需读取") && again.stderr.contains("都没有改动"), "\(again.stderr)")
        #expect(try Self.identities(site.url("public")) == before)

        try site.remove("public/2024/2024-001/index.html")
        try site.write("public/enterprises/index.html", "edited by hand")
        try site.write("public/stray.html", "left by hand")
        try Self.rebuildMatchesClean(site, "files changed in the output by hand", run: 1)
        #expect(!FileManager.default.fileExists(atPath: site.url("public/stray.html").path))

        let path = "content/years/2024/writeups/2024-003.md"
        try Self.append(site, path, "\n补充一段说明。\n")
        let changed = try Self.rebuildMatchesClean(site, "a write-up after a build that read nothing", run: 2)
        #expect(!changed.contains("无需读取"))

        // A write-up changed and the output changed by hand: the output's record vouches for its
        // folders, the look finds otherwise, and the output is walked and put right.
        try #require(BuildRecord.read(in: site.url("public"))?.folders != nil, "the record vouches for its folders")
        try Self.append(site, path, "\n再补充一段。\n")
        try site.remove("public/2024/2024-004/index.html")
        try site.write("public/enterprises/index.html", "edited by hand again")
        try site.write("public/2024/stray.html", "left by hand")
        let both = try Self.rebuildMatchesClean(site, "a write-up and files in the output changed by hand", run: 3)
        #expect(!FileManager.default.fileExists(atPath: site.url("public/2024/stray.html").path))
        #expect(!both.contains("无需读取"))
    }

    @Test("after a build whose import wrote the archive, the next build with nothing written since reads nothing")
    func stampsAfterWrite() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        try #require(try QCSiteBinary.run(["build"], in: site.root).status == 0)
        for round in 1...3 {
            // A notice edited: the import writes the notices, while every archived year is read
            // ahead on another connection (the archive's stamps must be taken once all are closed).
            let path = "content/notices/2024-08-15-competition.md"
            try Self.append(site, path, "\n补充第 \(round) 次。\n")
            Thread.sleep(forTimeInterval: Double(InputStamps.settled) / 1e9 + 0.2)
            let written = try QCSiteBinary.run(["build"], in: site.root)
            #expect(written.status == 0 && written.stderr.contains("通知"), "\(written.stderr)")
            let again = try QCSiteBinary.run(["build"], in: site.root)
            #expect(again.stderr.contains("无需读取") && again.stderr.contains("都没有改动"), "round \(round): \(again.stderr)")
        }
    }

    @Test("a year whose files' stamps are as the last build recorded them is taken at its recorded fingerprint, unhashed; an edited year is hashed and read")
    func yearsKnownByStamps() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        Thread.sleep(forTimeInterval: Double(InputStamps.settled) / 1e9 + 0.2)
        try #require(try QCSiteBinary.run(["build"], in: site.root).status == 0)
        let archive = try ArchiveDatabase(readingFrom: site.paths.archive)
        let archived = try archive.fingerprints()
        let record = try #require(BuildRecord.read(in: site.url("public"), files: false))
        // Every year is recorded, at the fingerprint the archive holds.
        #expect(archived.count >= 3 && record.years.mapValues(\.fingerprint) == archived, "\(record.years)")

        // The archive says 2023 was imported from other files, and the record that those are
        // 2023's files: the stamps vouch for the record, so 2023 is left as it is, unhashed.
        // (Hashed, its files would not match, and the year would be read again.)
        let raw = try DatabaseQueue(path: site.paths.archive)
        try raw.write { try $0.execute(sql: "UPDATE competition SET source_fingerprint = 'f-other' WHERE year = 2023") }
        let text = try #require(site.read("public/" + BuildRecord.fileName))
        let recorded = try #require(record.years[2023])
        try site.write("public/" + BuildRecord.fileName, text.replacingOccurrences(of: "2023=\(recorded.stamps)=\(recorded.fingerprint)",
                                                                              with: "2023=\(recorded.stamps)=f-other"))
        let trusted = try QCSiteBinary.run(["build"], in: site.root)
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(!trusted.stderr.contains("更新 2023年") && trusted.stderr.contains("2023年"), "\(trusted.stderr)")

        // A year written to (here with the same bytes) has other stamps than the record's: it is
        // hashed, found to differ from what the archive says, and read again.
        let table = site.url("content/years/2023/awards.csv")
        try Data(contentsOf: table).write(to: table)
        let edited = try QCSiteBinary.run(["build"], in: site.root)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stderr.contains("更新 2023年"), "\(edited.stderr)")
        #expect(try ArchiveDatabase(readingFrom: site.paths.archive).fingerprints()[2023] == archived[2023])
    }

    @Test("a build that writes a year keeps one backup holding the archive as it was; a file written again with the same bytes, or an input error, leaves no backup and no partial copy")
    func backupsOfBuilds() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        let folder = ArchiveBackups.folder(for: site.paths.archive)
        func backups() throws -> [String] {
            guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        }
        // Stamps set in the last two seconds are not trusted: each build below finds the year's
        // stamps other than the record's, as a staff member's edit would leave them.
        func build(_ change: String, status: Int32 = 0, _ edit: () throws -> Void) throws -> String {
            try edit()
            Thread.sleep(forTimeInterval: Double(InputStamps.settled) / 1e9 + 0.2)
            let result = try QCSiteBinary.run(["build"], in: site.root)
            try #require(result.status == status, "\(change): \(result.stderr)")
            return result.stderr
        }
        _ = try build("the first build") {}
        let first = try backups()

        let table = site.url("content/years/2024/judges.csv")
        let same = try build("a table written again with the same bytes") { try Data(contentsOf: table).write(to: table) }
        #expect(!same.contains("更新 2024年"), "\(same)")
        #expect(try backups() == first, "no backup for a change that was not one")

        let path = "content/years/2024/writeups/2024-003.md"
        let before = try #require(try ArchiveDatabase(readingFrom: site.paths.archive).snapshot().year(2024)?.writeups
            .first { $0.registrationId == "2024-003" }?.markdown)
        let changed = try build("a write-up") { try Self.append(site, path, "\n补充一段说明。\n") }
        #expect(changed.contains("更新 2024年"), "\(changed)")
        let all = try backups()
        let added = all.filter { !first.contains($0) }
        try #require(added.count == 1 && added[0].hasPrefix("archive-"), "\(all)")
        let kept = try ArchiveDatabase(readingFrom: folder.appendingPathComponent(added[0]).path).snapshot().year(2024)
        #expect(kept?.writeups.first { $0.registrationId == "2024-003" }?.markdown == before, "the backup holds the archive as it was")

        let withBackup = try backups()
        let refused = try build("a write-up with a control character", status: 2) { try Self.append(site, path, "响铃\u{7}\n") }
        #expect(refused.contains(path), "\(refused)")
        #expect(try backups() == withBackup, "no backup and no partial copy for an import that stops")
    }

    @Test("the rule check is done again only when what it reads changed: not for a write-up or a template, but for a profile or a registration row")
    func checkDoneAgainOnlyForItsInputs() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        try #require(try QCSiteBinary.run(["build"], in: site.root).status == 0)
        // A first build has no record to compare with and keys nothing; the build after it
        // keys what the check reads, and checks.
        try Self.append(site, "content/years/2024/writeups/2024-003.md", "\n补充。\n")
        let second = try QCSiteBinary.run(["build"], in: site.root)
        try #require(second.status == 0, "\(second.stderr)")
        #expect(try #require(BuildRecord.read(in: site.url("public"), files: false)).rules != nil)
        // The record's summary of the check is replaced by one no check prints: a build that
        // takes the summary from the record prints it, one that checks again prints its own.
        let planted = "规则检查：（上次检查的结果）"
        func plant() throws {
            try Self.rewriteRecord(site) { $0.hasPrefix("check ") ? "check " + planted : String($0) }
            try #require(BuildRecord.read(in: site.url("public"), files: false)?.checkLine == planted)
        }
        func build(_ change: String, status: Int32 = 0, _ edit: () throws -> Void) throws -> String {
            try plant()
            try edit()
            let result = try QCSiteBinary.run(["build"], in: site.root)
            try #require(result.status == status, "\(change): \(result.stderr)")
            return result.stderr
        }

        // The year is imported again (its score sheets numbered anew), its write-up changed.
        let writeup = try build("a write-up") { try Self.append(site, "content/years/2024/writeups/2024-001.md", "\n补充一段说明。\n") }
        #expect(writeup.contains("更新 2024年") && writeup.contains(planted), "\(writeup)")
        let template = try build("a template") {
            try Self.replace(site, "themes/default/templates/achievement.mustache", "{{/layout}}", "<!-- 成果页 -->\n{{/layout}}")
        }
        #expect(template.contains(planted), "\(template)")

        // An excellent enterprise's profile is read by the rules: one too long stops the build.
        let profilePath = "content/years/2024/writeups/enterprise-2024-E01.md"
        let profileText = try #require(site.read(profilePath))
        let profile = try build("a profile", status: 1) { try Self.append(site, profilePath, "\n" + String(repeating: "超", count: 2000) + "\n") }
        #expect(!profile.contains(planted) && profile.contains("（profile-length）"), "\(profile)")
        try site.write(profilePath, profileText)

        let row = try build("a registration row") { try Self.renameGroup(site) }
        #expect(!row.contains(planted) && row.contains("规则检查："), "\(row)")
    }

    /// The year, enterprise and archive sections show no write-up: while the record but its
    /// write-ups' text (its outline) and the render key are as the last build had them, they are
    /// not rendered at all, and their pages are kept with the keys the record gives them. So are
    /// a year's achievement pages while, besides, the year's write-ups are. A key planted in the
    /// record shows which: a page kept whole keeps it, one modelled and keyed again loses it.
    @Test("the sections made from the record's outline alone, and a year's achievement pages, are kept whole while what they are made from is; else they are rendered")
    func outlineSectionsKeptWhole() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.demoSite()
        defer { site.cleanUp() }
        try #require(try QCSiteBinary.run(["build"], in: site.root).status == 0)
        // A first build keys no section (it has no pages to compare with) but the title check's
        // files, made from the record alone; the build after it does.
        #expect(try #require(BuildRecord.read(in: site.url("public"))).sections.keys.sorted() == [SearchSection.titlesPart])
        try Self.append(site, "content/years/2024/writeups/2024-003.md", "\n补充。\n")
        try Self.rebuildMatchesClean(site, "a write-up after a first build", run: 1)
        let record = try #require(BuildRecord.read(in: site.url("public")))
        #expect(Set(record.sections.keys) == ["ArchiveSection", "EnterpriseSection", "YearSection", "AchievementSection/2022",
                                              "AchievementSection/2023", "AchievementSection/2024", SearchSection.titlesPart])
        func tagged(_ section: String) -> [String] { record.files.filter { $0.value.section == section }.keys.sorted() }
        #expect(tagged("EnterpriseSection").contains("enterprises/index.html") && tagged("EnterpriseSection").count > 10)
        #expect(tagged("ArchiveSection") == ["archive/filter.css", "archive/index.html"])
        #expect(tagged("AchievementSection/2023").allSatisfy { $0.hasPrefix("2023/2023-") } && tagged("AchievementSection/2023").count > 5)
        #expect(tagged(SearchSection.titlesPart).contains(TitleCheck.manifestPath))
        // An enterprise page, an achievement page of 2023, one of 2024 whose write-up stays, and
        // the title check's manifest.
        let pages = [try #require(tagged("EnterpriseSection").last), try #require(tagged("AchievementSection/2023").first),
                     "2024/2024-004/index.html", TitleCheck.manifestPath]
        #expect(record.files[pages[2]]?.section == "AchievementSection/2024")

        func plant() throws {
            try Self.rewriteRecord(site) { line in
                guard line.hasPrefix("file "), pages.contains(where: { line.hasSuffix(" " + $0) }) else { return String(line) }
                var fields = line.split(separator: " ", maxSplits: 5).map(String.init)
                fields[3] = "planted"
                return fields.joined(separator: " ")
            }
            #expect(try planted() == [true, true, true, true])
        }
        func planted() throws -> [Bool] {
            let record = try #require(BuildRecord.read(in: site.url("public")))
            return pages.map { record.files[$0]?.key == "planted" }
        }

        try plant()
        try Self.append(site, "content/years/2024/writeups/2024-001.md", "\n补充一段说明。\n")
        try Self.rebuildMatchesClean(site, "a write-up", run: 2)
        #expect(try planted() == [true, true, false, true],
                "a write-up of 2024 changed: 2023's pages, the enterprise section and the title check are kept whole, 2024's keyed")

        // A page of the section edited by hand: the section is rendered, and the page put right.
        try plant()
        try site.write("public/enterprises/index.html", "edited by hand")
        try Self.append(site, "content/years/2024/writeups/2024-001.md", "\n再补充一段。\n")
        try Self.rebuildMatchesClean(site, "a page of a kept section edited by hand", run: 3)
        #expect(try planted() == [false, true, false, true])

        // A registration row the public does not see (2024-002 is neither shortlisted nor
        // awarded) leaves the outline as it was; an enterprise renamed changes it.
        try plant()
        try Self.renameGroup(site)
        try Self.rebuildMatchesClean(site, "a registration row the public does not see", run: 4)
        #expect(try planted() == [true, true, true, true], "a row the public does not see changed: all is kept whole")
        try Self.replace(site, "content/enterprises.yaml", "name: 示例移动通信集团示例省有限公司\n  aliases: [",
                         "name: 示例移动通信集团示例省有限责任公司\n  aliases: [示例移动通信集团示例省有限公司, ")
        try Self.rebuildMatchesClean(site, "an enterprise renamed", run: 5)
        #expect(try planted() == [false, false, false, true], "an enterprise renamed: every part showing it is rendered")

        // A title compared by the title check (2024's public titles) makes its files again.
        try plant()
        try Self.retitle(site, "研发地下管井有害气体检测预警装置", "研发地下管井有害气体检测预警装置（改进型）")
        try Self.rebuildMatchesClean(site, "a public title", run: 6)
        #expect(try planted()[3] == false, "a compared title changed: the title check is made again")
    }

    /// Changes a title in 2024's registrations (a GB18030 table).
    static func retitle(_ site: SiteFixture, _ old: String, _ new: String) throws {
        let path = "content/years/2024/registrations.csv"
        let (text, _) = try #require(TextDecoding.decode(try Data(contentsOf: site.url(path))))
        try #require(text.contains("," + old + ","))
        try site.write(path, try #require(TextDecoding.gb18030Data(text.replacingOccurrences(of: "," + old + ",", with: "," + new + ","))))
    }
}
