import Foundation
import Testing
@testable import Publishing

@Suite("Build record")
struct BuildRecordTests {
    @Test("the record reads back as it was written, and a damaged one reads as none")
    func roundTrip() throws {
        let record = BuildRecord(inputs: "0123abcd", stamps: nil, checkErrors: 2, checkLine: "规则检查：2 个错误",
                                 files: ["index.html": .init(stamp: FileStamp(size: 12, modified: 1_700_000_000_123_456_789), key: nil),
                                         "2024/2024-001/index.html": .init(stamp: FileStamp(size: 0, modified: 5), key: "ff00"),
                                         "files/报名 表.docx": .init(stamp: FileStamp(size: 7, modified: 9), key: nil)])
        #expect(BuildRecord.parse(record.text) == record)
        #expect(BuildRecord.parse(String(record.text.dropLast())) == nil, "a record cut short")
        #expect(BuildRecord.parse(record.text.replacingOccurrences(of: "file 12", with: "file x")) == nil)
        // A path with a line break cannot be told apart from the next line: the record then knows no inputs.
        var odd = record
        odd.files["a\nfile 1 2 - b"] = .init(stamp: FileStamp(size: 1, modified: 1), key: nil)
        let read = try #require(BuildRecord.parse(odd.text))
        #expect(read.inputs == nil && read.stamps == nil && read.files.isEmpty)
    }
}
