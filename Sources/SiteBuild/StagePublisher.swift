import Foundation
import Archive
import Content
import SafePaths

/// `qcsite stage <year> <stage>`: publishes the next stage of a year as one safe step. The stage
/// is first built in a scratch folder from a copy of the archive (`StageScratch`), so missing
/// data or unhandled findings stop it before anything real is touched; then `published:` is
/// set in competition.yaml (that line alone) and the site is built. With `dryRun` only the
/// trial runs: competition.yaml, the archive and the output stay as they were.
public struct StagePublisher {
    public var paths: SitePaths
    public var year: Int
    public var stage: Stage
    public var baseURL: String?
    public var allowFindings = false
    public var today: @Sendable () -> String = LocalDate.today
    public var log: (String) -> Void

    public init(paths: SitePaths, year: Int, stage: Stage, log: @escaping (String) -> Void) {
        self.paths = paths
        self.year = year
        self.stage = stage
        self.log = log
    }

    public func run(dryRun: Bool) throws -> StageReport {
        try OutputFolderRule.check(paths)
        let file = try CompetitionFile(contentDirectory: paths.contentURL, contentDisplayPath: paths.content, year: year)
        let edited = try file.settingPublished(stage)
        if dryRun { return try rehearse(file, dryRun: true) }
        return try SiteLock.holding(archivePath: paths.archive) {
            var report = try rehearse(file, dryRun: false)
            guard !report.stoppedByFindings else { return report }
            if edited != file.original { try file.write(edited) }
            do {
                let built = try builder(paths).buildHoldingLock()
                // Only content changed since the trial could stop it now; the file goes back either way.
                if built.stoppedByFindings {
                    try file.write(file.original)
                    report.stoppedByFindings = true
                }
            } catch {
                try? file.write(file.original)
                throw error
            }
            return report
        }
    }

    private func builder(_ paths: SitePaths) -> SiteBuilder {
        var builder = SiteBuilder(paths: paths, baseURL: baseURL, allowFindings: allowFindings, log: log)
        builder.today = today
        return builder
    }

    /// Builds the year at `stage` in a scratch folder and compares that site with the output.
    /// What the trial prints is shown on a dry run, or when it fails; otherwise the real build
    /// prints its own lines.
    private func rehearse(_ file: CompetitionFile, dryRun: Bool) throws -> StageReport {
        let scratch = try StageScratch(beside: paths.outputURL, archive: paths.archive)
        defer { scratch.remove() }
        let lines = HeldLines()
        var trial = builder(SitePaths(content: paths.content, themes: paths.themes, archive: scratch.archive, output: scratch.output))
        trial.stageOverrides = [year: stage]
        // The trial's line about the files it wrote names the scratch folder, which staff never see.
        let scratchOutput = scratch.output
        trial.log = dryRun ? { line in if !line.contains(scratchOutput) { log(line) } } : { lines.append($0) }
        let built: BuildReport
        do {
            built = try trial.build()
        } catch {
            lines.release(to: log)
            throw error
        }
        if built.stoppedByFindings { lines.release(to: log) }
        return StageReport(year: year, from: file.published, to: stage, dryRun: dryRun, file: file.displayPath,
                           line: file.publishedLine, output: paths.output, stoppedByFindings: built.stoppedByFindings,
                           changes: built.stoppedByFindings ? nil
                               : SiteChanges.between(old: paths.outputURL, new: URL(fileURLWithPath: scratch.output)))
    }
}
