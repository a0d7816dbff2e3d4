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
        var none = record
        none.years = [:]
        #expect(BuildRecord.parse(none.text)?.years == [:])
        // A path with a line break cannot be told apart from the next line: the record then knows no inputs.
        var odd = record
        odd.files["a\nfile 1 2 - b"] = .init(stamp: FileStamp(size: 1, modified: 1), key: nil)
        let read = try #require(BuildRecord.parse(odd.text))
        #expect(read.inputs == nil && read.stamps == nil && read.files.isEmpty)
    }

    @Test("the record describes its output exactly: a file changed, removed or added by hand, or a link, and it no longer does")
    func describesOutput() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("qcsite-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
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
}
