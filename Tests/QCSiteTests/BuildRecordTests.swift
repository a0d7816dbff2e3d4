import Foundation
import Testing
@testable import Publishing

@Suite("Build record")
struct BuildRecordTests {
    @Test("the record reads back as it was written, and a damaged one reads as none")
    func roundTrip() throws {
        let unruled = BuildRecord(inputs: "0123abcd", stamps: nil, checkErrors: 2, checkLine: "规则检查：2 个错误",
                                  files: ["index.html": .init(stamp: FileStamp(size: 12, modified: 1_700_000_000_123_456_789), key: nil),
                                          "2024/2024-001/index.html": .init(stamp: FileStamp(size: 0, modified: 5), key: "ff00"),
                                          "files/报名 表.docx": .init(stamp: FileStamp(size: 7, modified: 9), key: nil)],
                                  years: [2024: .init(stamps: "s2024", fingerprint: "f2024", rules: "r2024"),
                                          2023: .init(stamps: "s2023", fingerprint: "f2023")])
        var record = unruled
        record.rules = "r0123"
        var written = record
        written.filesDigest = record.digest.text
        #expect(BuildRecord.parse(record.text) == written)
        var swapped = record
        swapped.spare = BuildRecord.SpareDigests(files: "a1 3", folders: "b2 2")
        #expect(BuildRecord.parse(swapped.text)?.spare == swapped.spare, "the spare's digests read back")
        #expect(BuildRecord.parse(swapped.text.replacingOccurrences(of: " / ", with: " ")) == nil)
        // Where the spare differs from the site: after the files, a stamp or none per path.
        swapped.spare?.differs = ["index.html": FileStamp(size: 3, modified: 4), "old page.html": nil]
        #expect(BuildRecord.parse(swapped.text)?.spare == swapped.spare)
        #expect(swapped.text.hasSuffix("\nspare 3 4 index.html\nspare - - old page.html\n"))
        #expect(BuildRecord.parse(swapped.text + "file 1 2 - - z\n") == nil, "a file's line after the spare's")
        #expect(BuildRecord.parse(swapped.text + "spare 1 2 index.html\n") == nil, "a path said twice")
        #expect(BuildRecord.parse(swapped.text + "spare 1 - z\n") == nil)
        #expect(BuildRecord.parse(record.text + "spare - - z\n") == nil, "said of a spare the record does not vouch for")
        // The sections kept whole (`SiteSection.keyedByOutline`): their keys, and each page's section.
        var sectioned = written
        sectioned.sections = ["YearSection": "k2024", "EnterpriseSection": "k0e"]
        sectioned.files["2024/2024-001/index.html"]?.section = "YearSection"
        sectioned.files["index.html"]?.section = "HomeSection"
        var readBack = sectioned
        readBack.files["index.html"]?.section = nil
        #expect(BuildRecord.parse(sectioned.text) == readBack, "a section is read back with its pages; a page of a section without a key is untagged")
        #expect(sectioned.text.contains("\nsections EnterpriseSection=k0e YearSection=k2024\n"))
        #expect(BuildRecord.parse(sectioned.text.replacingOccurrences(of: "YearSection=k2024", with: "YearSection")) == nil)
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "\nsections -\n", with: "\n")) == nil, "a record without its sections line")
        #expect(PreviousOutput.sections(of: readBack) == ["YearSection": .init(key: "k2024", paths: ["2024/2024-001/index.html"]),
                                                          "EnterpriseSection": .init(key: "k0e", paths: [])])
        var head = written
        head.files = [:]
        #expect(BuildRecord.parse(record.text, files: false) == head, "read without its files, it still knows their digest")
        #expect(BuildRecord.parse(String(record.text.dropLast())) == nil, "a record cut short")
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "file 12", with: "file x")) == nil)
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "file 12", with: "flie 12")) == nil)
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: " 5 ff00 ", with: " 5 ff00")) == nil, "a line without its path")
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "\nfile 7", with: "\n\nfile 7")) == nil, "an empty line")
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "2024=s2024=f2024=r2024", with: "2024=s2024=f2024")) == nil)
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "\nrules r0123\n", with: "\n")) == nil, "a record without its rules line")
        #expect(BuildRecord.parse(unruled.text)?.rules == nil && BuildRecord.parse(unruled.text)?.years[2023]?.rules == nil)
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "years 2023", with: "year 2023")) == nil)
        // The time before which the output's folders were last changed (format 8); a record of
        // format 7, which has no such line, is read without it.
        var settled = written
        settled.folders = 1_795_768_938_043_932_573
        #expect(BuildRecord.parse(settled.text) == settled)
        #expect(settled.text.contains("\nfolders 1795768938043932573\nfile "))
        #expect(BuildRecord.parse(settled.text.replacingOccurrences(of: "folders 1795", with: "folders x1795")) == nil)
        #expect(record.text.contains("\nfolders -\nfile "))
        let formatSeven = record.text.replacingOccurrences(of: "qcsite-build-record 8\n", with: "qcsite-build-record 7\n")
            .replacingOccurrences(of: "\nfolders -\n", with: "\n")
        #expect(BuildRecord.parse(formatSeven) == written)
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "\nfolders -\n", with: "\n")) == nil, "format 8 without its folders line")
        var none = record
        none.years = [:]
        #expect(BuildRecord.parse(none.text)?.years == [:])
        // A path with a line break cannot be told apart from the next line: the record then knows no inputs.
        var odd = record
        odd.files["a\nfile 1 2 - b"] = .init(stamp: FileStamp(size: 1, modified: 1), key: nil)
        let read = try #require(BuildRecord.parse(odd.text))
        #expect(read.inputs == nil && read.stamps == nil && read.files.isEmpty)
    }

    @Test("a record written from the last record's lines, some dropped and others added, is the record written in full")
    func writtenFromLastLines() throws {
        // Paths whose byte order differs from their characters' (é, 报), a prefix of another, and
        // a name with a space; entries with and without a key and a part.
        let paths = ["a", "a/b.html", "a b/c", "b/é.html", "b/z.html", "报名/1.html", "报名/2.html", "x/index.html", "z"]
        var last = BuildRecord(inputs: "i", stamps: "s", checkErrors: 0, checkLine: "ok", files: [:])
        last.sections = ["P": "k1"]
        for (index, path) in paths.enumerated() {
            last.files[path] = .init(stamp: FileStamp(size: Int64(index), modified: Int64(1000 + index)),
                                     key: index % 3 == 0 ? nil : "k\(index)", section: index % 2 == 0 ? "P" : nil)
        }
        let read = try #require(BuildRecord.parse(last.text, lines: true))
        let lines = try #require(read.lines)
        #expect(lines.paths == paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(BuildRecord.parse(last.text)?.lines == nil, "read without its lines unless asked")
        // Every way of keeping, dropping and adding, checked on a few deterministic choices.
        var generator = SeededRandom(seed: 7)
        for round in 0..<200 {
            var next = last
            next.sections = round % 4 == 0 ? [:] : ["P": "k\(round % 3)"]
            var dropped: [Int] = []
            var added: [String: BuildRecord.Entry] = [:]
            for (index, path) in lines.paths.enumerated() {
                switch generator.next() % 4 {
                case 0: dropped.append(index); next.files[path] = nil  // removed
                case 1:  // written again with another stamp, key or part
                    dropped.append(index)
                    let entry = BuildRecord.Entry(stamp: FileStamp(size: 9, modified: Int64(round)), key: "n\(round)", section: "P")
                    (added[path], next.files[path]) = (entry, entry)
                default: break  // kept as it was
                }
            }
            for new in ["", "0", "a/a", "a/c", "b/", "报", "报名/15.html", "zz"] where generator.next() % 2 == 0 {
                let entry = BuildRecord.Entry(stamp: FileStamp(size: 1, modified: 2), key: nil, section: generator.next() % 2 == 0 ? "P" : nil)
                (added[new], next.files[new]) = (entry, entry)
            }
            // (A part the next record keys no more leaves the kept lines tagged as written: they
            // are dropped and added again by a build, as here.)
            if next.sections.isEmpty {
                for (index, path) in lines.paths.enumerated() where !dropped.contains(index) && lines.entries[index].section != nil {
                    dropped.append(index)
                    added[path] = next.files[path]
                }
                dropped.sort()
            }
            let bytes = next.bytes(keeping: lines, dropping: dropped, adding: added, digest: next.digest)
            #expect(String(decoding: bytes, as: UTF8.self) == next.text, "round \(round)")
        }
    }

    /// A folder of its own under the temporary folder, and the output folder to be made in it;
    /// the caller removes the folder.
    static func temporaryOutput() throws -> (root: URL, output: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("qcsite-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return (root, root.appendingPathComponent("public"))
    }

    @Test("the record describes its output exactly: a file changed, removed or added by hand, or a link, and it no longer does")
    func describesOutput() throws {
        let (root, output) = try Self.temporaryOutput()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["index.html": "首页", "2024/index.html": "2024", "2024/a/index.html": "甲", "style.css": "b{}"]
        _ = try OutputWriter.publish(files.mapValues { Data($0.utf8) }, to: output)
        func described() throws -> Bool {
            let record = try #require(BuildRecord.read(in: output, files: false))
            return record.describes(OutputTree.scan(output.path), in: output)
        }
        #expect(try described())
        let page = output.appendingPathComponent("2024/a/index.html").path
        var info = stat()
        stat(page, &info)
        // Same size, a later time: a hand edit.
        try Data("乙".utf8).write(to: URL(fileURLWithPath: page))
        var times = [info.st_atim, timespec(tv_sec: info.st_mtim.tv_sec + 1, tv_nsec: info.st_mtim.tv_nsec)]
        utimensat(AT_FDCWD, page, &times, 0)
        #expect(try !described(), "a file edited")
        times[1] = info.st_mtim
        utimensat(AT_FDCWD, page, &times, 0)
        #expect(try described(), "its stamp set back: the record cannot tell, as it could not before")
        try Data().write(to: output.appendingPathComponent("2024/extra.html"))
        #expect(try !described(), "a file added")
        try FileManager.default.removeItem(at: output.appendingPathComponent("2024/extra.html"))
        #expect(try described())
        try FileManager.default.removeItem(at: output.appendingPathComponent("style.css"))
        #expect(try !described(), "a file removed")
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("style.css").path, withDestinationPath: "index.html")
        #expect(try !described(), "a link in place of a file")
    }

    @Test("a confirmed look asks only the folders whose status leaves open whether they can be emptied, and finds what asking every folder finds")
    func askedFolders() throws {
        let (root, output) = try Self.temporaryOutput()
        defer {
            chmod(output.appendingPathComponent("2024/a").path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        _ = try OutputWriter.publish(["index.html": "首页", "2024/a/index.html": "甲", "2024/b/index.html": "乙", "search/f/1.json": "{}"]
            .mapValues { Data($0.utf8) }, to: output)
        func confirmed() throws -> OutputTree {
            let record = try #require(BuildRecord.read(in: output))
            return try #require(OutputTree.confirmed(output.path, by: record))
        }
        #expect(try confirmed().askedFolders == [], "every folder is this user's to empty")
        // A folder its user may not write, and (under root) one another user owns; the record then
        // vouches for the folders as they now are.
        chmod(output.appendingPathComponent("2024/a").path, 0o555)
        var asked = ["2024/a"]
        if getuid() == 0 {
            chown(output.appendingPathComponent("2024/b").path, 65534, 65534)
            asked.append("2024/b")
        }
        var record = try #require(BuildRecord.read(in: output))
        let settled = FileStamp.now()
        #expect(OutputTree.waitPast(settled))
        record.folders = settled
        try record.replace(in: output)
        usleep(20_000)
        let tree = try confirmed()
        #expect(tree.askedFolders?.sorted() == asked)
        let walked = OutputTree.scan(output.path, folders: true)
        #expect(walked.askedFolders == nil)
        let found = OutputWriter.survey(of: output, found: tree).unemptiable
        #expect(found?.path == OutputWriter.survey(of: output, found: walked).unemptiable?.path)
        // (Root may empty any folder; another user may not empty one it may not write.)
        #expect(getuid() == 0 ? found == nil : found?.path == output.appendingPathComponent("2024/a").path && found?.errno == EACCES)
    }

    @Test("the output is confirmed to be what its record says by a look at each folder and file, none listed; any change by hand since, even one whose time is set back, has it walked")
    func confirmedWithoutListing() throws {
        let (root, output) = try Self.temporaryOutput()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["index.html": "首页", "2024/index.html": "2024", "2024/a/index.html": "甲", "2024/b/c/index.html": "丙",
                     "search/f/1.json": "{}", "style.css": "b{}"]
        // Each publish writes the front page anew (a publish that writes nothing is below).
        var round = 0
        func publish() throws {
            round += 1
            var version = files
            version["index.html"] = "首页 \(round)"
            _ = try OutputWriter.publish(version.mapValues { Data($0.utf8) }, to: output)
        }
        func confirmed() throws -> OutputTree? {
            OutputTree.confirmed(output.path, by: try #require(BuildRecord.read(in: output)))
        }
        func path(_ relative: String) -> String { output.appendingPathComponent(relative).path }
        try publish()
        let settled = try #require(BuildRecord.read(in: output)?.folders, "this file system keeps times finer than a millisecond")
        let walked = OutputTree.scan(output.path, folders: true)
        let tree = try #require(try confirmed())
        #expect(tree.files == walked.files && tree.digest == walked.digest && tree.folders == walked.folders && tree.complete)
        #expect(tree.settled == settled)

        var info = stat()
        func removeEverywhere(_ folder: String) throws {
            for site in [output, OutputWriter.spare(of: output)] where FileManager.default.fileExists(atPath: site.appendingPathComponent(folder).path) {
                try FileManager.default.removeItem(at: site.appendingPathComponent(folder))
            }
        }
        // Each change, and what to undo by hand before the next build (a folder that holds no
        // file is none of the site's: no build removes it, and the output is walked while it is
        // there, or the spare when it went out with the site swapped out).
        let changes: [(String, () throws -> Void, undo: (() throws -> Void)?)] = [
            ("a file edited, its size the same", {
                stat(path("2024/a/index.html"), &info)
                var times = [info.st_atim, timespec(tv_sec: info.st_mtim.tv_sec + 1, tv_nsec: info.st_mtim.tv_nsec)]
                utimensat(AT_FDCWD, path("2024/a/index.html"), &times, 0)
            }, nil),
            ("a file added to a folder", { try Data("x".utf8).write(to: URL(fileURLWithPath: path("2024/b/extra.html"))) }, nil),
            ("a file added to the output folder", { try Data("x".utf8).write(to: URL(fileURLWithPath: path("extra.html"))) }, nil),
            ("an empty folder made in a folder", { try FileManager.default.createDirectory(atPath: path("2024/new"), withIntermediateDirectories: false) },
             { try removeEverywhere("2024/new") }),
            ("an empty folder made in the output folder", { try FileManager.default.createDirectory(atPath: path("new"), withIntermediateDirectories: false) },
             { try removeEverywhere("new") }),
            ("a file removed", { try FileManager.default.removeItem(atPath: path("search/f/1.json")) }, nil),
            ("a file renamed", { try FileManager.default.moveItem(atPath: path("2024/b/c/index.html"), toPath: path("2024/b/c/old.html")) }, nil),
            ("a link in place of a file", {
                try FileManager.default.removeItem(atPath: path("2024/a/index.html"))
                try FileManager.default.createSymbolicLink(atPath: path("2024/a/index.html"), withDestinationPath: "../index.html")
            }, nil),
            ("a file added, then its folder's time set back", {
                stat(path("2024/b"), &info)
                try Data("x".utf8).write(to: URL(fileURLWithPath: path("2024/b/extra.html")))
                var times = [info.st_atim, info.st_mtim]
                utimensat(AT_FDCWD, path("2024/b"), &times, 0)
                var now = stat()
                stat(path("2024/b"), &now)
                #expect(now.st_mtim.tv_sec == info.st_mtim.tv_sec && now.st_mtim.tv_nsec == info.st_mtim.tv_nsec)
            }, nil),
            ("a file added and removed again", {
                try Data("x".utf8).write(to: URL(fileURLWithPath: path("2024/a/extra.html")))
                try FileManager.default.removeItem(atPath: path("2024/a/extra.html"))
            }, nil),
        ]
        // A change by hand comes some time before the next build: a change in the very tick a
        // build's look begins cannot be told from one after it (the output is then walked again).
        func byHand(_ change: () throws -> Void) throws {
            try change()
            usleep(20_000)
        }
        for (change, make, undo) in changes {
            try byHand(make)
            #expect(try confirmed() == nil, "\(change): walked")
            if let undo { try byHand(undo) }
            // The next build walks it and puts it right (or finds it right and writes nothing),
            // and its own record is confirmed again.
            try publish()
            #expect(try confirmed() != nil, "\(change): put right")
            #expect(OutputTree.scan(output.path).files.keys.sorted() == files.keys.sorted())
        }
        // The time a record vouches with: a folder changed before it is taken is stamped at or
        // before it, one changed after it is taken stamped after it (each folder looked at
        // between changes, so that the file system stamps it by the finer clock).
        let folder = path("2024/b")
        func changed() -> Int64 {
            var info = stat()
            stat(folder, &info)
            FileManager.default.createFile(atPath: folder + "/t", contents: nil)
            unlink(folder + "/t")
            stat(folder, &info)
            return Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        }
        for _ in 0..<50 {
            let before = changed()
            let settled = FileStamp.now()
            #expect(OutputTree.waitPast(settled))
            let after = changed()
            #expect(before <= settled && after > settled)
        }
        // A publish that writes nothing keeps the time when it found the output by its record's
        // word, and vouches for nothing after a walk (which cannot tell when a folder changed).
        func publishSame(found: OutputTree?) throws -> Int64? {
            let last = try #require(BuildRecord.read(in: output, lines: true))
            let same = try #require(BuildRecord.read(in: output)).files.keys.map { ($0, try #require(try? Data(contentsOf: output.appendingPathComponent($0)))) }
            let site = RenderedSite(files: Dictionary(uniqueKeysWithValues: same), kept: [], keys: [:])
            let summary = try OutputWriter.publish(site, record: BuildRecord(inputs: "same", stamps: nil, checkErrors: 0, checkLine: "", files: [:]),
                                                   to: output, found: found, last: last)
            #expect(summary.written == 0 && summary.removed == 0)
            return BuildRecord.read(in: output)?.folders
        }
        try publish()  // (after the changes to 2024/b above)
        let kept = try #require(BuildRecord.read(in: output)?.folders)
        let found = try #require(try confirmed())
        #expect(try publishSame(found: found) == kept)
        #expect(try publishSame(found: OutputTree.scan(output.path, folders: true)) == nil)
        #expect(try confirmed() == nil)
        try publish()
        #expect(try confirmed() != nil)

        // A record that does not vouch for its folders (one of format 7) is not confirmed.
        var record = try #require(BuildRecord.read(in: output))
        record.folders = nil
        #expect(OutputTree.confirmed(output.path, by: record) == nil)
    }
}
