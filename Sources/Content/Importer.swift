import Foundation
import Archive
import Diagnostics

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
    /// The fingerprint of every year read or left out, by year (`ContentSite.fingerprints`).
    public var fingerprints: [Int: String] = [:]
}

/// Reads the content folder and replaces the archived years in one transaction.
/// Nothing is written unless the whole folder reads without an input error, and nothing at all
/// — no backup, no write transaction — when the content matches the archive.
public enum Importer {
    /// Imports holding the site's lock (see `SiteLock`).
    /// - Parameter force: read every year again, even one whose files are unchanged.
    public static func run(contentDirectory: URL, displayPath: String, archivePath: String,
                           onlyYears: Set<Int>? = nil, force: Bool = false) throws -> (ContentSite, ImportSummary) {
        try SiteLock.holding(archivePath: archivePath) {
            try runHoldingLock(contentDirectory: contentDirectory, displayPath: displayPath, archivePath: archivePath,
                               onlyYears: onlyYears, force: force)
        }
    }

    /// The import itself, for a caller that already holds the site's lock (a build).
    /// - Parameters:
    ///   - known: fingerprints the caller vouches each year's files still have (`ContentReader.read`).
    ///   - beforeWriting: called with the years to be replaced when an existing archive is about
    ///     to be written (before its backup); every other archived year stays as it is.
    package static func runHoldingLock(contentDirectory: URL, displayPath: String, archivePath: String,
                                       onlyYears: Set<Int>? = nil, force: Bool = false, known: [Int: String] = [:],
                                       beforeWriting: (Set<Int>) -> Void = { _ in }) throws -> (ContentSite, ImportSummary) {
        let prepared = try prepareHoldingLock(contentDirectory: contentDirectory, displayPath: displayPath, archivePath: archivePath,
                                              onlyYears: onlyYears, force: force, known: known, beforeWriting: beforeWriting)
        try prepared.write?()
        return (prepared.content, prepared.summary)
    }

    /// An import read, compared with the archive and backed up, with its write still to run.
    package struct Prepared: Sendable {
        package let content: ContentSite
        package let summary: ImportSummary
        /// Replaces the archived years, the registry, the notices and the pages in one
        /// transaction (creating the archive on a first import); nil when the content matches
        /// the archive and nothing is to be written.
        package let write: (@Sendable () throws -> Void)?
    }

    /// `runHoldingLock` up to its write, which the caller runs when it chooses (a first build
    /// runs it on another core while it renders what is being written).
    package static func prepareHoldingLock(contentDirectory: URL, displayPath: String, archivePath: String,
                                           onlyYears: Set<Int>? = nil, force: Bool = false, known: [Int: String] = [:],
                                           beforeWriting: (Set<Int>) -> Void = { _ in }) throws -> Prepared {
        try ArchiveBackups.removeLeftovers(archivePath: archivePath)
        try ArchiveDatabase.removeLeftovers(archivePath: archivePath)
        // Open an existing archive only, and for reading: a failed first import must not leave an
        // empty archive behind, and an import that changes nothing must not write.
        let existing = try FileManager.default.fileExists(atPath: archivePath) ? openForComparing(archivePath) : nil
        let archived = force ? [:] : try existing?.fingerprints() ?? [:]
        var writeups: (@Sendable (Int) throws -> [String: Writeup])?
        if let existing, !force { writeups = { try existing.writeupsLeftInArchive(year: $0) } }
        let content = try ContentReader.read(contentDirectory, displayPath: displayPath, onlyYears: onlyYears, archived: archived,
                                             known: force ? [:] : known, archivedWriteups: writeups)
        var pending: ArchiveBackups.Pending?
        if let existing {
            guard try !content.years.isEmpty || changesRegistryOrWriting(content, existing) else {
                return Prepared(content: content, summary: summary(content, backup: nil), write: nil)
            }
            beforeWriting(Set(content.years.map(\.year)))
            // Copied on another core while the write is made, which commits only once the copy
            // is whole, named and on disk: a failed backup leaves the archive as it was.
            pending = try ArchiveBackups.begin(existing, archivePath: archivePath)
        }
        let folder = URL(fileURLWithPath: archivePath).deletingLastPathComponent().path
        let (registry, writing, years, backup, first) = (content.registry, content.writing, content.years, pending, existing == nil)
        return Prepared(content: content, summary: summary(content, backup: backup?.url.path)) {
            do {
                try DiskFull.naming(folder, isFull: ArchiveDatabase.isDiskFull) {
                    guard !first else {
                        return try ArchiveDatabase.create(at: archivePath, registry: registry, writing: writing, years: years)
                    }
                    try ArchiveDatabase(path: archivePath).replace(registry: registry, writing: writing, years: years) {
                        _ = try backup?.finish()
                    }
                }
            } catch {
                backup?.discard()
                throw error
            }
        }
    }

    /// The archive for reading; one from an older qcsite is brought up to date first.
    private static func openForComparing(_ archivePath: String) throws -> ArchiveDatabase {
        do {
            return try ArchiveDatabase(readingFrom: archivePath)
        } catch is ArchiveDatabase.Outdated {
            return try ArchiveDatabase(path: archivePath)
        }
    }

    private static func summary(_ content: ContentSite, backup: String?) -> ImportSummary {
        ImportSummary(
            years: content.years.map { ($0.year, $0.registrations.count) },
            unchangedYears: content.unchangedYears,
            backup: backup,
            enterprises: content.registry.enterprises.count,
            notices: content.writing.notices.count,
            pages: content.writing.pages.count,
            fingerprints: content.fingerprints)
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
        return try SiteLock.holding(archivePath: archivePath) {
            try ArchiveBackups.removeLeftovers(archivePath: archivePath)
            let archive = try ArchiveDatabase(path: archivePath)
            guard try archive.years().contains(year) else {
                throw InputError(path: archivePath, line: 0, "存档中没有 \(year) 年度 (no year \(year) in the archive)")
            }
            let backup = try ArchiveBackups.keep(archive, archivePath: archivePath)
            _ = try DiskFull.naming(URL(fileURLWithPath: archivePath).deletingLastPathComponent().path, isFull: ArchiveDatabase.isDiskFull) { try archive.removeYear(year) }
            return backup
        }
    }
}
