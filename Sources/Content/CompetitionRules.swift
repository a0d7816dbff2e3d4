import Foundation
import Archive
import Diagnostics

/// `rules:` of competition.yaml, read with a line for every error.
extension CompetitionRules {
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
