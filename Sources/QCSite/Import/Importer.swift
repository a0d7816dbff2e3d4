import Foundation
import Archive

/// What an import changed, for the progress line staff read.
public struct ImportSummary: Sendable {
    public var years: [(year: Int, registrations: Int)]
    /// Years whose files had not changed since they were archived (left as they were).
    public var unchangedYears: [Int]
    /// The copy of the archive taken before it was changed, if any.
    public var backup: String?
    public var enterprises: Int
    public var notices: Int
    public var pages: Int
}

/// Reads the content folder and replaces the archived years in one transaction.
/// Nothing is written unless the whole folder reads without an input error.
public enum Importer {
    /// - Parameter force: read every year again, even one whose files are unchanged.
    public static func run(contentDirectory: URL, displayPath: String, archivePath: String,
                           onlyYears: Set<Int>? = nil, force: Bool = false) throws -> (ContentSite, ImportSummary) {
        let exists = FileManager.default.fileExists(atPath: archivePath)
        // Open an existing archive only: a failed first import must not leave an empty one behind.
        let existing = exists ? try ArchiveDatabase(path: archivePath) : nil
        let archived = force ? [:] : try existing?.fingerprints() ?? [:]
        let content = try ContentReader.read(contentDirectory, displayPath: displayPath, onlyYears: onlyYears, archived: archived)
        var backup: String?
        if let existing, try !content.years.isEmpty || changesRegistryOrWriting(content, existing) {
            backup = try ArchiveBackups.keep(existing, archivePath: archivePath)
        }
        let archive = try existing ?? ArchiveDatabase(path: archivePath)
        try archive.replace(registry: content.registry, writing: content.writing, years: content.years)
        let summary = ImportSummary(
            years: content.years.map { ($0.year, $0.registrations.count) },
            unchangedYears: content.unchangedYears,
            backup: backup,
            enterprises: content.registry.enterprises.count,
            notices: content.writing.notices.count,
            pages: content.writing.pages.count)
        return (content, summary)
    }

    /// Whether storing the content's registry, notices and pages would change what the archive
    /// holds (compared in one order; enterprises the archive keeps because a year refers to them
    /// stay either way).
    static func changesRegistryOrWriting(_ content: ContentSite, _ archive: ArchiveDatabase) throws -> Bool {
        let (registry, writing) = try archive.registryAndWriting()
        let listed = Set(content.registry.enterprises.map(\.id))
        let inUse = try archive.enterpriseIdsInUse()
        let archived = registry.enterprises.filter { listed.contains($0.id) || !inUse.contains($0.id) }
        return archived.sorted { $0.id < $1.id } != content.registry.enterprises.sorted { $0.id < $1.id }
            || registry.aliases.sorted { $0.alias < $1.alias } != content.registry.aliases.sorted { $0.alias < $1.alias }
            || writing.notices.sorted { $0.slug < $1.slug } != content.writing.notices.sorted { $0.slug < $1.slug }
            || writing.pages.sorted { $0.slug < $1.slug } != content.writing.pages.sorted { $0.slug < $1.slug }
    }
}

extension Importer {
    /// Takes a year out of the archive, after a backup: the way to undo a year that was imported
    /// by mistake (removing its folder from `content/` leaves the archived year as it was).
    /// Returns the backup's path; throws an input error when the archive holds no such year.
    public static func removeYear(_ year: Int, archivePath: String) throws -> String {
        guard FileManager.default.fileExists(atPath: archivePath) else {
            throw InputError(path: archivePath, line: 0, "存档不存在 (no archive at \(archivePath))")
        }
        let archive = try ArchiveDatabase(path: archivePath)
        guard try archive.years().contains(year) else {
            throw InputError(path: archivePath, line: 0, "存档中没有 \(year) 年度 (no year \(year) in the archive)")
        }
        let backup = try ArchiveBackups.keep(archive, archivePath: archivePath)
        _ = try archive.removeYear(year)
        return backup
    }
}
