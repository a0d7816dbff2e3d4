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

/// Search documents and queries that probe the edges of matching: width and case, punctuation
/// inside a word, 编号 and awards, a word split across two fields, repeated bigrams, characters
/// outside the Basic Multilingual Plane and in the private use area (which sort differently in
/// UTF-16), combining accents. Shared by the Swift tests and the JavaScript fixture.
enum SearchSamples {
    static let crafted: [SearchIndex.Document] = [
        .init(kind: "成果", url: "/2024/2024-017/", title: "降低光缆熔接损耗超标率", snippet: "示例通信建设 · 向日葵QC小组",
              year: 2024, award: "一等奖", awardClass: "award-1", id: "2024-017", text: "示例建设\n小组运用头脑风暴，熔接机参数优化。"),
        .init(kind: "成果", url: "/2024/2024-039/", title: "缩短传输网故障定位时长", snippet: "太原示例移动 · 汾水QC小组",
              year: 2024, award: "二等奖", awardClass: "award-2", id: "2024-039", text: "传输网告警关联分析，哈哈哈哈。"),
        .init(kind: "成果", url: "/2024/shortlist/", title: "提高５Ｇ室分ＱＣ覆盖率", snippet: "示例乙网络 · 星火QC小组",
              year: 2024, award: "入围", awardClass: "award-other", id: "2024-040", text: ""),
        .init(kind: "成果", url: "/2023/2023-007/", title: "研制光交箱智能门锁", snippet: "示例甲通信 · 蓝海QC小组",
              year: 2023, award: "一等奖", awardClass: "award-1", id: "2023-007", text: "光交箱门锁的𠮷野家式改进，\u{E000}\u{E001}专用符号。"),
        .init(kind: "成果", url: "/2023/2023-008/", title: "光缆", snippet: "熔接 · 示例",
              year: 2023, award: nil, id: "2023-008", text: "café 与 cafe\u{301} 写法"),
        .init(kind: "成果", url: "/2022/2022-001/", title: "降低基站退服时长（2022年）", snippet: "示例丙 · 攀登QC小组",
              year: 2022, award: "三等奖", awardClass: "award-3", id: "2022-001", text: "基站退服，退服时长降低。一等奖的经验"),
        .init(kind: "通知", url: "/notices/2024-results/", title: "关于2024年竞赛结果的通报", snippet: "2024-09-27",
              year: 2024, text: "一等奖：2024-017 降低光缆熔接损耗超标率；二等奖：2024-039。"),
        .init(kind: "单位", url: "/enterprises/demo-a/", title: "示例甲通信有限公司", snippet: "又称 示例甲通信", text: ""),
        .init(kind: "页面", url: "/about/", title: "关于竞赛", snippet: "", text: "QC小组活动是质量管理的群众基础。𠮷𠮷𠮷"),
    ]

    static let words = ["降低", "提高", "缩短", "研发", "研制", "减少", "提升", "基站", "光缆", "熔接", "损耗", "故障", "处理", "时长",
                        "宽带", "用户", "投诉", "装维", "铁塔", "电费", "机房", "能耗", "室分", "系统", "传输", "网络", "接通率",
                        "一种", "装置", "工具", "智能", "检测", "预警", "客服", "工单", "平均", "历时", "成本", "效率", "质量"]

    /// `count` synthetic achievements after the crafted documents (fixed seed).
    static func documents(synthetic count: Int) -> [SearchIndex.Document] {
        var generator = SeededGenerator(seed: 2024)
        func phrase(_ n: Int) -> String { (0..<n).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined() }
        var documents = crafted
        for i in 0..<count {
            let year = 2021 + i % 4, id = String(format: "%d-%03d", year, 100 + i)
            documents.append(.init(kind: "成果", url: "/\(year)/\(id)/", title: phrase(4), snippet: "示例\(phrase(1))公司 · \(phrase(1))QC小组",
                                   year: year, award: i % 7 == 0 ? "三等奖" : nil, awardClass: i % 7 == 0 ? "award-3" : nil,
                                   id: id, text: (0..<(i % 5)).map { _ in phrase(3) }.joined(separator: "，")))
        }
        return documents
    }

    /// Queries: the crafted edge cases, then substrings of fields and pairs of words (which may
    /// or may not occur), chosen with a fixed seed.
    static func queries(_ documents: [SearchIndex.Document], random count: Int) -> [String] {
        var queries = ["熔接", "光缆熔接", "熔接，损耗", "ＱＣ小组", "qc小组", "5g", "５Ｇ室分", "2024-039", "2024039", "039", "一等奖",
                       "一等", "入围", "二等奖", "哈哈", "哈哈哈", "哈哈哈哈哈", "𠮷野", "𠮷𠮷", "𠮷𠮷𠮷𠮷", "\u{E000}\u{E001}",
                       "café", "cafe\u{301}", "光缆示例", "损耗超标率示例通信", "率示例", "时长2022", "退服时长", "光", "",
                       "不在站内的词", "头脑风暴", "示例甲通信", "质量管理"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<count {
            let document = documents[Int(generator.next() % UInt64(documents.count))]
            let field = Array(document.fields[Int(generator.next() % 5)])
            if field.count >= 2 {
                let length = 2 + Int(generator.next() % UInt64(min(8, field.count - 1)))
                let start = Int(generator.next() % UInt64(field.count - length + 1))
                queries.append(String(field[start..<(start + length)]))
            }
            queries.append(words[Int(generator.next() % UInt64(words.count))] + words[Int(generator.next() % UInt64(words.count))])
        }
        return queries
    }

    /// Proposed titles for the title check.
    static let proposedTitles = ["降低光缆熔接损耗超标率！", "提升光缆熔接损耗超标率", "光缆", "光", "缩短传输网故障定位时长",
                                 "降低基站退服时长", "研制一种智能门锁", "𠮷野家", "完全无关的题目", "ＱＣ"]
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
