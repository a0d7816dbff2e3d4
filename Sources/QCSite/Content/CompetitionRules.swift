import Foundation
import Archive

/// The numbers of a year's rules; every default is the 2024 notice's.
public struct CompetitionRules: Codable, Sendable, Equatable {
    public struct AwardQuota: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int
    }

    public struct Resubmission: Codable, Sendable, Equatable {
        public var yearsBack = 1
        public var similarity = 0.8

        public init() {}

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Resubmission()
            yearsBack = try c.decodeIfPresent(Int.self, forKey: .yearsBack) ?? defaults.yearsBack
            similarity = try c.decodeIfPresent(Double.self, forKey: .similarity) ?? defaults.similarity
        }
    }

    public var maxPerEnterprise = 20
    public var presentersMin = 2
    public var presentersMax = 5
    public var shortlistSize = 23
    /// Prizes from the highest down, in the order the file lists them.
    public var awards = [AwardQuota(name: "一等奖", count: 1), AwardQuota(name: "二等奖", count: 2),
                         AwardQuota(name: "三等奖", count: 3)]
    public var excellentEnterprises = 6
    public var excellentWindowYears = 3
    public var excellentGroupAwards = ["一等奖", "二等奖", "三等奖"]
    public var perMemberUnit = 1
    public var profileMaxChars = 1000
    public var dropExtremesFrom = 5
    public var resubmission = Resubmission()
    /// Topic types and the maxima of their scoring items (T/CAQ 10201—2020 Appendix B).
    public var items: [String: [ItemMaximum]] = [
        "问题解决型": [.init("选题", 15), .init("原因分析", 30), .init("对策与实施", 20),
                   .init("效果", 20), .init("成果报告", 5), .init("特点", 10)],
        "创新型": [.init("选题", 20), .init("提出方案并确定最佳方案", 30), .init("对策与实施", 20),
                 .init("效果", 15), .init("成果报告", 5), .init("特点", 10)],
    ]
    public var types = ["问题解决型", "创新型"]
    public var materials = ["推荐表PDF", "推荐表Word", "成果报告", "活动记录"]
    /// Award names staff may record beyond the prizes (honourable mention).
    public var otherAwards = ["优秀奖"]

    public struct ItemMaximum: Codable, Sendable, Equatable {
        public var item: String
        public var maximum: Double
        public init(_ item: String, _ maximum: Double) {
            self.item = item
            self.maximum = maximum
        }
    }

    public init() {}

    /// Every key optional: rules archived before a field existed keep their other values and
    /// take the default for the new one.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CompetitionRules()
        maxPerEnterprise = try c.decodeIfPresent(Int.self, forKey: .maxPerEnterprise) ?? d.maxPerEnterprise
        presentersMin = try c.decodeIfPresent(Int.self, forKey: .presentersMin) ?? d.presentersMin
        presentersMax = try c.decodeIfPresent(Int.self, forKey: .presentersMax) ?? d.presentersMax
        shortlistSize = try c.decodeIfPresent(Int.self, forKey: .shortlistSize) ?? d.shortlistSize
        awards = try c.decodeIfPresent([AwardQuota].self, forKey: .awards) ?? d.awards
        excellentEnterprises = try c.decodeIfPresent(Int.self, forKey: .excellentEnterprises) ?? d.excellentEnterprises
        excellentWindowYears = try c.decodeIfPresent(Int.self, forKey: .excellentWindowYears) ?? d.excellentWindowYears
        excellentGroupAwards = try c.decodeIfPresent([String].self, forKey: .excellentGroupAwards) ?? d.excellentGroupAwards
        perMemberUnit = try c.decodeIfPresent(Int.self, forKey: .perMemberUnit) ?? d.perMemberUnit
        profileMaxChars = try c.decodeIfPresent(Int.self, forKey: .profileMaxChars) ?? d.profileMaxChars
        dropExtremesFrom = try c.decodeIfPresent(Int.self, forKey: .dropExtremesFrom) ?? d.dropExtremesFrom
        resubmission = try c.decodeIfPresent(Resubmission.self, forKey: .resubmission) ?? d.resubmission
        items = try c.decodeIfPresent([String: [ItemMaximum]].self, forKey: .items) ?? d.items
        types = try c.decodeIfPresent([String].self, forKey: .types) ?? d.types
        materials = try c.decodeIfPresent([String].self, forKey: .materials) ?? d.materials
        otherAwards = try c.decodeIfPresent([String].self, forKey: .otherAwards) ?? d.otherAwards
    }

    /// Every award name a table may carry, highest first.
    public var awardNames: [String] { awards.map(\.name) + otherAwards.filter { !awards.map(\.name).contains($0) } }

    /// Every item name of any topic type, in a stable order.
    public var allItems: [String] {
        var seen: [String] = []
        for type in types { for item in items[type] ?? [] where !seen.contains(item.item) { seen.append(item.item) } }
        return seen
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Rules as stored in the archive. Only an empty text (or `{}`) is the defaults; text that
    /// does not decode throws: falling back to the defaults would silently drop a year's rules.
    public static func fromJSON(_ text: String) throws -> CompetitionRules {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == "{}" { return CompetitionRules() }
        return try JSONDecoder().decode(CompetitionRules.self, from: Data(trimmed.utf8))
    }

    /// The archived rules of a year, or an error naming the year and how to repair it.
    public static func of(_ competition: Competition) throws -> CompetitionRules {
        do {
            return try fromJSON(competition.rulesJson)
        } catch {
            throw InputError(path: competition.sourcePath, line: 0,
                             "存档中 \(competition.year) 年的竞赛规则无法读取（stored rules do not decode: \(error)）；"
                             + "请运行 qcsite import --year \(competition.year) --force 重新导入该年度")
        }
    }

    static func read(_ yaml: YAMLValue?) throws -> CompetitionRules {
        var rules = CompetitionRules()
        guard let yaml else { return rules }
        var log = ErrorLog()
        func int(_ key: String, _ apply: (Int) -> Void) {
            if let v = yaml[key] { log.attempt { apply(try v.requireInt()) } }
        }
        int("max_per_enterprise") { rules.maxPerEnterprise = $0 }
        int("shortlist_size") { rules.shortlistSize = $0 }
        int("excellent_enterprises") { rules.excellentEnterprises = $0 }
        int("excellent_window_years") { rules.excellentWindowYears = $0 }
        int("per_member_unit") { rules.perMemberUnit = $0 }
        int("profile_max_chars") { rules.profileMaxChars = $0 }
        int("drop_extremes_from") { rules.dropExtremesFrom = $0 }
        if let p = yaml["presenters"] {
            if let v = p["min"] { log.attempt { rules.presentersMin = try v.requireInt() } }
            if let v = p["max"] { log.attempt { rules.presentersMax = try v.requireInt() } }
        }
        if let a = yaml["awards"] {
            log.attempt {
                guard let entries = a.entries else { throw a.error("awards 应为「奖项: 名额」的映射，如 {一等奖: 1}") }
                rules.awards = try entries.map { AwardQuota(name: $0.key, count: try $0.value.requireInt()) }
            }
        }
        if let v = yaml["excellent_group_awards"] { log.attempt { rules.excellentGroupAwards = try v.requireStrings() } }
        if let v = yaml["other_awards"] { log.attempt { rules.otherAwards = try v.requireStrings() } }
        if let v = yaml["materials"] { log.attempt { rules.materials = try v.requireStrings() } }
        if let r = yaml["resubmission"] {
            if let v = r["years_back"] { log.attempt { rules.resubmission.yearsBack = try v.requireInt() } }
            if let v = r["similarity"] {
                log.attempt {
                    let s = try v.requireDouble()
                    guard (0...1).contains(s) else { throw v.error("similarity 应在 0 到 1 之间") }
                    rules.resubmission.similarity = s
                }
            }
        }
        if let i = yaml["items"] {
            log.attempt {
                guard let types = i.entries else { throw i.error("items 应为「课题类型: {评审项目: 满分}」的映射") }
                var items: [String: [ItemMaximum]] = [:]
                for (type, list) in types {
                    guard let entries = list.entries else { throw list.error("\(type) 应为「评审项目: 满分」的映射") }
                    items[type] = try entries.map { ItemMaximum($0.key, try $0.value.requireDouble()) }
                }
                rules.items = items
                rules.types = types.map(\.key)
            }
        }
        if !log.isEmpty { throw InputErrors(log.errors) }
        return rules
    }
}
