import ArgumentParser
import Foundation
import QCSite
import Archive

/// `qcsite`: the command line of the competition archive and site.
struct QCSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qcsite",
        abstract: "QC小组成果竞赛：导入年度数据、检查规则、生成公开网站。",
        subcommands: [Import.self, Check.self, Build.self, History.self, Serve.self, RemoveYear.self])
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

/// Prints progress and errors to stderr; stdout carries machine output alone.
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs a command body, mapping its failures to the exit statuses every command shares:
/// input errors are listed with status 2; any other failure — another command holding the
/// site's lock, a full disk, a corrupt archive, I/O — is printed with status 3.
/// `unchanged` is what the user should know was left as it was (the archive, the site).
func runReportingInputErrors(unchanged: String? = nil, _ body: () throws -> Void) throws {
    let note = unchanged.map { "；\($0)" } ?? ""
    do {
        try body()
    } catch let errors as InputErrors {
        progress(errors.description + note)
        throw ExitCode(2)
    } catch let error as InputError {
        progress(InputErrors([error]).description + note)
        throw ExitCode(2)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Interruption.settle()  // a failure caused by an interruption's clean-up is not reported
        progress("错误 (error)：\(error)" + note)
        throw ExitCode(3)
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
        Interruption.settle()
    } catch {
        Interruption.settle()
        QCSiteCommand.exit(withError: error)
    }
}

Interruption.handleSignals(report: progress)
await runCommand()
