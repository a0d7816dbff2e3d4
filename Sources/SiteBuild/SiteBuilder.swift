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
    /// Nil when unhandled error-level findings stopped the build before anything was rendered.
    public var output: OutputSummary?
    /// The findings that stop publication (by year), whether or not the build was let through.
    public var blocking: [Int: [Finding]] = [:]

    public var stoppedByFindings: Bool { output == nil }
}

/// `qcsite build`: a flat list of named steps, each reading only what the step before produced:
/// import → snapshot → rank → check → gate → disclose → render → link check → publish. The paths are checked before anything is read,
/// and the site's lock is held from then until the new site is out.
public struct SiteBuilder {
    public var paths: SitePaths
    /// Overrides `base_url` of site.yaml.
    public var baseURL: String?
    /// Publish even when unhandled error-level findings concern what a year's published stage
    /// shows (`--allow-findings`); they stop the build otherwise. Missing stage data always does.
    public var allowFindings = false
    /// Published stages to use instead of the archived ones (`qcsite stage`, trying a stage
    /// before competition.yaml says it).
    public var stageOverrides: [Int: Stage] = [:]
    /// Today as `YYYY-MM-DD`, for the warning about a stage whose dates have passed; never part of the output.
    public var today: @Sendable () -> String = LocalDate.today
    /// Print how long each step took (for tuning a large archive).
    public var timings = false
    /// How long to wait for another command holding the site's lock (none: refuse at once).
    public var lockWait: Duration = .zero
    public var log: (String) -> Void

    public init(paths: SitePaths, baseURL: String? = nil, allowFindings: Bool = false, log: @escaping (String) -> Void = { _ in }) {
        self.paths = paths
        self.baseURL = baseURL
        self.allowFindings = allowFindings
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

    /// The build itself, for a caller that already holds the site's lock (`qcsite stage`).
    package func buildHoldingLock() throws -> BuildReport {
        let (content, imported) = try step("import") {
            try Importer.runHoldingLock(contentDirectory: paths.contentURL, displayPath: paths.content, archivePath: paths.archive)
        }
        let changed = imported.years.map { "\($0.year)年 \($0.registrations) 项" }.joined(separator: "，")
        let unchanged = imported.unchangedYears.map { "\($0)年" }.joined(separator: "、")
        log("导入：" + [changed.isEmpty ? nil : "更新 " + changed, unchanged.isEmpty ? nil : "未改动 " + unchanged]
            .compactMap { $0 }.joined(separator: "；") + "；单位 \(imported.enterprises) 家，通知 \(imported.notices) 篇")

        var snapshot = try step("snapshot") { try ArchiveDatabase(readingFrom: paths.archive).snapshot() }
        for index in snapshot.years.indices {
            if let stage = stageOverrides[snapshot.years[index].year] { snapshot.years[index].competition.published = stage }
        }
        StaleStage.warnings(snapshot, today: today()).forEach(log)
        let standings = try step("rank") { try Checker.standings(snapshot) }
        var findings: [Int: [Finding]] = [:]
        try step("check") {
            for year in snapshot.years {
                findings[year.year] = try Checker.check(snapshot: snapshot, standings: standings, year: year.year)
            }
        }
        log(FindingSummary.line(findings))
        let gate = PublicationGate(snapshot: snapshot, standings: standings, findings: findings,
                                   contentDirectory: paths.contentURL, contentDisplayPath: paths.content)
        try step("gate") { try gate.checkStageData() }
        let blocking = gate.blocking
        gate.lines(blocking, allowed: allowFindings).forEach(log)
        if !blocking.isEmpty && !allowFindings {
            return BuildReport(imported: imported, findings: findings, files: 0, output: nil, blocking: blocking)
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
        return BuildReport(imported: imported, findings: findings, files: files.count, output: output, blocking: blocking)
    }
}
