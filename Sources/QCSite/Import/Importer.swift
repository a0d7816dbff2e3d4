import Foundation
import Archive

/// What an import changed, for the progress line staff read.
public struct ImportSummary: Sendable {
    public var years: [(year: Int, registrations: Int)]
    public var enterprises: Int
    public var notices: Int
    public var pages: Int
}

/// Reads the content folder and replaces the archived years in one transaction.
/// Nothing is written unless the whole folder reads without an input error.
public enum Importer {
    public static func run(contentDirectory: URL, displayPath: String, archivePath: String,
                           onlyYears: Set<Int>? = nil) throws -> (ContentSite, ImportSummary) {
        let content = try ContentReader.read(contentDirectory, displayPath: displayPath, onlyYears: onlyYears)
        let archive = try ArchiveDatabase(path: archivePath)
        try archive.replace(registry: content.registry, writing: content.writing, years: content.years)
        let summary = ImportSummary(
            years: content.years.map { ($0.year, $0.registrations.count) },
            enterprises: content.registry.enterprises.count,
            notices: content.writing.notices.count,
            pages: content.writing.pages.count)
        return (content, summary)
    }
}
