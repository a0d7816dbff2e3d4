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

    /// The browser's view of a built site's search: the sharded files.
    func search(_ fixture: SiteFixture) throws -> ShardedSearch {
        try ShardedSearch(folder: fixture.url("public"))
    }

    /// Every document of a built site's search, read back from its fragments.
    func index(_ fixture: SiteFixture) throws -> SearchIndex {
        let search = try search(fixture)
        return SearchIndex(documents: try (0..<search.manifest.documents).map(search.document))
    }

    func titles(_ fixture: SiteFixture) throws -> TitleCheck.Manifest {
        try JSONDecoder().decode(TitleCheck.Manifest.self, from: Data(contentsOf: fixture.url("public/search/titles.json")))
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

    @Test("The search key is the title key of the text in NFC, for every scalar and mixed texts")
    func searchKeyIsTitleKey() throws {
        var texts = (0..<0x11000).compactMap { Unicode.Scalar($0).map { String($0) } }
        texts += ["５Ｇ　室分，Ａ", "降低熔接损耗e\u{301}", "\u{301}降低", "한글 降低", "Café CAFE\u{301} ΑΣ İstanbul", "𠮷野家（ＱＣ）\u{E000}", "降低光缆熔接损耗超标率！", "가각\u{1100}\u{1161}", "ﬁ ß Ǆ"]
        for text in texts {
            #expect(SearchText.key(text) == TextNormalization.titleKey(text.precomposedStringWithCanonicalMapping),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("The plane's keys, made block by block on first use, are the same from threads that race to make them")
    func planeKeysRace() {
        let keys = SearchText.PlaneKeys()
        let exact = (0..<UInt32(0x10000)).map(SearchText.PlaneKeys.exactKey)
        let threads = 8
        nonisolated(unsafe) var seen = Array(repeating: [UInt32](), count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            // Every thread starts in a different block and strides through all of them, so
            // most blocks are asked for by several threads at about the same time.
            var found = [UInt32](repeating: 0, count: 0x10000)
            for step in 0..<0x10000 {
                let value = UInt32((step &* 257 &+ thread &* 8_191) & 0xffff)
                found[Int(value)] = keys.key(value)
            }
            seen[thread] = found
        }
        for found in seen { #expect(found == exact) }
        #expect(exact[0x4E00] == 0x4E00 && exact[0xFF21] == 0x61 && exact[0x3000] == SearchText.PlaneKeys.dropped)
    }

    @Test("A two-character word finds the achievement; one character asks for more")
    func twoCharacterWord() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let index = try index(fixture), search = try search(fixture)
        for query in ["熔接", "熔接，损耗", "qc小组", "ＱＣ小组", "头脑风暴", "太原示例移动", "晋信息业工发", "光", "这个词不在站内", "2024-039", "一等奖"] {
            #expect(try search.find(query)?.numbers == index.search(query), "\(query)")
        }
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

    @Test("An achievement is found by its 编号 and by its award")
    func idAndAward() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let index = try index(fixture), search = try search(fixture)
        for query in ["2024-039", "2024039", "２０２４－０３９"] {
            let urls = try #require(try search.find(query)).numbers.map { index.documents[$0].url }
            #expect(urls.first == "/2024/2024-039/", "\(query): \(urls)")
        }
        let awarded = try #require(try search.find("一等奖")).numbers.map { index.documents[$0] }
        let firstPrizes = index.documents.filter { $0.kind == "成果" && $0.award == "一等奖" }
        #expect(firstPrizes.count >= 3)
        #expect(firstPrizes.allSatisfy { document in awarded.contains(document) })
        #expect(awarded.first?.kind == "成果" && awarded.first?.awardClass == "award-1")
        #expect(try search.find("入围")?.numbers.contains { index.documents[$0].award == Outcome.shortlisted.words } == true)
    }

    @Test("The page names no command: the title check says what it does in plain words")
    func plainWords() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let page = try #require(fixture.read("public/search/index.html"))
        #expect(!page.contains("<code>check</code>") && !page.contains("qcsite"))
        #expect(page.contains("与主办方查重所用的方法相同"))
        let script = try #require(fixture.read("public/assets/search.js"))
        for message in script.split(separator: "\n") where message.contains("textContent = \"") {
            #expect(!message.contains("check"), "\(message)")
        }
    }

    @Test("The page's JavaScript finds in the built site's shards what the Swift index finds",
          .enabled(if: SearchTests.node != nil, "node is not installed"))
    func javascriptAgrees() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let index = try index(fixture)
        var expected: [String: [Int]] = [:]
        for query in ["光缆", "熔接，损耗", "ＱＣ小组", "5G", "头脑风暴", "太原示例移动", "示例", "不在站内的词", "2024-039", "一等奖", "研发一种"] {
            let numbers = try #require(index.search(query))
            expected[query] = numbers
        }
        #expect(expected["光缆"]!.count >= 3 && expected["不在站内的词"] == [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.node!)
        process.arguments = ["--test", SiteFixture.repository.appendingPathComponent("Tests/js").path]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "QCSITE_SEARCH": fixture.url("public/search").path,
            "QCSITE_EXPECTED": String(decoding: try JSONEncoder().encode(expected), as: UTF8.self),
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("# skipped 0") && text.contains("# fail 0"), "\(text)")
    }

    /// 2023 with results published, 2024 still at registration; every 2023 entry public.
    static func twoYears(rules2024: String = "") -> [String: String] {
        [
            "content/site.yaml": "title: 示例竞赛\nbase_url: https://qc.example.org/qc/\narchive_publish: all\n",
            "content/enterprises.yaml": SiteFixture.enterprises,
            "content/years/2023/competition.yaml": SiteFixture.competition(2023),
            "content/years/2023/registrations.csv": SiteFixture.registrationHeader + "\n"
                + "2023-001,示例甲通信,蓝海QC小组,降低基站退服时长,问题解决型,张伟、李娜,,2023-08-20,,推荐表PDF、推荐表Word、成果报告、活动记录,\n",
            "content/years/2023/awards.csv": "编号,奖项,入围\n2023-001,三等奖,是\n",
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
        let search = try search(fixture)
        let text = search.files.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        for secret in ["萤火虫", "萤石", "保密", "2024-001", "2024001", "示例乙网络", "13800000000"] {
            #expect(!text.contains(secret), "\(secret) is in the search files before 2024's shortlist is published")
            #expect(try search.find(secret) == ShardedSearch.Found(numbers: [], titled: []), "\(secret) is found")
        }
        let index = try index(fixture)
        #expect(index.documents.map(\.url) == ["/qc/2023/2023-001/", "/qc/enterprises/demo-a/"])
        #expect(index.search("退服")?.map { index.documents[$0].url } == ["/qc/2023/2023-001/"])

        let titles = try titles(fixture)
        #expect(titles.forYear == 2024 && titles.years == [2023] && titles.titles == 1 && titles.threshold == 0.8)
        #expect(try search.titleScores("降低基站退服时长") == [0: 1])
        #expect(try search.titleScores("研发一种萤石光纤熔接保护装置").isEmpty)
        #expect(fixture.read("public/search/index.html")?.contains("比对范围：2023年度已公开的全部有效报名课题（1项）") == true)
    }

    @Test("The title check uses the threshold of the year being registered for")
    func thresholdOfRegisteringYear() throws {
        let fixture = try SiteFixture(Self.twoYears(rules2024: "rules:\n  resubmission: {years_back: 1, similarity: 0.7}"))
        defer { fixture.cleanUp() }
        _ = try SiteBuilder(paths: fixture.paths).build()
        #expect(try titles(fixture).threshold == 0.7)
        #expect(fixture.read("public/search/index.html")?.contains("相似度达到 70%") == true)
    }

    @Test("The demo's title check compares the 23 public titles of 2024 for 2025")
    func demoTitles() throws {
        let fixture = try buildDemo()
        defer { fixture.cleanUp() }
        let titles = try titles(fixture)
        #expect(titles.forYear == 2025 && titles.years == [2024] && titles.titles == 23)
        // 2025 is at registration: none of its titles is searchable or compared.
        let index = try index(fixture), search = try search(fixture)
        let titles2025 = try #require(try ArchiveDatabase(path: fixture.paths.archive).snapshot().year(2025)).registrations.map(\.title)
        #expect(titles2025.count == 12)
        #expect(!index.documents.contains { $0.year == 2025 && $0.kind == "成果" })
        for title in titles2025 {
            #expect(!index.documents.contains { $0.title == title }, "\(title)")
            #expect(try search.titleScores(title).allSatisfy { index.documents[$0.key].year == 2024 }, "\(title)")
        }
        // Last year's title, written with other punctuation, is equal once normalised.
        let scores = try search.titleScores("降低光缆熔接损耗超标率！")
        let best = try #require(scores.max { $0.value < $1.value })
        #expect(best.value == 1 && index.documents[best.key].url == "/2024/2024-017/")
    }

    @Test("Two builds by two processes publish the same search files")
    func sameFilesAcrossProcesses() throws {
        try #require(QCSiteBinary.isBuilt, "qcsite binary at \(QCSiteBinary.url.path)")
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        try FileManager.default.copyItem(at: SiteFixture.repository.appendingPathComponent("content"), to: fixture.url("content"))
        for output in ["one", "two"] {
            let run = try QCSiteBinary.run(["build", "--output", output, "--archive", "\(output).sqlite"], in: fixture.root)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let one = try ShardedSearch(folder: fixture.url("one")).files, two = try ShardedSearch(folder: fixture.url("two")).files
        #expect(one.count > 20 && one == two)
    }
}
