import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Parallelism
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

@Suite("Output")
struct OutputWriterTests {
    func inode(_ url: URL) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test("A path is plain exactly when no part of it between slashes is empty, . or .., it holds no NUL and is not the marker")
    func plainPaths() {
        let plain = { (path: String) in
            !(path == OutputFolderRule.marker || path.hasPrefix("/") || path.utf8.contains(0)
                || path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." })
        }
        var random = SeededRandom(seed: 21)
        let pieces = ["a", ".", "..", "/", "/", "\0", "甲", "b.c", "...", ".a", OutputFolderRule.marker, "index.html"]
        var plainOnes = 0
        for _ in 0..<20_000 {
            let path = (0..<Int.random(in: 0..<6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(OutputWriter.isPlain(path) == plain(path), "\(path.debugDescription)")
            if plain(path) { plainOnes += 1 }
        }
        #expect(plainOnes > 2000 && plainOnes < 18_000, "\(plainOnes)")
    }

    @Test("Unchanged files keep their inode, changed ones are replaced, stale ones removed")
    func incremental() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        var files = ["index.html": Data("a".utf8), "2024/index.html": Data("b".utf8), "old.html": Data("c".utf8)]
        let first = try OutputWriter.publish(files, to: out)
        #expect(first.written == 3)
        let keep = try inode(out.appendingPathComponent("2024/index.html"))

        let again = try OutputWriter.publish(files, to: out)
        #expect(again == OutputSummary(written: 0, unchanged: 3, removed: 0))

        files["index.html"] = Data("a2".utf8)
        files["old.html"] = nil
        let third = try OutputWriter.publish(files, to: out)
        #expect(third == OutputSummary(written: 1, unchanged: 1, removed: 1))
        #expect(try inode(out.appendingPathComponent("2024/index.html")) == keep)
        #expect(fixture.read("public/index.html") == "a2")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("old.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [".public.spare"], "only the site before, kept for the next build")
    }

    /// Every regular file and every folder under `root`, with the files' bytes.
    func tree(_ root: URL) -> (files: [String: Data], folders: Set<String>) {
        var files: [String: Data] = [:]
        var folders: Set<String> = []
        // Foundation's enumerator, not qcsite's own walk: the test looks with other eyes.
        for case let path as String in FileManager.default.enumerator(atPath: root.path)?.allObjects ?? [] {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.path + "/" + path, isDirectory: &isFolder)
            if isFolder.boolValue {
                folders.insert(path)
            } else {
                files[path] = FileManager.default.contents(atPath: root.path + "/" + path)
            }
        }
        files[OutputFolderRule.marker] = nil
        files[BuildRecord.fileName] = nil
        return (files, folders)
    }

    @Test("A walk of the output taken at the start of a build no longer stands for it once a file was removed or added by hand")
    func staleWalk() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        let files = ["index.html": Data("a".utf8), "search/f/0123456789abcdef.json": Data("{}".utf8)]
        _ = try OutputWriter.publish(files, to: out)
        let found = OutputTree.scan(out.path)
        let site = RenderedSite(files: files, kept: [], keys: [:])
        let record = BuildRecord(inputs: nil, stamps: nil, checkErrors: 0, checkLine: "", files: [:])
        // While the build ran: a file added by hand. By the walk taken at the start, nothing is to
        // be written or removed; the output is walked again, and the file goes.
        try Data("x".utf8).write(to: out.appendingPathComponent("extra.html"))
        let summary = try OutputWriter.publish(site, record: record, to: out, found: found)
        #expect(summary.written == 0 && summary.removed == 1, "\(summary)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("extra.html").path))
        #expect(BuildRecord.read(in: out)?.verified(against: out).exact == true, "the record is true of the site")

        // A file removed by hand while the build ran is written again: its bytes are compared.
        let before = OutputTree.scan(out.path)
        try FileManager.default.removeItem(at: out.appendingPathComponent("search/f/0123456789abcdef.json"))
        let again = try OutputWriter.publish(site, record: record, to: out, found: before)
        #expect(again.written == 1, "\(again)")
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("search/f/0123456789abcdef.json").path) == Data("{}".utf8))
        #expect(BuildRecord.read(in: out)?.verified(against: out).exact == true)
    }

    @Test("The old site's folders listed at the start of a build are checked by their paths; one removed by hand since is no obstacle")
    func foldersCheckedByPath() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        _ = try OutputWriter.publish(["index.html": Data("a".utf8), "2024/a/index.html": Data("b".utf8)], to: out)
        let tree = OutputTree.scan(out.path, folders: true)
        let folders = try #require(tree.folders.map { Array($0.keys) })
        #expect(Set(folders) == ["", "2024", "2024/a"])
        #expect(OutputWriter.survey(of: out, found: tree).unemptiable == nil)
        try FileManager.default.removeItem(at: out.appendingPathComponent("2024"))
        #expect(OutputWriter.survey(of: out, found: tree).unemptiable == nil)
        try FileManager.default.removeItem(at: out)
        #expect(FileTree.unemptiableFolder(under: out.path, among: folders)?.errno == ENOENT, "the output itself gone is reported")
    }

    @Test("Publishing through the kept spare gives the site a fresh publish gives, and never writes through a published file")
    func spareBroughtUpToDate() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        let fresh = fixture.url("fresh")
        let versions: [[String: String]] = [
            ["index.html": "v1", "a/index.html": "a1", "a/b/index.html": "b1", "gone/x/index.html": "x"],
            ["index.html": "v2", "a/index.html": "a1", "a/b/index.html": "b1", "new/index.html": "n2"],
            ["index.html": "v3", "a/index.html": "a3", "new/index.html": "n2", "gone/x/index.html": "x3"],
            ["index.html": "v3", "a/index.html": "a3", "new/index.html": "n4", "c/d/e/index.html": "e4"],
            ["index.html": "v5"],
        ]
        for (number, version) in versions.enumerated() {
            let files = version.mapValues { Data($0.utf8) }
            let before = tree(out).files
            _ = try OutputWriter.publish(files, to: out)
            try? FileManager.default.removeItem(at: fresh)
            _ = try OutputWriter.publish(files, to: fresh)
            let published = tree(out)
            #expect(published.files == files, "version \(number + 1)")
            #expect(published.folders == tree(fresh).folders, "no folder left empty, version \(number + 1)")
            #expect(BuildRecord.read(in: out)?.verified(against: out).exact == true, "the record is true of the site")
            if number > 0 {
                #expect(tree(OutputWriter.spare(of: out)).files == before, "the old site is the spare, unchanged")
            }
        }
        // A spare holding what qcsite did not write (a link) is not reused; the site is still right.
        try FileManager.default.createSymbolicLink(atPath: OutputWriter.spare(of: out).path + "/link", withDestinationPath: "/etc/passwd")
        let files = ["index.html": Data("v6".utf8), "z/index.html": Data("z6".utf8)]
        _ = try OutputWriter.publish(files, to: out)
        #expect(tree(out).files == files)
        #expect(!FileManager.default.fileExists(atPath: out.path + "/link"))
        // A folder at the spare's name that qcsite did not make is left alone.
        try FileManager.default.removeItem(at: OutputWriter.spare(of: out))
        try fixture.write(".public.spare/notes.txt", "mine")
        _ = try OutputWriter.publish(["index.html": Data("v7".utf8)], to: out)
        _ = try OutputWriter.publish(["index.html": Data("v8".utf8)], to: out)
        #expect(fixture.read(".public.spare/notes.txt") == "mine")
        #expect(tree(out).files == ["index.html": Data("v8".utf8)])
    }

    @Test("The spare's files are taken to be the output's but where the record says they differ, while its digests hold; any change by hand to the spare's folders, or to the output, has it walked")
    func spareFromTheRecord() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        let spare = OutputWriter.spare(of: out)
        /// Publishes as a build does: the output walked first, and vouched for when its record describes it.
        func publish(_ version: [String: String]) throws {
            let found = OutputTree.scan(out.path, folders: true)
            var record = BuildRecord(inputs: nil, stamps: nil, checkErrors: 0, checkLine: "", files: [:])
            let last = BuildRecord.read(in: out, lines: true)
            let exact = last?.describes(found, in: out) == true
            if exact { record.spare = BuildRecord.SpareDigests(of: found) }
            let survey = Background { OutputWriter.survey(of: out, found: found, spare: exact ? last?.spare : nil) }
            let files = version.mapValues { Data($0.utf8) }
            _ = try OutputWriter.publish(RenderedSite(files: files, kept: [], keys: [:]), record: record, to: out, found: found,
                                         last: exact ? last : nil, survey: survey)
            #expect(tree(out).files == files)
            #expect(BuildRecord.read(in: out)?.verified(against: out).exact == true)
        }
        /// The spare's files as the record has them, when its word holds.
        func derived() throws -> [String: FileStamp]? {
            let found = OutputTree.scan(out.path, folders: true)
            let digests = try #require(BuildRecord.read(in: out)?.spare, "the last build swapped a site out it could vouch for")
            return OutputWriter.derived(spare, found: found, digests: digests).map { differs in
                var files = found.files
                for (path, stamp) in differs { files[path] = stamp }
                return files
            }
        }
        let versions: [[String: String]] = [
            ["index.html": "v1", "a/index.html": "a1", "a/b/index.html": "b1"],
            ["index.html": "v2", "a/index.html": "a1", "a/b/index.html": "b2", "c/index.html": "c2"],
            ["index.html": "v3", "a/index.html": "a3", "c/index.html": "c2"],
            ["index.html": "v4", "a/index.html": "a3", "c/index.html": "c4", "d/e/index.html": "e4"],
        ]
        for (number, version) in versions.enumerated() {
            try publish(version)
            if number > 0 {
                #expect(try derived() == OutputTree.scan(spare.path).files, "version \(number): the spare as the record has it is the spare walked")
            }
        }

        // A file added, a file removed, a folder renamed: each leaves a folder of the spare with a
        // new stamp; a file of the output replaced by hand leaves the files' digest otherwise. The
        // spare is then walked, and the site published through it is still right.
        let changes: [(URL) throws -> Void] = [
            { try Data("mine".utf8).write(to: $0.appendingPathComponent("a/notes.txt")) },
            { try FileManager.default.removeItem(at: $0.appendingPathComponent("c/index.html")) },
            { try FileManager.default.moveItem(at: $0.appendingPathComponent("a/b"), to: $0.appendingPathComponent("a/bb")) },
            // (Its modification time set back: its change time still tells.)
            { spare in
                var info = stat()
                stat(spare.appendingPathComponent("a").path, &info)
                try Data("mine".utf8).write(to: spare.appendingPathComponent("a/stray.html"))
                var times = [info.st_atim, info.st_mtim]
                utimensat(AT_FDCWD, spare.appendingPathComponent("a").path, &times, 0)
            },
            { _ in
                try FileManager.default.removeItem(at: out.appendingPathComponent("a/index.html"))
                try Data("a".utf8).write(to: out.appendingPathComponent("a/index.html"))
            },
        ]
        for (number, change) in changes.enumerated() {
            try publish(["index.html": "w\(number)", "a/index.html": "a", "a/b/index.html": "b", "c/index.html": "c"])
            try publish(["index.html": "x\(number)", "a/index.html": "a", "a/b/index.html": "b\(number)"])
            #expect(try derived() != nil, "change \(number): before it, taken from the record")
            try change(spare)
            #expect(try derived() == nil, "change \(number): walked")
            try publish(["index.html": "y\(number)", "a/index.html": "a\(number)", "c/index.html": "c"])
        }
    }

    @Test("The survey claims the spare at once: what is put at the spare's name later is not the build's, a link put there is not followed, and a build that publishes nothing gives the spare back")
    func spareClaimedBySurvey() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        let spare = OutputWriter.spare(of: out)
        let record = BuildRecord(inputs: nil, stamps: nil, checkErrors: 0, checkLine: "", files: [:])
        for version in ["1", "2"] {
            _ = try OutputWriter.publish(["index.html": Data("v\(version)".utf8), "a/index.html": Data("a\(version)".utf8)], to: out)
        }
        // Claimed while the build renders: a sync tool that then writes at the spare's name
        // writes a folder of its own, which no build takes for a spare.
        let survey = Background { OutputWriter.survey(of: out) }
        #expect(survey.value.claim != nil && !FileManager.default.fileExists(atPath: spare.path))
        try FileManager.default.createDirectory(at: spare.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("foreign".utf8).write(to: spare.appendingPathComponent("a/conflict.html"))
        let files = ["index.html": Data("v3".utf8), "a/index.html": Data("a2".utf8)]
        _ = try OutputWriter.publish(RenderedSite(files: files, kept: [], keys: [:]), record: record, to: out, survey: survey)
        #expect(tree(out).files == files, "only the site's files")
        #expect(fixture.read(".public.spare/a/conflict.html") == "foreign", "the folder at the spare's name is left alone")
        try FileManager.default.removeItem(at: spare)

        // A build that stops before its publish gives the spare back, as it was.
        _ = try OutputWriter.publish(["index.html": Data("v4".utf8), "a/index.html": Data("a2".utf8)], to: out)
        let before = tree(spare)
        let unused = OutputWriter.survey(of: out)
        #expect(unused.claim != nil)
        unused.release()
        #expect(tree(spare).files == before.files && tree(spare).folders == before.folders && OutputWriter.isSpare(spare))
        // A link at the spare's name, to a folder that looks like a spare, is not followed.
        let elsewhere = fixture.url("elsewhere")
        try FileManager.default.moveItem(at: spare, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: spare, withDestinationURL: elsewhere)
        let linked = tree(elsewhere)
        let throughLink = ["index.html": Data("v4b".utf8), "a/index.html": Data("a2".utf8)]
        _ = try OutputWriter.publish(RenderedSite(files: throughLink, kept: [], keys: [:]), record: record, to: out,
                                     survey: Background { OutputWriter.survey(of: out) })
        #expect(tree(out).files == throughLink)
        #expect(tree(elsewhere).files == linked.files, "the folder behind the link is as it was")
        try FileManager.default.removeItem(at: elsewhere)
        _ = try OutputWriter.publish(["index.html": Data("v4c".utf8), "a/index.html": Data("a2".utf8)], to: out)
        // A spare changed by hand before the survey is walked; the site published through it is right.
        try Data("mine".utf8).write(to: spare.appendingPathComponent("a/notes.txt"))
        let later = ["index.html": Data("v5".utf8), "a/index.html": Data("a2".utf8)]
        _ = try OutputWriter.publish(RenderedSite(files: later, kept: [], keys: [:]), record: record, to: out,
                                     survey: Background { OutputWriter.survey(of: out) })
        #expect(tree(out).files == later)
    }

    @Test("A record written from the last record's lines says what one written in full says: each file's stamp, key and part, in order")
    func recordFromLastLines() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        typealias Page = (text: String, key: String, section: String?)
        var last: [String: Page] = [:]
        /// Publishes as a build does: a page whose bytes and key are the last version's is kept
        /// (its part may change); the others are rendered.
        func publish(_ version: [String: Page], sectionKeys: [String: String], round: Int) throws {
            let found = OutputTree.scan(out.path, folders: true)
            let previous = BuildRecord.read(in: out, lines: true)
            let exact = previous?.describes(found, in: out) == true
            var record = BuildRecord(inputs: "i\(round)", stamps: nil, checkErrors: 0, checkLine: "", files: [:])
            record.sections = sectionKeys
            if exact { record.spare = BuildRecord.SpareDigests(of: found) }
            var site = RenderedSite(files: [:], kept: [], keys: [:])
            for (path, page) in version {
                site.keys[path] = page.key
                site.sections[path] = page.section
                if exact, let old = last[path], old.text == page.text, old.key == page.key {
                    site.kept.insert(path)
                } else {
                    site.files[path] = Data(page.text.utf8)
                }
            }
            site.sectionKeys = sectionKeys
            let survey = Background { OutputWriter.survey(of: out, found: found, spare: exact ? previous?.spare : nil) }
            _ = try OutputWriter.publish(site, record: record, to: out, found: found, last: exact ? previous : nil, survey: survey)
            last = version
            #expect(tree(out).files == version.mapValues { Data($0.text.utf8) }, "round \(round)")
            let written = try #require(BuildRecord.read(in: out))
            #expect(written.verified(against: out).exact, "round \(round): every stamp, and the digest")
            #expect(written.files.mapValues(\.key) == version.mapValues(\.key), "round \(round)")
            #expect(written.files.mapValues(\.section) == version.mapValues { $0.section.flatMap { sectionKeys[$0] == nil ? nil : $0 } },
                    "round \(round)")
            // The file is the record in full: its lines in order, its head the same.
            #expect(written.text == fixture.read("public/" + BuildRecord.fileName), "round \(round)")
        }
        var random = SeededRandom(seed: 5)
        let paths = ["index.html"] + (1..<40).map { number in ["a/\(number).html", "报名/\(number)/index.html", "b c/\(number)"][number % 3] }
        var version: [String: Page] = [:]
        for path in paths { version[path] = (text: "0", key: "k0", section: nil) }
        for round in 0..<16 {
            for path in paths {
                switch random.next(below: 8) {
                case 0: version[path] = nil
                case 1: version[path] = (text: "t\(round)", key: "k\(round)", section: version[path]?.section)
                case 2: version[path] = version[path].map { (text: $0.text, key: "k\(round)", section: $0.section) }  // same bytes, new key
                case 3: version[path] = version[path].map { (text: $0.text, key: $0.key, section: $0.section == nil ? "P" : nil) }
                default: if version[path] == nil { version[path] = (text: "n\(round)", key: "k\(round)", section: "P") }
                }
            }
            try publish(version, sectionKeys: round % 3 == 2 ? [:] : ["P": "s\(round % 2)"], round: round)
        }
    }

    @Test("A folder of thousands of files, looked at on every core, is walked as a small one is")
    func largeFolderWalked() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("public")
        var files: [String: Data] = ["index.html": Data("i".utf8)]
        for n in 0..<(FileTree.manyEntries + 300) { files["search/f/\(n).json"] = Data(String(repeating: "x", count: n % 7).utf8) }
        for n in 0..<3 { files["search/f/sub\(n)/index.html"] = Data("s\(n)".utf8) }
        _ = try OutputWriter.publish(files, to: out)
        let walked = OutputTree.scan(out.path, folders: true)
        #expect(walked.complete)
        #expect(Set(walked.files.keys) == Set(files.keys))
        #expect(walked.files.allSatisfy { $0.value.size == Int64(files[$0.key]!.count) })
        #expect(walked.folders?.keys.contains("search/f/sub2") == true)
        // Something there that is no file or folder (a link) makes the walk incomplete.
        try FileManager.default.createSymbolicLink(atPath: out.path + "/search/f/link", withDestinationPath: "/etc/passwd")
        #expect(!OutputTree.scan(out.path).complete)
    }

    @Test("Names of one character (a page a.md, --archive a, --output p) build; they once trapped in Foundation")
    func oneCharacterNames() throws {
        try #require(QCSiteBinary.isBuilt)
        #expect(PathText.folder(of: "a") == "" && PathText.folder(of: "a/") == "" && PathText.folder(of: "a/b/c") == "a/b")
        #expect(PathText.folder(of: "/a") == "/" && PathText.folder(of: "a//b") == "a" && PathText.folder(of: "") == "")
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/pages/a.md"] = "---\ntitle: 甲\n---\n\n正文。\n"
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        for _ in 0..<2 {  // the second build goes through the spare
            let run = try QCSiteBinary.run(["build", "--archive", "a", "--output", "p"], in: fixture.root)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        }
        #expect(fixture.read("p/a/index.html")?.contains("正文。") == true)
    }

    @Test("The folder of a path, read as bytes, is what the reading by characters gave")
    func folderOfPath() throws {
        // The reading by characters it replaced (slower: it counted and searched by grapheme).
        func byCharacters(_ path: String) -> String {
            var trimmed = Substring(path)
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
            guard let slash = trimmed.lastIndex(of: "/") else { return "" }
            if slash == trimmed.startIndex { return "/" }
            var folder = trimmed[..<slash]
            while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
            return String(folder)
        }
        var random = SeededRandom(seed: 3)
        let parts = ["a", "/", "//", "甲", "é", "e\u{301}", "2024", ".", "成果-1.md", "👩‍👩‍👧"]
        var paths = ["", "/", "//", "a", "a/", "/a", "a//b", "甲/", "/甲", "a/b/c", "///a///"]
        for _ in 0..<2000 { paths.append((0..<random.next(below: 7)).map { _ in parts[random.next(below: parts.count)] }.joined()) }
        for path in paths {
            #expect(PathText.folder(of: path) == byCharacters(path), "\(path)")
            #expect(Array(PathText.folder(of: path).utf8) == Array(byCharacters(path).utf8), "\(path)")
        }
    }

    @Test("A path that would leave the output folder is refused before anything is written")
    func pathsStayInside() throws {
        let fixture = try SiteFixture(withTheme: false)
        defer { fixture.cleanUp() }
        let out = fixture.url("site/public")
        for path in ["../evil.html", "a/../../evil.html", "/tmp/evil.html", "a//b.html"] {
            #expect(throws: InputErrors.self, "\(path)") { try OutputWriter.publish(["index.html": Data("a".utf8), path: Data("x".utf8)], to: out) }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.url("site").path), "nothing written")
        #expect(!FileManager.default.fileExists(atPath: fixture.url("evil.html").path))
    }

    @Test("A build that fails on bad input leaves the published site untouched")
    func failedBuildKeepsSite() throws {
        let fixture = try SiteFixture(SiteFixture.minimal(rows: ImportTests.goodRows))
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let before = try Data(contentsOf: fixture.url("public/index.html"))
        try fixture.write("content/years/2024/registrations.csv", SiteFixture.registrationHeader + "\n2024-001,无此单位,g,t,问题解决型,a、b,,2024-08-01,,,\n")
        #expect(throws: InputErrors.self) { try SiteBuilder(paths: fixture.paths).build() }
        #expect(try Data(contentsOf: fixture.url("public/index.html")) == before)
    }
}
