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

/// An archive in memory for rule tests: every entry valid by default, so a test changes
/// exactly the one thing its rule is about.
struct RuleFixture {
    var years: [Int: YearRecords] = [:]
    var registry = Registry(
        enterprises: [
            Enterprise(id: "unit-1", name: "示例一集团", isMember: true),
            Enterprise(id: "unit-2", name: "示例二集团", isMember: true),
            Enterprise(id: "ent-a", name: "示例甲通信有限公司", memberUnitId: "unit-1"),
            Enterprise(id: "ent-b", name: "示例乙网络有限公司", memberUnitId: "unit-1"),
            Enterprise(id: "ent-c", name: "示例丙信息有限公司", memberUnitId: "unit-2"),
        ],
        aliases: [])

    init(years: ClosedRange<Int> = 2021...2024, rules: (inout CompetitionRules) -> Void = { _ in }) {
        var r = CompetitionRules()
        rules(&r)
        for y in years {
            var year = YearRecords(competition: Competition(year: y, title: "\(y)", published: .results,
                                                            rules: r, sourcePath: "c.yaml"))
            year.stages = [CompetitionStage(year: y, stage: .registration, startsOn: nil, endsOn: "\(y)-08-30")]
            self.years[y] = year
        }
    }

    mutating func register(_ year: Int, _ id: String, _ enterprise: String, _ title: String, type: String = "问题解决型",
                           presenters: [String] = ["张三", "李四"], materials: [String]? = nil,
                           on date: String? = "", status: EntryStatus = .active, group: String = "示例QC小组") {
        let line = years[year]!.registrations.count + 2
        years[year]!.registrations.append(Registration(
            year: year, id: id, enterpriseId: enterprise, enterpriseNameAsWritten: enterprise, groupName: group,
            title: title, type: type, registeredOn: date == "" ? "\(year)-08-20" : date, status: status,
            sourcePath: "r.csv", sourceLine: line))
        for (i, name) in presenters.enumerated() {
            years[year]!.people.append(RegistrationPerson(year: year, registrationId: id, role: .presenter, position: i + 1, name: name))
        }
        for m in materials ?? CompetitionRules().materials {
            years[year]!.materials.append(RegistrationMaterial(year: year, registrationId: id, material: m))
        }
    }

    mutating func award(_ year: Int, _ id: String, _ award: String) {
        years[year]!.awards.append(Award(year: year, registrationId: id, award: award, shortlisted: true, sourceLine: 2))
    }

    /// A clean application unless told otherwise: a provincial paper of the year itself.
    mutating func apply(_ year: Int, _ id: String, _ enterprise: String, memberUnit: String? = nil, profile: String = "事迹简介",
                        publications: [(level: String, date: String?)]? = nil, selected: Bool = false) {
        years[year]!.applications.append(Application(
            year: year, id: id, enterpriseId: enterprise, memberUnitId: memberUnit, memberUnitAsWritten: memberUnit ?? "",
            profile: profile, result: selected ? "优秀企业" : "", sourceLine: years[year]!.applications.count + 2))
        for (i, p) in (publications ?? [("省级", "\(year)-03")]).enumerated() {
            years[year]!.publications.append(Publication(year: year, applicationId: id, position: i + 1, title: "论文\(i)",
                                                         venue: "《示例》", level: p.level, publishedOn: p.date, sourceLine: i + 2))
        }
    }

    mutating func claim(_ year: Int, _ application: String, claimedYear: Int, title: String, award: String) {
        let position = years[year]!.claims.filter { $0.applicationId == application }.count + 1
        years[year]!.claims.append(Claim(year: year, applicationId: application, position: position, claimedYear: claimedYear,
                                         groupName: "示例QC小组", title: title, award: award, sourceLine: position + 1))
    }

    var snapshot: ArchiveSnapshot {
        ArchiveSnapshot(registry: registry, writing: Writing(notices: [], pages: []), years: Array(years.values))
    }

    /// The findings of `year`; an archive whose rules do not read is a test failure, not a crash.
    func findings(_ year: Int, rule: RuleID? = nil) -> [Finding] {
        let snapshot = self.snapshot
        do {
            let all = try Checker.check(snapshot: snapshot, standings: try Checker.standings(snapshot), year: year)
            return rule.map { r in all.filter { $0.rule == r } } ?? all
        } catch {
            Issue.record("check failed: \(error)")
            return []
        }
    }
}
