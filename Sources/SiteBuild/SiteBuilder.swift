import Foundation
import Disclosure
import Archive
import Content
import Rules
import Publishing
import SafePaths

/// The result of a build, for the lines printed to staff.
public struct BuildReport: Sendable {
    public var imported: ImportSummary
    public var findings: [Int: [Finding]]
    public var files: Int
    /// Nil when `--strict` stopped the build before anything was rendered.
    public var output: OutputSummary?

    public var stoppedByFindings: Bool { output == nil }
}

/// `qcsite build`: a flat list of named steps, each reading only what the step before produced:
/// import → snapshot → rank → render → publish. The paths are checked before anything is read,
/// and the site's lock is held from then until the new site is out.
public struct SiteBuilder {
    public var paths: SitePaths
    /// Overrides `base_url` of site.yaml.
    public var baseURL: String?
    /// Stop before rendering when a rule finding is an error.
    public var strict: Bool
    /// Print how long each step took (for tuning a large archive).
    public var timings = false
    /// How long to wait for another command holding the site's lock (none: refuse at once).
    public var lockWait: Duration = .zero
    public var log: (String) -> Void

    public init(paths: SitePaths, baseURL: String? = nil, strict: Bool = false, log: @escaping (String) -> Void = { _ in }) {
        self.paths = paths
        self.baseURL = baseURL
        self.strict = strict
        self.log = log
    }

    /// Runs one named step of the build, timing it when asked.
    /// A failure inside it that is not an input error is reported with the step's name.
    private func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let start = DispatchTime.now()
        defer {
            if timings {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
                log(String(format: "  %@: %.0f ms", name, ms))
            }
        }
        return try StepError.wrapping(name, archivePath: paths.archive, body)
    }

    public func build() throws -> BuildReport {
        try OutputFolderRule.check(paths)
        return try SiteLock.holding(archivePath: paths.archive, wait: lockWait) { try buildHoldingLock() }
    }

    private func buildHoldingLock() throws -> BuildReport {
        let (content, imported) = try step("import") {
            try Importer.runHoldingLock(contentDirectory: paths.contentURL, displayPath: paths.content, archivePath: paths.archive)
        }
        let changed = imported.years.map { "\($0.year)年 \($0.registrations) 项" }.joined(separator: "，")
        let unchanged = imported.unchangedYears.map { "\($0)年" }.joined(separator: "、")
        log("导入：" + [changed.isEmpty ? nil : "更新 " + changed, unchanged.isEmpty ? nil : "未改动 " + unchanged]
            .compactMap { $0 }.joined(separator: "；") + "；单位 \(imported.enterprises) 家，通知 \(imported.notices) 篇")

        let snapshot = try step("snapshot") { try ArchiveDatabase(readingFrom: paths.archive).snapshot() }
        let standings = try step("rank") { try Checker.standings(snapshot) }
        var findings: [Int: [Finding]] = [:]
        try step("check") {
            for year in snapshot.years {
                findings[year.year] = try Checker.check(snapshot: snapshot, standings: standings, year: year.year)
            }
        }
        let all = findings.values.flatMap { $0 }
        let errors = all.filter { $0.severity == .error }.count
        // One line for the whole archive; `qcsite check` lists the findings of a year.
        let perYear = findings.keys.sorted().compactMap { y -> String? in
            let list = findings[y]!
            let e = list.filter { $0.severity == .error }.count
            return list.isEmpty ? nil : "\(y)年 \(e) 错 \(list.count - e) 警"
        }
        log(all.isEmpty ? "规则检查：未发现问题"
            : "规则检查：\(errors) 个错误，\(all.count - errors) 个警告（\(perYear.joined(separator: "，"))；qcsite check --year 年度 查看详情）")
        if strict && errors > 0 {
            log("--strict：有错误级别的检查结果，未生成网站；旧的输出保持不变")
            return BuildReport(imported: imported, findings: findings, files: 0, output: nil)
        }

        let theme = try step("theme") { try Theme.load(paths.themeURL, displayPath: paths.themes + "/default") }
        let urls = SiteURLs(baseURL: baseURL ?? content.site.baseURL)
        let record = try step("disclose") { PublicRecord(snapshot: snapshot, standings: standings, settings: content.site) }
        let files = try step("render") {
            try SiteRenderer(config: content.site, urls: urls, theme: theme, record: record,
                             contentDirectory: paths.contentURL).render()
        }
        try step("link check") { try LinkChecker.check(files, urls: urls, outputName: paths.output) }

        let output = try step("publish") { try OutputWriter.publish(files, to: paths.outputURL, log: log) }
        log("生成 \(files.count) 个文件：更新 \(output.written)，未变 \(output.unchanged)，删除 \(output.removed) → \(paths.output)/")
        return BuildReport(imported: imported, findings: findings, files: files.count, output: output)
    }
}
