import ArgumentParser
import Foundation
import SiteBuild

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "导入、检查、排名并生成网站；新网站完整生成后才替换旧的输出文件夹。")

    @OptionGroup var site: SiteOptions
    @Option(help: "网站地址，覆盖 site.yaml 的 base_url，如 https://host/qc/") var baseURL: String?
    @Flag(help: "有未处理的错误级检查结果时仍然生成网站（输出中会注明）；默认不生成，旧网站保持原样")
    var allowFindings = false
    /// Kept so scripts written for earlier versions still run: stopping on errors is now the default.
    @Flag(help: .hidden) var strict = false
    @Flag(help: .hidden) var timings = false

    func run() throws {
        try reporting("build", archive: site.archive, unchanged: "已发布的网站保持原样", interruptible: true) {
            var builder = SiteBuilder(paths: site.paths, baseURL: baseURL, allowFindings: allowFindings, log: progress)
            if let today = try Today.fixed() { builder.today = { today } }
            builder.timings = timings
            builder.leavesMemoryToExit = true  // the process ends with the build
            let report = try builder.build()
            if report.stoppedByFindings { throw ExitCode(1) }
        }
    }
}
