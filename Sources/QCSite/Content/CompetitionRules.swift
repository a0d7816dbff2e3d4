import Foundation
import Archive

/// `rules:` of competition.yaml, read with a line for every error.
extension CompetitionRules {
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
