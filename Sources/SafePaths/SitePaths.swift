import Foundation

/// The folders and files a command works with; defaults are relative to the current folder.
public struct SitePaths: Sendable {
    public var content: String
    public var themes: String
    public var archive: String
    public var output: String

    public init(content: String = "content", themes: String = "themes", archive: String = "archive.sqlite", output: String = "public") {
        self.content = content
        self.themes = themes
        self.archive = archive
        self.output = output
    }

    public var contentURL: URL { URL(fileURLWithPath: content) }
    public var themeURL: URL { URL(fileURLWithPath: themes).appendingPathComponent("default") }
    public var outputURL: URL { URL(fileURLWithPath: output) }

    /// The backup folder of an archive: `archive.sqlite` → `archive-backups/`.
    public static func backupFolder(for archivePath: String) -> URL {
        let archive = URL(fileURLWithPath: archivePath)
        let stem = archive.deletingPathExtension().lastPathComponent
        return archive.deletingLastPathComponent().appendingPathComponent("\(stem)-backups")
    }
}
