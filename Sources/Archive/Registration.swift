import GRDB

/// What staff decided about an entry; only `active` entries are ranked and published.
public enum EntryStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case active, withdrawn, disqualified
}

/// One registered achievement (成果) of a QC group.
public struct Registration: ArchiveRecord {
    public static let databaseTableName = "registration"
    public var year: Int
    public var id: String
    public var enterpriseId: String
    public var enterpriseNameAsWritten: String
    public var groupName: String
    public var title: String
    public var type: String
    public var tutor: String
    public var registeredOn: String?
    public var contact: String
    public var phone: String
    public var email: String
    public var address: String
    public var postcode: String
    public var status: EntryStatus
    /// Columns of the form the contract does not name, by header.
    public var extra: [String: String]
    public var sourcePath: String
    public var sourceLine: Int

    enum CodingKeys: String, CodingKey {
        case year, id, enterpriseId = "enterprise_id",
            enterpriseNameAsWritten = "enterprise_name_as_written", groupName = "group_name", title, type,
            tutor, registeredOn = "registered_on", contact, phone, email, address, postcode, status,
            extra = "extra_json", sourcePath = "source_path", sourceLine = "source_line"
    }

    public init(year: Int, id: String, enterpriseId: String, enterpriseNameAsWritten: String,
                groupName: String, title: String, type: String, tutor: String = "",
                registeredOn: String? = nil, contact: String = "", phone: String = "",
                email: String = "", address: String = "", postcode: String = "",
                status: EntryStatus = .active, extra: [String: String] = [:],
                sourcePath: String, sourceLine: Int) {
        self.year = year
        self.id = id
        self.enterpriseId = enterpriseId
        self.enterpriseNameAsWritten = enterpriseNameAsWritten
        self.groupName = groupName
        self.title = title
        self.type = type
        self.tutor = tutor
        self.registeredOn = registeredOn
        self.contact = contact
        self.phone = phone
        self.email = email
        self.address = address
        self.postcode = postcode
        self.status = status
        self.extra = extra
        self.sourcePath = sourcePath
        self.sourceLine = sourceLine
    }
}

/// A presenter (发表人) or member (小组成员) of a registered group, in form order.
public struct RegistrationPerson: ArchiveRecord {
    public enum Role: String, Codable, Sendable, DatabaseValueConvertible { case presenter, member }
    public static let databaseTableName = "registration_person"
    public var year: Int
    public var registrationId: String
    public var role: Role
    public var position: Int
    public var name: String

    enum CodingKeys: String, CodingKey {
        case year, registrationId = "registration_id", role, position, name
    }

    public init(year: Int, registrationId: String, role: Role, position: Int, name: String) {
        self.year = year
        self.registrationId = registrationId
        self.role = role
        self.position = position
        self.name = name
    }
}

/// A material submitted with a registration (推荐表PDF, 推荐表Word, 成果报告, 活动记录).
public struct RegistrationMaterial: ArchiveRecord {
    public static let databaseTableName = "registration_material"
    public var year: Int
    public var registrationId: String
    public var material: String

    enum CodingKeys: String, CodingKey {
        case year, registrationId = "registration_id", material
    }

    public init(year: Int, registrationId: String, material: String) {
        self.year = year
        self.registrationId = registrationId
        self.material = material
    }
}

/// The write-up of an achievement (小组简介和主要活动过程与效果), in Markdown.
public struct Writeup: ArchiveRecord {
    public static let databaseTableName = "writeup"
    public var year: Int
    public var registrationId: String
    public var title: String?
    public var markdown: String
    public var sourcePath: String

    enum CodingKeys: String, CodingKey {
        case year, registrationId = "registration_id", title, markdown, sourcePath = "source_path"
    }

    public init(year: Int, registrationId: String, title: String?, markdown: String, sourcePath: String) {
        self.year = year
        self.registrationId = registrationId
        self.title = title
        self.markdown = markdown
        self.sourcePath = sourcePath
    }
}
