import ArgumentParser
import Foundation
import SiteBuild

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "导入、检查、排名并生成网站；新网站完整生成后才替换旧的输出文件夹。")

    @OptionGroup var site: SiteOptions
    @Option(help: "网站地址，覆盖 site.yaml 的 base_url，如 https://host/qc/") var baseURL: String?
    @Flag(help: "有错误级别的规则检查结果时不生成网站") var strict = false
    @Flag(help: .hidden) var timings = false

    func run() throws {
        try reporting("build", archive: site.archive, unchanged: "已发布的网站保持原样", interruptible: true) {
            var builder = SiteBuilder(paths: site.paths, baseURL: baseURL, strict: strict, log: progress)
            builder.timings = timings
            let report = try builder.build()
            if report.stoppedByFindings { throw ExitCode(1) }
        }
    }
}
