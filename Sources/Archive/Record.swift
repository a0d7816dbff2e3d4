import GRDB

/// An archive table's row. Columns are snake_case in SQL; each record names them in its
/// `CodingKeys` (cheaper than a key-conversion strategy on every row of a large import).
public protocol ArchiveRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {}
