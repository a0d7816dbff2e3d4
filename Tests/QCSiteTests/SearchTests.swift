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

/// The search index, the proposed-title check, and their JavaScript twin.
@Suite("Search", .serialized)
struct SearchTests {
    struct Samples: Decodable {
        struct Pair: Decodable {
            var a: String
            var b: String
            var similarity: Double
            var same: Bool
            var why: String
        }
        var pairs: [Pair]
    }

    static let fixtures = SiteFixture.repository.appendingPathComponent("Tests/QCSiteTests/Fixtures")

    /// `node` on PATH, for the tests that run the page's JavaScript.
    static let node: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { String($0) + "/node" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    func buildDemo() throws -> SiteFixture {
        let fixture = try SiteFixture()
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: fixture.url("content"))
        _ = try SiteBuilder(paths: fixture.paths).build()
        return fixture
    }

    func index(_ fixture: SiteFixture) throws -> SearchIndex {
        try SearchIndex.decode(Data(contentsOf: fixture.url("public/search/index.json")))
    }

    @Test("The Swift similarity gives the worked-out number of every sample pair")
    func similaritySamples() throws {
        let samples = try JSONDecoder().decode(Samples.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("similarity-samples.json")))
        #expect(samples.pairs.count >= 10)
        for pair in samples.pairs {
            let a = TextNormalization.titleKey(pair.a), b = TextNormalization.titleKey(pair.b)
            #expect(Similarity.dice(a, b) == pair.similarity, "\(pair.a) / \(pair.b): \(pair.why)")
            #expect((a == b) == pair.same, "\(pair.a) / \(pair.b)")
        }
    }

    @Test("A two-character word finds the achievement; one character asks for more")
    func twoCharacterWord() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let index = try index(fixture)
        let found = try #require(index.search("熔接")).map { index.documents[$0] }
        #expect(found.contains { $0.url == "/2024/2024-017/" && $0.title == "降低光缆熔接损耗超标率" && $0.kind == "成果" })
        // Width, case and punctuation do not matter; a word inside a write-up is found too.
        #expect(index.search("熔接，损耗") == index.search("熔接损耗"))
        #expect(try #require(index.search("qc小组")).count == (try #require(index.search("ＱＣ小组"))).count)
        #expect(try #require(index.search("头脑风暴")).contains { index.documents[$0].url == "/2024/2024-001/" })
        // Enterprises by alias; notices by their text.
        #expect(try #require(index.search("太原示例移动")).contains { index.documents[$0].kind == "单位" })
        #expect(try #require(index.search("晋信息业工发")).contains { index.documents[$0].kind == "通知" })
        #expect(index.search("光") == nil)
        #expect(index.search("这个词不在站内") == [])
        let page = try #require(fixture.read("public/search/index.html"))
        #expect(page.contains("<noscript>") && page.contains("/assets/search.js"))
        #expect(fixture.read("public/assets/search.css") != nil)
    }

    @Test("The page's JavaScript finds what the Swift index finds and gives the same similarities",
          .enabled(if: SearchTests.node != nil, "node is not installed"))
    func javascriptAgrees() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let index = try index(fixture)
        var expected: [String: [Int]] = [:]
        for query in ["光缆", "熔接，损耗", "ＱＣ小组", "5G", "头脑风暴", "太原示例移动", "示例", "不在站内的词"] {
            expected[query] = try #require(index.search(query))
        }
        #expect(expected["光缆"]!.count >= 3 && expected["不在站内的词"] == [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.node!)
        process.arguments = ["--test", SiteFixture.repository.appendingPathComponent("Tests/js").path]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "QCSITE_INDEX": fixture.url("public/search/index.json").path,
            "QCSITE_EXPECTED": String(decoding: try JSONEncoder().encode(expected), as: UTF8.self),
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("# pass 4"), "\(text)")
    }

    /// 2023 with results published, 2024 still at registration; every 2023 entry public.
    static func twoYears(rules2024: String = "") -> [String: String] {
        [
            "content/site.yaml": "title: 示例竞赛\nbase_url: https://qc.example.org/qc/\narchive_publish: all\n",
            "content/enterprises.yaml": SiteFixture.enterprises,
            "content/years/2023/competition.yaml": SiteFixture.competition(2023),
            "content/years/2023/registrations.csv": SiteFixture.registrationHeader + "\n"
                + "2023-001,示例甲通信,蓝海QC小组,降低基站退服时长,问题解决型,张伟、李娜,,2023-08-20,,,\n",
            "content/years/2024/competition.yaml": SiteFixture.competition(2024, published: "registration", rules: rules2024),
            "content/years/2024/registrations.csv": SiteFixture.registrationHeader + "\n"
                + "2024-001,示例乙网络,萤火虫QC小组,研发一种萤石光纤熔接保护装置,创新型,赵强、钱敏,,2024-08-21,13800000000,,\n",
            "content/years/2024/writeups/2024-001.md": "---\ntitle: 研发一种萤石光纤熔接保护装置\n---\n保密的活动过程。\n",
        ]
    }

    @Test("A year at published: registration contributes nothing to the index or the title check")
    func onlyVisibleRecords() throws {
        let fixture = try SiteFixture(Self.twoYears())
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let json = try #require(fixture.read("public/search/index.json"))
        for secret in ["萤火虫", "萤石", "保密", "2024-001", "示例乙网络", "13800000000"] {
            #expect(!json.contains(secret), "\(secret) is in the index before 2024's shortlist is published")
        }
        let index = try index(fixture)
        #expect(index.documents.map(\.url) == ["/qc/2023/2023-001/", "/qc/enterprises/demo-a/"])
        #expect(index.search("退服")?.map { index.documents[$0].url } == ["/qc/2023/2023-001/"])

        let titles = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.url("public/search/titles.json"))) as! [String: Any]
        #expect(titles["for_year"] as? Int == 2024)
        #expect(titles["years"] as? [Int] == [2023])
        #expect((titles["titles"] as? [[String: Any]])?.map { $0["id"] as? String } == ["2023-001"])
        #expect(titles["threshold"] as? Double == 0.8)
        #expect(!(fixture.read("public/search/titles.json") ?? "").contains("萤"))
        #expect(fixture.read("public/search/index.html")?.contains("比对范围：2023年度已公开的全部有效报名课题（1项）") == true)
    }

    @Test("The title check uses the threshold of the year being registered for")
    func thresholdOfRegisteringYear() throws {
        let fixture = try SiteFixture(Self.twoYears(rules2024: "rules:\n  resubmission: {years_back: 1, similarity: 0.7}"))
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        let titles = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.url("public/search/titles.json"))) as! [String: Any]
        #expect(titles["threshold"] as? Double == 0.7)
        #expect(fixture.read("public/search/index.html")?.contains("相似度达到 70%") == true)
    }

    @Test("The demo's title check compares the 23 public titles of 2024 for 2025")
    func demoTitles() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let titles = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.url("public/search/titles.json"))) as! [String: Any]
        #expect(titles["for_year"] as? Int == 2025)
        #expect(titles["years"] as? [Int] == [2024])
        #expect((titles["titles"] as? [Any])?.count == 23)
        // 2025 is at registration: none of its titles is searchable or compared.
        let index = try index(fixture)
        let titles2025 = try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2025)).registrations.map(\.title)
        #expect(titles2025.count == 12)
        #expect(!index.documents.contains { $0.year == 2025 && $0.kind == "成果" })
        for title in titles2025 {
            #expect(!index.documents.contains { $0.title == title }, "\(title)")
            #expect(!(fixture.read("public/search/titles.json") ?? "").contains(title), "\(title)")
        }
    }

    @Test("A 5,000-entry archive gives an index a phone can load, and it still finds a word")
    func syntheticArchiveSize() throws {
        let words = ["降低", "提高", "缩短", "研发", "研制", "减少", "提升", "基站", "光缆", "熔接", "损耗", "故障", "处理", "时长",
                     "宽带", "用户", "投诉", "装维", "铁塔", "电费", "机房", "能耗", "室分", "系统", "传输", "网络", "接通率",
                     "一种", "装置", "工具", "智能", "检测", "预警", "客服", "工单", "平均", "历时", "成本", "效率", "质量"]
        var generator = SeededGenerator(seed: 2024)
        func phrase(_ n: Int) -> String { (0..<n).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined() }
        var documents: [SearchIndex.Document] = []
        for i in 0..<5000 {
            let year = 2000 + i / 200, id = String(format: "%d-%03d", year, i % 200 + 1)
            documents.append(.init(kind: "成果", url: "/\(year)/\(id)/", title: phrase(5), snippet: "示例\(phrase(2))有限公司 · \(phrase(1))QC小组",
                                   year: year, award: i % 10 == 0 ? "入围" : nil, text: "示例简称\(i % 50)"))
        }
        documents[4321].title = "研发一种萤石熔接保护装置"
        let titlesOnly = try SearchIndex(documents: documents).json()
        var withWriteups = documents
        for i in withWriteups.indices { withWriteups[i].text += "\n" + (0..<60).map { _ in phrase(4) }.joined(separator: "，") }
        let full = try SearchIndex(documents: withWriteups).json()
        print("search index, 5,000 entries: titles only \(titlesOnly.count) bytes, with 5,000 write-ups of ~500 characters \(full.count) bytes")
        #expect(titlesOnly.count < 3_000_000)
        let index = try SearchIndex.decode(titlesOnly)
        #expect(index.search("萤石")?.map { index.documents[$0].url } == ["/2021/2021-122/"])
    }
}

/// A small deterministic generator (SplitMix64), so the synthetic archive is the same every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
