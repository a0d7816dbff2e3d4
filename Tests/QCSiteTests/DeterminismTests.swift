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

/// "The same input gives the same bytes", checked where it can break: between two runs of the
/// binary. Swift seeds its hashing anew in every process, so an order taken from a dictionary
/// differs between processes while it looks stable inside one.
@Suite("Determinism across processes", .serialized)
struct DeterminismTests {
    /// A year with four custom topic types of different maxima, and a total-only sheet of an
    /// entry whose type is none of them: the maximum it is held to must not depend on which
    /// type a dictionary yields first.
    static func customItemsSite() throws -> SiteFixture {
        var files = SiteFixture.minimal(year: 2024, rows: [
            "2024-001,示例甲通信,甲QC小组,降低基站退服率,未知型,张三、李四,张三,2024-08-20,1,推荐表PDF、推荐表Word、成果报告、活动记录,",
            "2024-002,示例乙网络,乙QC小组,缩短故障历时,甲型,张三、李四,张三,2024-08-20,1,推荐表PDF、推荐表Word、成果报告、活动记录,",
        ])
        files["content/years/2024/competition.yaml"] = SiteFixture.competition(2024, published: "shortlist", rules: """
            rules:
              items:
                甲型: {选题: 100}
                乙型: {选题: 80}
                丙型: {选题: 60}
                丁型: {选题: 40}
            """)
        files["content/years/2024/judges.csv"] = "评委,单位名称\n王评委,示例理工大学\n"
        files["content/years/2024/scores/material.csv"] = "编号,评委,总分\n2024-001,王评委,70\n2024-002,王评委,50\n"
        return try SiteFixture(files)
    }

    @Test("check --format json prints the same bytes in every process")
    func checkJSON() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let site = try Self.customItemsSite()
        defer { site.cleanUp() }
        #expect(try QCSiteBinary.run(["import"], in: site.root).status == 0)
        var outputs = Set<String>()
        for _ in 0..<10 {
            let run = try QCSiteBinary.run(["check", "--format", "json"], in: site.root)
            #expect(run.status == 1, "the unknown topic type is an error")
            outputs.insert(run.stdout)
        }
        #expect(outputs.count == 1, "ten runs printed \(outputs.count) different reports")
        #expect(!(outputs.first ?? "").contains("\"score-range\""), "70 is within the largest maximum of a known type (100)")
    }

    @Test("build writes the same bytes in two processes")
    func buildOutput() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let first = try SiteFixture()
        let second = try SiteFixture()
        defer { first.cleanUp(); second.cleanUp() }
        for site in [first, second] {
            try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: site.url("content"))
            let run = try QCSiteBinary.run(["build"], in: site.root)
            #expect(run.status == 0, "\(run.stderr)")
        }
        // The build record holds the times the files were written: the one file that differs by design.
        let files = FileList.files(under: first.url("public")).filter { $0 != BuildRecord.fileName }
        #expect(files.count > 50)
        #expect(files == FileList.files(under: second.url("public")).filter { $0 != BuildRecord.fileName })
        for file in files {
            let a = try Data(contentsOf: first.url("public/" + file)), b = try Data(contentsOf: second.url("public/" + file))
            #expect(a == b, "public/\(file) differs between two builds of the same content")
        }
    }
}
