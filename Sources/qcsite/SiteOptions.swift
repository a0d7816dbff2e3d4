import ArgumentParser
import Foundation
import SafePaths
import Archive
import Diagnostics

/// The folders every command shares.
struct SiteOptions: ParsableArguments {
    @Option(help: "内容文件夹 (content folder)") var content = "content"
    @Option(help: "主题文件夹 (themes folder)") var themes = "themes"
    @Option(help: "SQLite 存档文件 (archive file)") var archive = "archive.sqlite"
    @Option(help: "网站输出文件夹 (output folder)") var output = "public"

    var paths: SitePaths { SitePaths(content: content, themes: themes, archive: archive, output: output) }

    /// The archive for the commands that only read it. Opening a missing file would create an
    /// empty archive, so a missing one is reported instead (exit 2) and nothing is created.
    /// Reading takes no lock: it sees the archive as the last finished import left it.
    func existingArchive() throws -> ArchiveDatabase {
        guard FileManager.default.fileExists(atPath: archive) else {
            throw InputError(path: archive, line: 0, "存档不存在，请先运行 qcsite import (no archive at \(archive); run qcsite import first)")
        }
        do {
            return try ArchiveDatabase(readingFrom: archive)
        } catch is ArchiveDatabase.Outdated {
            throw InputError(path: archive, line: 0, "存档由旧版 qcsite 建立，需要更新格式：请先运行 qcsite import (the archive needs an import first)")
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
