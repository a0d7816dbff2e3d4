import Foundation
import Testing
@testable import Archive
@testable import Disclosure
@testable import Publishing
@testable import Rules
@testable import SiteBuild
@testable import SiteSettings

/// The outline (`PublicRecord.outlineBesidesYears` and each `PublicYear`) keys the parts of the
/// site kept whole. Its encodings are written by hand (to leave the write-ups' text out), so a
/// field added to the public record and not to them would let a kept page go stale: every stored
/// field must be encoded, but for the write-ups' text and the indexes made from other fields.
@Suite("Public record outline")
struct OutlineTests {
    /// The demo site's public record, as a build discloses it.
    static func demoRecord() throws -> (PublicRecord, SiteFixture) {
        let fixture = try IncrementalBuildTests.demoSite()
        _ = try SiteBuilder(paths: fixture.paths).build()
        let snapshot = try ArchiveDatabase(path: fixture.paths.archive).snapshot()
        return (PublicRecord(snapshot: snapshot, standings: try Checker.standings(snapshot), settings: SiteConfig()), fixture)
    }

    /// The names of the fields a value's stored properties have (`Mirror`).
    static func stored(_ value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.compactMap(\.label))
    }

    /// The names of the fields a value encodes at its top level.
    static func encoded(_ value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
        return Set(try #require(object as? [String: Any]).keys)
    }

    @Test("the outline encodes every stored field of the record, its years and their entries, but the write-ups' text and indexes")
    func everyField() throws {
        let (record, fixture) = try Self.demoRecord()
        defer { fixture.cleanUp() }
        let year = try #require(record.years.first { !$0.prizes.isEmpty && $0.entries.contains { $0.writeup != nil } })
        let entry = try #require(year.entries.first { $0.writeup != nil })
        #expect(try Self.encoded(entry) == Self.stored(entry).subtracting(["writeup"]).union(["hasWriteup"]))
        #expect(try Self.encoded(year) == Self.stored(year).subtracting(["entriesById", "prizes"]).union(["prizeAwards", "prizeEntries"]))
        #expect(try Self.encoded(record.outlineBesidesYears) == Self.stored(record).subtracting(["enterprisesById", "years"]))
    }

    @Test("an entry's key moves with whether it has a write-up, not with what the write-up says")
    func writeupPresenceOnly() throws {
        func entry(_ writeup: String?) -> PublicEntry {
            PublicEntry(year: 2024, id: "2024-001", enterpriseId: "E01", enterprise: "示例通信", group: "蓝海QC小组",
                        title: "提高基站巡检效率", type: "问题解决型", shortlisted: true, award: "一等奖", hasPage: true,
                        writeup: writeup.map(PublicWriteup.init(markdown:)), materialScore: nil, onsiteScore: nil, outcome: .award("一等奖"))
        }
        func key(_ entry: PublicEntry) throws -> String {
            var key = InputKey()
            try KeyEncoder.add(entry, to: &key)
            return key.value
        }
        #expect(try key(entry("小组的活动过程。")) == key(entry("另一段活动过程。")))
        #expect(try key(entry("小组的活动过程。")) != key(entry(nil)))
    }
}
