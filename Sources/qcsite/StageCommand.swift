import ArgumentParser
import Foundation
import SiteBuild
import Archive
import Diagnostics

struct StageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "公布一个年度的下一阶段：先在临时文件夹中试生成并检查数据，通过后修改 competition.yaml 的 published 并生成网站，列出新公开的内容。",
        discussion: """
            阶段：registration（报名）、review（资料评审）、shortlist（入围）、onsite（现场发表）、results（结果），英文或中文均可。
            已公布阶段缺少数据（评分表、入围或获奖记录、优秀企业评选结果）时停止（退出状态 2）；有未处理的错误级检查结果时停止（退出状态 1），
            除非加 --allow-findings。加 --dry-run 只试运行：不改 competition.yaml、存档和输出文件夹。
            """)

    @OptionGroup var site: SiteOptions
    @Argument(help: "年度，如 2025") var year: Int
    @Argument(help: "要公布到的阶段，如 入围 或 shortlist") var stage: String
    @Flag(help: "只试运行并列出将公开的内容，不写入任何文件") var dryRun = false
    @Flag(help: "有未处理的错误级检查结果时仍然公布（输出中会注明）") var allowFindings = false
    @Option(help: "网站地址，覆盖 site.yaml 的 base_url，如 https://host/qc/") var baseURL: String?

    func run() throws {
        var status: Int32 = 0
        try reporting("stage", archive: site.archive, unchanged: "competition.yaml、存档和已发布的网站保持原样", interruptible: true) {
            guard let target = Stage(named: stage) else {
                throw InputError(path: "qcsite stage", line: 0, "阶段「\(stage)」无法识别；应为 \(Stage.allowedNames) 之一")
            }
            var publisher = StagePublisher(paths: site.paths, year: year, stage: target, log: progress)
            publisher.baseURL = baseURL
            publisher.allowFindings = allowFindings
            if let today = try Today.fixed() { publisher.today = { today } }
            let report = try publisher.run(dryRun: dryRun)
            print(report.text())
            if report.stoppedByFindings { status = 1 }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
