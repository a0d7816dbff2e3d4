import ArgumentParser

/// `qcsite`: the command line of the competition archive and site. Every command exits 0 on
/// success, 1 with error-level rule findings, 2 on bad input (each named `path:line` with how
/// to fix it) and 3 on any other failure, printed with the step it came from.
@main
struct QCSiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qcsite",
        abstract: "QC小组成果竞赛：导入年度数据、检查规则、生成公开网站。",
        subcommands: [Import.self, Check.self, Build.self, StageCommand.self, NoticeCommand.self, History.self, Serve.self,
                      RemoveYear.self, Forms.self])
}
