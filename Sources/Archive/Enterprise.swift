import GRDB

/// An enterprise of the registry, under the name on its official seal (公章).
public struct Enterprise: ArchiveRecord, Hashable {
    public static let databaseTableName = "enterprise"
    public var id: String
    public var name: String
    public var memberUnitId: String?
    public var isMember: Bool

    enum CodingKeys: String, CodingKey {
        case id, name, memberUnitId = "member_unit_id", isMember = "is_member"
    }

    public init(id: String, name: String, memberUnitId: String? = nil, isMember: Bool = false) {
        self.id = id
        self.name = name
        self.memberUnitId = memberUnitId
        self.isMember = isMember
    }
}

/// Another name an enterprise is known by: a short name, or a former name after a renaming.
public struct EnterpriseAlias: ArchiveRecord, Hashable {
    public static let databaseTableName = "enterprise_alias"
    public var alias: String
    public var enterpriseId: String

    enum CodingKeys: String, CodingKey {
        case alias, enterpriseId = "enterprise_id"
    }

    public init(alias: String, enterpriseId: String) {
        self.alias = alias
        self.enterpriseId = enterpriseId
    }
}
