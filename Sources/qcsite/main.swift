import ArgumentParser
import Foundation
import QCSite
import Archive

/// `qcsite`: the command line of the competition archive and site.
struct QCSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qcsite",
        abstract: "QC小组成果竞赛：导入年度数据、检查规则、生成公开网站。",
        subcommands: [Import.self, Check.self, Build.self, History.self, Serve.self, RemoveYear.self, Forms.self])
}

/// The folders every command shares.
struct SiteOptions: ParsableArguments {
    @Option(help: "内容文件夹 (content folder)") var content = "content"
    @Option(help: "主题文件夹 (themes folder)") var themes = "themes"
    @Option(help: "SQLite 存档文件 (archive file)") var archive = "archive.sqlite"
    @Option(help: "网站输出文件夹 (output folder)") var output = "public"

    var paths: SitePaths { SitePaths(content: content, themes: themes, archive: archive, output: output) }

    /// The archive for the commands that only read it. Opening a missing file would create an
    /// empty archive, so a missing one is reported instead (exit 2) and nothing is created.
    func existingArchive() throws -> ArchiveDatabase {
        guard FileManager.default.fileExists(atPath: archive) else {
            throw InputError(path: archive, line: 0, "存档不存在，请先运行 qcsite import (no archive at \(archive); run qcsite import first)")
        }
        return try ArchiveDatabase(path: archive)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// Prints progress and errors to stderr; stdout carries machine output alone.
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs a command body, turning input errors into their listing and exit status 2.
/// `unchanged` is what the user should know was left as it was (the archive, the site).
func runReportingInputErrors(unchanged: String? = nil, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let errors as InputErrors {
        progress(errors.description + (unchanged.map { "；\($0)" } ?? ""))
        throw ExitCode(2)
    } catch let error as InputError {
        progress(InputErrors([error]).description + (unchanged.map { "；\($0)" } ?? ""))
        throw ExitCode(2)
    }
}

/// What AsyncParsableCommand.main() does, written out: from top-level code the synchronous
/// main() would be chosen, and `serve` runs asynchronously.
func runCommand() async {
    do {
        var command = try QCSiteCommand.parseAsRoot()
        if var asynchronous = command as? AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
    } catch {
        QCSiteCommand.exit(withError: error)
    }
}

await runCommand()
