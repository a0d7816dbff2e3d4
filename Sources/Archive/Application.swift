import GRDB

/// An application for 质量管理小组活动优秀企业.
public struct Application: ArchiveRecord {
    public static let databaseTableName = "application"
    public var year: Int
    public var id: String
    public var enterpriseId: String
    public var memberUnitId: String?
    public var memberUnitAsWritten: String
    public var profile: String
    public var result: String
    public var contact: String
    public var phone: String
    public var email: String
    public var address: String
    public var postcode: String
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, id, enterpriseId = "enterprise_id", memberUnitId = "member_unit_id",
            memberUnitAsWritten = "member_unit_as_written", profile, result, contact, phone, email, address,
            postcode, extra = "extra_json", sourceLine = "source_line"
    }

    public init(year: Int, id: String, enterpriseId: String, memberUnitId: String?, memberUnitAsWritten: String,
                profile: String, result: String, contact: String = "", phone: String = "", email: String = "",
                address: String = "", postcode: String = "", extra: [String: String] = [:], sourceLine: Int) {
        self.year = year
        self.id = id
        self.enterpriseId = enterpriseId
        self.memberUnitId = memberUnitId
        self.memberUnitAsWritten = memberUnitAsWritten
        self.profile = profile
        self.result = result
        self.contact = contact
        self.phone = phone
        self.email = email
        self.address = address
        self.postcode = postcode
        self.extra = extra
        self.sourceLine = sourceLine
    }

    /// Whether the application was selected as an excellent enterprise.
    public var isSelected: Bool { result == "优秀企业" }

    /// What 评选结果 may say: selected, not selected, or empty while the selection is to come.
    public static let results: Set<String> = ["优秀企业", "未入选", ""]

    /// Whether the selection has been recorded for this application.
    public var isDecided: Bool { !result.isEmpty }
}

/// An award an application claims (获奖情况), to be verified against the archive.
public struct Claim: ArchiveRecord {
    public static let databaseTableName = "claim"
    public var year: Int
    public var applicationId: String
    public var position: Int
    public var claimedYear: Int
    public var groupName: String
    public var title: String
    public var award: String
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, applicationId = "application_id", position, claimedYear = "claimed_year",
            groupName = "group_name", title, award, extra = "extra_json", sourceLine = "source_line"
    }

    public init(year: Int, applicationId: String, position: Int, claimedYear: Int, groupName: String,
                title: String, award: String, extra: [String: String] = [:], sourceLine: Int) {
        self.extra = extra
        self.year = year
        self.applicationId = applicationId
        self.position = position
        self.claimedYear = claimedYear
        self.groupName = groupName
        self.title = title
        self.award = award
        self.sourceLine = sourceLine
    }
}

/// A paper, result or experience an application lists as published.
public struct Publication: ArchiveRecord {
    public static let databaseTableName = "publication"
    public var year: Int
    public var applicationId: String
    public var position: Int
    public var title: String
    public var venue: String
    public var level: String
    public var publishedOn: String?
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, applicationId = "application_id", position, title, venue, level,
            publishedOn = "published_on", extra = "extra_json", sourceLine = "source_line"
    }

    public init(year: Int, applicationId: String, position: Int, title: String, venue: String,
                level: String, publishedOn: String?, extra: [String: String] = [:], sourceLine: Int) {
        self.extra = extra
        self.year = year
        self.applicationId = applicationId
        self.position = position
        self.title = title
        self.venue = venue
        self.level = level
        self.publishedOn = publishedOn
        self.sourceLine = sourceLine
    }
}
