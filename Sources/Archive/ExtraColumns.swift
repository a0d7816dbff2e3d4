import Foundation
import GRDB

/// The `extra_json` column: a form's unnamed columns by header, stored as GRDB's record coder
/// stores a dictionary (JSON with sorted keys), so rows written either way read the same.
/// Most rows have none, and skip JSON altogether.
struct ExtraColumns {
    private let encoder = Registration.databaseJSONEncoder(for: "extra_json")
    private let decoder = Registration.databaseJSONDecoder(for: "extra_json")

    func json(_ extra: [String: String]) throws -> String {
        guard !extra.isEmpty else { return "{}" }
        return String(decoding: try encoder.encode(extra), as: UTF8.self)
    }

    func dictionary(_ json: String) throws -> [String: String] {
        guard json != "{}" else { return [:] }
        do {
            return try decoder.decode([String: String].self, from: Data(json.utf8))
        } catch {
            throw ArchiveError("存档中的附加列「\(json.prefix(40))」无法读取（\(error)）；请从 archive-backups/ 恢复备份")
        }
    }
}
