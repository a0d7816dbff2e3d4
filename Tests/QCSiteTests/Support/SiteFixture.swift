import Foundation
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

/// A small site written into a fresh temporary folder from a dictionary of files,
/// the way a staff member would lay it out: `content/…`, `themes/…`.
struct SiteFixture {
    let root: URL

    init(_ files: [String: String] = [:], binary: [String: Data] = [:], withTheme: Bool = true) throws {
        root = TestFolders.new("site")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if withTheme {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("themes"),
                                             to: root.appendingPathComponent("themes"))
        }
        for (path, text) in files { try write(path, text) }
        for (path, data) in binary { try write(path, data) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func read(_ path: String) -> String? {
        (try? Data(contentsOf: url(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    var paths: SitePaths {
        SitePaths(content: root.appendingPathComponent("content").path, themes: root.appendingPathComponent("themes").path,
                  archive: root.appendingPathComponent("archive.sqlite").path, output: root.appendingPathComponent("public").path)
    }

    /// The checkout this test runs from (for the demo content and the default theme).
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A registry of three enterprises, one renamed (its old name is an alias), two under one member unit.
    static let enterprises = """
        - id: demo-group
          name: 示例通信集团有限公司
          member: true
        - id: demo-a
          name: 示例甲通信有限公司
          aliases: [示例甲通信, 示例旧名通信有限公司]
          member_unit: demo-group
        - id: demo-b
          name: 示例乙网络有限公司（北区）
          aliases: [示例乙网络]
          member_unit: demo-group
        """

    static func competition(_ year: Int, published: String = "results", rules: String = "") -> String {
        """
        year: \(year)
        title: \(year)年示例QC小组成果竞赛
        doc_number: 示例〔\(year)〕1号
        issued: \(year)-08-15
        published: \(published)
        stages:
          registration: {until: \(year)-08-30}
          review: {from: \(year)-09-02, until: \(year)-09-05}
          shortlist: {on: \(year)-09-06}
          onsite: {on: \(year)-09-20}
        \(rules)
        """
    }

    static let registrationHeader = "编号,单位名称,小组名称,课题名称,课题类型,发表人,小组成员,报名日期,联系电话,材料,状态"

    /// A minimal valid site with one year, in registration: it has registrations and nothing a
    /// later stage would need (publishing one is refused while its data is missing).
    static func minimal(year: Int = 2024, rows: [String]) -> [String: String] {
        [
            "content/site.yaml": "title: 示例竞赛\nbase_url: https://qc.example.org/\n",
            "content/enterprises.yaml": enterprises,
            "content/years/\(year)/competition.yaml": competition(year, published: "registration"),
            "content/years/\(year)/registrations.csv": ([registrationHeader] + rows).joined(separator: "\n") + "\n",
        ]
    }
}
