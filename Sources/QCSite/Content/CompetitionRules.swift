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

    /// The keys `rules:` takes, each with its nested keys (empty: a plain value).
    static let keys: [(String, [String])] = [
        ("max_per_enterprise", []), ("presenters", ["min", "max"]), ("shortlist_size", []), ("awards", []),
        ("excellent_enterprises", []), ("excellent_window_years", []), ("excellent_group_awards", []),
        ("per_member_unit", []), ("profile_max_chars", []), ("drop_extremes_from", []),
        ("resubmission", ["years_back", "similarity"]), ("items", []), ("materials", []), ("other_awards", []),
    ]

    /// Reads `rules:` of competition.yaml. Every value is range-checked and the values checked
    /// against each other (presenters min ≤ max, the awards that count for an excellent
    /// enterprise exist), each problem an error at its line: a rule outside
    /// its range would give wrong findings, or take the checker out of bounds.
    static func read(_ yaml: YAMLValue?) throws -> CompetitionRules {
        var rules = CompetitionRules()
        guard let yaml else { return rules }
        guard let entries = yaml.entries else { throw yaml.error("rules 应为「规则项: 值」的映射") }
        var log = ErrorLog()
        checkKeys(entries, known: keys, section: "rules", log: &log)
        for (key, nested) in keys where !nested.isEmpty {
            if let value = yaml[key], let inner = value.entries {
                checkKeys(inner, known: nested.map { ($0, []) }, section: key, log: &log)
            }
        }
        func int(_ value: YAMLValue?, _ name: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) {
            guard let value, let number = log.attempt({ try value.requireInt(name, in: range) }) else { return }
            apply(number)
        }
        int(yaml["max_per_enterprise"], "max_per_enterprise", 1...1000) { rules.maxPerEnterprise = $0 }
        int(yaml["shortlist_size"], "shortlist_size", 1...10_000) { rules.shortlistSize = $0 }
        int(yaml["excellent_enterprises"], "excellent_enterprises", 0...1000) { rules.excellentEnterprises = $0 }
        int(yaml["excellent_window_years"], "excellent_window_years", 1...10) { rules.excellentWindowYears = $0 }
        int(yaml["per_member_unit"], "per_member_unit", 1...100) { rules.perMemberUnit = $0 }
        int(yaml["profile_max_chars"], "profile_max_chars", 1...100_000) { rules.profileMaxChars = $0 }
        int(yaml["drop_extremes_from"], "drop_extremes_from", 3...1000) { rules.dropExtremesFrom = $0 }
        let errorsBeforePresenters = log.count
        int(yaml["presenters"]?["min"], "presenters.min", 1...50) { rules.presentersMin = $0 }
        int(yaml["presenters"]?["max"], "presenters.max", 1...50) { rules.presentersMax = $0 }
        let presentersRead = log.count == errorsBeforePresenters
        int(yaml["resubmission"]?["years_back"], "resubmission.years_back", 1...10) { rules.resubmission.yearsBack = $0 }
        if let v = yaml["resubmission"]?["similarity"] {
            log.attempt {
                let s = try v.requireDouble()
                guard (0...1).contains(s) else { throw v.error("similarity 为 \(s)，应在 0 到 1 之间") }
                rules.resubmission.similarity = s
            }
        }
        let errorsBeforeAwards = log.count
        if let a = yaml["awards"] {
            if let entries = a.entries, !entries.isEmpty {
                let quotas = entries.compactMap { entry in
                    log.attempt { AwardQuota(name: try names([entry.key], at: entry.value)[0],
                                             count: try entry.value.requireInt("\(entry.key) 的名额", in: 0...1000)) }
                }
                if quotas.count == entries.count { rules.awards = quotas }
            } else {
                log.add(a.error("awards 应为「奖项: 名额」的映射，如 {一等奖: 1}"))
            }
        }
        if let v = yaml["excellent_group_awards"] { log.attempt { rules.excellentGroupAwards = try names(v.requireStrings(), at: v) } }
        let awardsRead = log.count == errorsBeforeAwards
        if let v = yaml["other_awards"] { log.attempt { rules.otherAwards = try names(v.requireStrings(), at: v) } }
        if let v = yaml["materials"] { log.attempt { rules.materials = try names(v.requireStrings(), at: v) } }
        if let i = yaml["items"], let read = items(i, log: &log) { (rules.items, rules.types) = read }
        if presentersRead && rules.presentersMin > rules.presentersMax {
            log.add((yaml["presenters"] ?? yaml).error("presenters 的 min（\(rules.presentersMin)）大于 max（\(rules.presentersMax)）"))
        }
        let unknown = rules.excellentGroupAwards.filter { !rules.awardNames.contains($0) }
        if awardsRead && !unknown.isEmpty {
            log.add((yaml["excellent_group_awards"] ?? yaml).error(
                "excellent_group_awards 中的「\(unknown.joined(separator: "、"))」不是本年度的奖项"
                    + (yaml["excellent_group_awards"] == nil ? "（未写出时为一等奖、二等奖、三等奖）" : "")
                    + "；奖项为 \(rules.awardNames.joined(separator: "、"))"))
        }
        try log.throwIfAny()
        return rules
    }

    private static func checkKeys(_ entries: [(key: String, value: YAMLValue)], known: [(String, [String])], section: String,
                                  log: inout ErrorLog) {
        let names = known.map(\.0)
        for (key, value) in entries where !names.contains(key) {
            log.add(value.error("\(section) 中没有「\(key)」这一项；可用的有 \(names.joined(separator: "、"))"))
        }
    }

    /// Names of awards, materials, items: present, and of a sane length.
    private static func names(_ list: [String], at value: YAMLValue) throws -> [String] {
        for name in list {
            if name.isEmpty { throw value.error("名称不能为空") }
            if let problem = InputLimits.lengthProblem(name, column: "「\(name.prefix(10))…」", limit: InputLimits.personCharacters) {
                throw value.error(problem)
            }
        }
        return list
    }

    /// `items:` — topic types, each with its scoring items and their maxima (more than 0, at most
    /// 1000); nil when any is wrong, each problem logged.
    private static func items(_ i: YAMLValue, log: inout ErrorLog) -> ([String: [ItemMaximum]], [String])? {
        guard let types = i.entries, !types.isEmpty, types.count <= 20 else {
            log.add(i.error("items 应为「课题类型: {评审项目: 满分}」的映射，最多 20 种课题类型"))
            return nil
        }
        let errorsBefore = log.count
        var items: [String: [ItemMaximum]] = [:]
        for (type, list) in types {
            guard let entries = list.entries, !entries.isEmpty, entries.count <= 50 else {
                log.add(list.error("\(type) 应为「评审项目: 满分」的映射，1 到 50 项"))
                continue
            }
            items[type] = entries.compactMap { entry in
                log.attempt {
                    let maximum = try entry.value.requireDouble()
                    guard maximum > 0, maximum <= 1000 else {
                        throw entry.value.error("\(type) 的「\(entry.key)」满分为 \(entry.value.string ?? "")，应大于 0、不超过 1000")
                    }
                    return ItemMaximum(try names([type, entry.key], at: entry.value)[1], maximum)
                }
            }
        }
        return log.count == errorsBefore ? (items, types.map(\.key)) : nil
    }
}
