import Foundation
import Testing
import Archive
@testable import QCSite

@Suite("Stored rules")
struct StoredRulesTests {
    /// A year's custom rules as the archive holds them, without `key`: rules archived before a field existed.
    func storedWithout(_ key: String) throws -> String {
        var rules = CompetitionRules()
        rules.shortlistSize = 10
        rules.maxPerEnterprise = 5
        rules.awards = [.init(name: "金奖", count: 2)]
        rules.resubmission.similarity = 0.7
        var object = try #require(try JSONSerialization.jsonObject(with: Data(rules.json().utf8)) as? [String: Any])
        object.removeValue(forKey: key)
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test("A stored year missing a key keeps its other custom rules and takes the default for that key")
    func missingKey() throws {
        let rules = try CompetitionRules.fromJSON(try storedWithout("otherAwards"))
        #expect(rules.shortlistSize == 10)
        #expect(rules.maxPerEnterprise == 5)
        #expect(rules.awards.map(\.name) == ["金奖"])
        #expect(rules.resubmission.similarity == 0.7)
        #expect(rules.otherAwards == CompetitionRules().otherAwards)
        let partial = try CompetitionRules.fromJSON(#"{"resubmission": {"yearsBack": 2}}"#)
        #expect(partial.resubmission.yearsBack == 2)
        #expect(partial.resubmission.similarity == 0.8)
    }

    @Test("Only an empty text is the defaults; rules that do not read stop check with the year named")
    func unreadable() throws {
        #expect(try CompetitionRules.fromJSON("") == CompetitionRules())
        #expect(try CompetitionRules.fromJSON("{}") == CompetitionRules())
        #expect(throws: (any Error).self) { try CompetitionRules.fromJSON(#"{"shortlistSize": "ten"}"#) }
        #expect(throws: (any Error).self) { try CompetitionRules.fromJSON("not json") }

        var f = RuleFixture(years: 2024...2024)
        f.years[2024]!.competition.rulesJson = #"{"shortlistSize": "ten"}"#
        do {
            _ = try Checker.standings(f.snapshot)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.message.contains("2024 年的竞赛规则无法读取"))
            #expect(error.message.contains("--force"))
        }
    }
}
