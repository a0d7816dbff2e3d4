import GRDB

/// Columns are snake_case in SQL and camelCase in Swift; every archive record shares this mapping.
public protocol ArchiveRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {}

extension ArchiveRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}
