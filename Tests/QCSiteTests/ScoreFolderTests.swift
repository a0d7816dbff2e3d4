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

/// `scores/<round>/`: the sheets judges return, one file each, read together with (or instead
/// of) `scores/<round>.csv`.
@Suite("Score sheet folders")
struct ScoreFolderTests {
    static func site(_ extra: [String: String]) -> [String: String] {
        var files = SiteFixture.minimal(rows: ImportTests.goodRows)
        files["content/years/2024/judges.csv"] = "评委,单位名称\n甲,示例理工大学\n乙,示例理工大学\n丙,\n"
        for (path, text) in extra { files[path] = text }
        return files
    }

    func importSite(_ fixture: SiteFixture) throws {
        _ = try Importer.run(contentDirectory: fixture.url("content"), displayPath: "content", archivePath: fixture.paths.archive)
    }

    @Test("Every table in scores/material/ is read, beside scores/material.csv; Excel's lock files and hidden files are not")
    func readsFolder() throws {
        let fixture = try SiteFixture(Self.site([
            "content/years/2024/scores/material.csv": "编号,评委,总分\n2024-001,丙,70\n",
            "content/years/2024/scores/material/甲.csv": "编号,评委,总分\n2024-001,甲,80\n2024-002,甲,81\n",
            "content/years/2024/scores/material/~$乙.xlsx": "lock",
            "content/years/2024/scores/material/.DS_Store": "",
        ]), withTheme: false)
        defer { fixture.cleanUp() }
        try XLSXFixture.make(rows: [[.shared("编号"), .shared("评委"), .shared("总分")],
                                    [.shared("2024-002"), .shared("乙"), .number("90.5")]],
                             at: fixture.url("content/years/2024/scores/material/乙.xlsx"))
        try importSite(fixture)
        let year = try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2024))
        #expect(year.sheets.map(\.sheet).map { "\($0.registrationId) \($0.judge) \($0.total) \($0.sourcePath)" }.sorted() == [
            "2024-001 丙 70.0 content/years/2024/scores/material.csv",
            "2024-001 甲 80.0 content/years/2024/scores/material/甲.csv",
            "2024-002 乙 90.5 content/years/2024/scores/material/乙.xlsx",
            "2024-002 甲 81.0 content/years/2024/scores/material/甲.csv",
        ])
    }

    @Test("A sheet repeated in another file names both places; a file that is no table is an error")
    func repeatsAndStrays() throws {
        let fixture = try SiteFixture(Self.site([
            "content/years/2024/scores/onsite/a.csv": "编号,评委,总分\n2024-001,甲,80\n",
            "content/years/2024/scores/onsite/b.csv": "编号,评委,总分\n2024-002,甲,85\n2024-001,甲,82\n",
            "content/years/2024/scores/onsite/乙.xls": "old Excel",
        ]), withTheme: false)
        defer { fixture.cleanUp() }
        let lines = inputErrorLines { try importSite(fixture) }
        #expect(lines == [
            "content/years/2024/scores/onsite/乙.xls: scores/onsite/ 中只能放评分表（.xlsx 或 .csv）；.xls 请用 Excel 另存为 .xlsx，其他文件请移出",
            "content/years/2024/scores/onsite/b.csv:3: 评委「甲」对「2024-001」的评分重复，首次出现在 content/years/2024/scores/onsite/a.csv 第 2 行",
        ])
    }
}
