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

/// Each rule id is one rule type in a file named after it, and the checker runs each exactly once.
@Suite("Rule catalogue")
struct RuleCatalogTests {
    @Test("Every rule id has its own file, named after it, and the checker runs each rule once, in report order")
    func oneFilePerRule() {
        let folder = SiteFixture.repository.appendingPathComponent("Sources/Rules")
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        for id in RuleID.allCases {
            let name = id.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Rule.swift"
            #expect(files.contains(name), "rule \(id) lives in \(name)")
        }
        #expect(Checker.rules.map(\.id) == RuleID.allCases)
    }
}
