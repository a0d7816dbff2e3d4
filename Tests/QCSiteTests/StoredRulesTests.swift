import Foundation
import Testing
import GRDB
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

@Suite("Stored rules")
struct StoredRulesTests {
    /// A year's custom rules as the archive's JSON column holds them, without `key`: rules
    /// archived before a field existed.
    func storedWithout(_ key: String) throws -> Data {
        var rules = CompetitionRules()
        rules.shortlistSize = 10
        rules.maxPerEnterprise = 5
        rules.awards = [.init(name: "金奖", count: 2)]
        rules.resubmission.similarity = 0.7
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(rules)) as? [String: Any])
        object.removeValue(forKey: key)
        return try JSONSerialization.data(withJSONObject: object)
    }

    func decode(_ json: String) throws -> CompetitionRules {
        try JSONDecoder().decode(CompetitionRules.self, from: Data(json.utf8))
    }

    @Test("A stored year missing a key keeps its other custom rules and takes the default for that key")
    func missingKey() throws {
        let rules = try JSONDecoder().decode(CompetitionRules.self, from: try storedWithout("otherAwards"))
        #expect(rules.shortlistSize == 10)
        #expect(rules.maxPerEnterprise == 5)
        #expect(rules.awards.map(\.name) == ["金奖"])
        #expect(rules.resubmission.similarity == 0.7)
        #expect(rules.otherAwards == CompetitionRules().otherAwards)
        let partial = try decode(#"{"resubmission": {"yearsBack": 2}}"#)
        #expect(partial.resubmission.yearsBack == 2)
        #expect(partial.resubmission.similarity == 0.8)
    }

    @Test("Only an empty object is the defaults; rules that do not read stop reading the archive with the year named")
    func unreadable() throws {
        #expect(try decode("{}") == CompetitionRules())
        #expect(throws: (any Error).self) { try decode(#"{"shortlistSize": "ten"}"#) }
        #expect(throws: (any Error).self) { try decode("not json") }

        let site = try SiteFixture(SiteFixture.minimal(year: 2024, rows: []), withTheme: false)
        defer { site.cleanUp() }
        _ = try Importer.run(contentDirectory: site.url("content"), displayPath: "content", archivePath: site.paths.archive)
        let archive = try ArchiveDatabase(path: site.paths.archive)
        try archive.write { db in
            try db.execute(sql: #"UPDATE competition SET rules_json = '{"shortlistSize": "ten"}' WHERE year = 2024"#)
        }
        do {
            _ = try archive.snapshot()
            Issue.record("expected an error")
        } catch let error as ArchiveError {
            #expect(error.message.contains("2024 年的竞赛规则无法读取"))
            #expect(error.message.contains("--force"))
        }
        // The repair the message names works: the year is written whole again.
        _ = try Importer.run(contentDirectory: site.url("content"), displayPath: "content", archivePath: site.paths.archive,
                             onlyYears: [2024], force: true)
        #expect(try ArchiveDatabase(readingFrom: site.paths.archive).snapshot().year(2024)?.competition.rules == CompetitionRules())
    }
}
