import Foundation
import Testing
@testable import SiteBuild

/// A build after a stage's dates warns that `published` still shows it, and the site is the
/// same whatever the day.
@Suite("Stale stage warning")
struct StaleStageTests {
    func build(_ fixture: SiteFixture, today: String) throws -> [String] {
        let lines = Lines()
        var builder = SiteBuilder(paths: fixture.paths) { lines.append($0) }
        builder.today = { today }
        _ = try builder.build()
        return lines.all.filter { $0.hasPrefix("警告：") }
    }

    final class Lines: @unchecked Sendable {
        var all: [String] = []
        func append(_ line: String) { all.append(line) }
    }

    @Test("Registration past its deadline warns, naming the command; the deadline day itself does not; the output is identical")
    func registration() throws {
        let fixture = try SiteFixture(StageGuardTests.site())
        defer { fixture.cleanUp() }
        #expect(try build(fixture, today: "2024-08-30").isEmpty)
        let site = FullSite.tree(fixture.url("public"))
        let warnings = try build(fixture, today: "2024-08-31")
        #expect(warnings == ["警告：今天是 2024-08-31，2024年「报名」已于 2024-08-30 结束，但 competition.yaml 的 published 仍为 registration（报名），"
            + "网站仍显示这一阶段；数据齐备后请运行 qcsite stage 2024 资料评审（先加 --dry-run 查看将公开的内容）"])
        #expect(FullSite.tree(fixture.url("public")) == site, "a warning, never output")
    }

    @Test("A one-day stage lasts until the next stage's first day")
    func shortlistUntilOnsite() throws {
        var files = StageGuardTests.site(published: "shortlist")
        files["content/years/2024/scores/material.csv"] = StageGuardTests.material
        let fixture = try SiteFixture(files)
        defer { fixture.cleanUp() }
        #expect(try build(fixture, today: "2024-09-19").isEmpty)
        #expect(try build(fixture, today: "2024-09-20").first?.contains("2024年「现场发表」已于 2024-09-20 开始") == true)
    }
}
