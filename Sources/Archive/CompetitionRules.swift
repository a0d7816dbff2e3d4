import Foundation

/// The numbers of a year's rules; every default is the 2024 notice's. Stored in the archive as a
/// JSON column (`competition.rules_json`); every key is optional when read back.
public struct CompetitionRules: Codable, Sendable, Equatable {
    public struct AwardQuota: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int

        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
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
}
