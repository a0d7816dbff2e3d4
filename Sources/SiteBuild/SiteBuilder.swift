import Foundation
import Disclosure
import Archive
import Content
import Rules
import Publishing
import SafePaths
import Parallelism

/// The result of a build, for the lines printed to staff.
public struct BuildReport: Sendable {
    /// Nil when the content, the theme and the archive were not written since the last build,
    /// so nothing was read.
    public var imported: ImportSummary?
    /// Empty when nothing the check reads changed since the last build, whose check passed: the
    /// check was not run again, and its summary was repeated from the output's build record.
    public var findings: [Int: [Finding]]
    public var files: Int
    /// Nil when unhandled error-level findings stopped the build before anything was rendered.
    public var output: OutputSummary?
    /// The findings that stop publication (by year), whether or not the build was let through.
    public var blocking: [Int: [Finding]] = [:]
    /// Whether the build went on from what a first import was writing, and found the archive
    /// holding it once written (`WriteAside`).
    package var renderedWhileWriting = false

    public var stoppedByFindings: Bool { output == nil }
}

/// What a build is done with, kept until the process ends (`SiteBuilder.leavesMemoryToExit`).
private final class LeftForExit {
    let values: [Any]
    init(_ values: [Any]) { self.values = values }
}

/// `qcsite build`: a flat list of named steps, each reading only what the step before produced:
/// import → snapshot → rank → check → gate → disclose → render → publish (its links checked while the new site is
/// written beside the old, and swapped in only once every link resolves). The paths are checked before anything is read,
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
    /// Which renderer renders the theme's templates (tests compare the two).
    package var templateRendering = Theme.Rendering.compiled
    /// When a first import's write runs on another core (tests take every way).
    package var writeAside = WriteAside.Mode.firstImport
    /// Leave what the build is done with to the end of the process instead of freeing it: for
    /// a command that exits right after the build (`qcsite build`), never for a caller that goes on.
    public var leavesMemoryToExit = false
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
        let cpuStart = Self.processCPU()
        defer {
            if timings {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
                log(String(format: "  %@: %.0f ms (CPU %.0f ms)", name, ms, (Self.processCPU() - cpuStart) * 1000))
            }
        }
        return try StepError.wrapping(name, archivePath: paths.archive, body)
    }

    /// CPU seconds the process has used so far (user and system, every thread).
    private static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    public func build() throws -> BuildReport {
        try OutputFolderRule.check(paths)
        return try SiteLock.holding(archivePath: paths.archive, wait: lockWait) { try buildHoldingLock() }
    }

    /// The build itself, for a caller that already holds the site's lock (`qcsite stage`).
    package func buildHoldingLock() throws -> BuildReport {
        // The stamps of the sources and the files of the output: two looks at many files, side by
        // side. The output's (three times as many files, looked up on every core) is waited for
        // only when the sources say nothing was written since the last build: else it goes on
        // while the content is imported.
        var sources: InputStamps.Sources?
        var sourcesAside: Background<InputStamps.Sources>?
        var head: BuildRecord?
        var scan: Background<(tree: OutputTree, record: BuildRecord?)>?
        let (paths, baseURL) = (paths, baseURL)
        let outputFolder = paths.outputURL
        let sameAsLast = try step("stamps") { () -> (record: BuildRecord, files: Int)? in
            head = BuildRecord.read(in: outputFolder, files: false)
            // A build with no record to compare with needs the stamps only for the record it
            // writes: they are taken on another core while the content is imported, against the
            // time now (a file written after it is not trusted, whenever the walk reaches it).
            guard head != nil else {
                let taken = FileStamp.now()
                sourcesAside = Background { InputStamps.sources(paths, baseURL: baseURL, taken: taken) }
                return nil
            }
            // The record in full, and the output as it says, confirmed by a look at each of its
            // folders and files; or else walked. (With its folders: the survey asks each whether
            // it can be emptied without a walk of its own.)
            scan = Background {
                let full = BuildRecord.read(in: outputFolder, lines: true)
                return (full.flatMap { OutputTree.confirmed(outputFolder.path, by: $0) } ?? OutputTree.scan(outputFolder.path, folders: true), full)
            }
            sources = InputStamps.sources(paths, baseURL: baseURL)
            // Whether the output is exactly what its record says is told by the digest of its
            // files' stamps.
            guard let head, canReuse(head), let stamps = head.stamps, InputStamps.key(sources, archive: paths.archive) == stamps,
                  let tree = scan?.value.tree, head.describes(tree, in: outputFolder) else { return nil }
            return (head, tree.files.count)
        }
        if let sameAsLast {
            log("导入：内容、主题和存档自上次生成后都没有写过，无需读取")
            return try nothingChanged(sameAsLast.record, files: sameAsLast.files, imported: nil)
        }
        // The output's side needs nothing of the content: it is read on another core while the
        // content is imported (its record in full, its files, whether it is exactly what its
        // record says and which of its files are intact), and then while the archive is checked (its
        // search index read back, the folders beside it surveyed).
        let (found, walk) = (head, scan)
        let lastBuild = Background { () -> LastBuild in
            guard let head = found, let (tree, full) = walk?.value else { return LastBuild(previous: PreviousOutput(folder: outputFolder)) }
            let exact = head.describes(tree, in: outputFolder)
            // (All of them when the output is exactly what the record says, without a look at each.)
            let intact = full.map { exact && $0.filesDigest == head.filesDigest ? $0.files : $0.intact(in: tree) } ?? [:]
            return LastBuild(tree: tree, exact: exact, record: full, intact: intact,
                             previous: PreviousOutput(keys: intact.compactMapValues(\.key), folder: outputFolder,
                                                      sections: full.map(PreviousOutput.sections(of:)) ?? [:]))
        }
        // None of it outlives the build, whichever way the build ends: it reads folders only
        // the holder of the site's lock may change.
        var aside: [any Waitable] = [lastBuild] + [sourcesAside].compactMap { $0 }
        defer { aside.forEach { $0.wait() } }

        // The archived years, read on another core from the start of the import: those it leaves
        // as they are stand in the snapshot (it writes no other year's rows). Only an archive
        // that exists is opened: a first import that fails must leave none behind. A year whose
        // files' stamps moved since the last build is left out: the import most likely replaces
        // it (and if not, the snapshot reads it).
        let archivePath = paths.archive
        let moved = Set((head?.years ?? [:]).filter { sources?.years[$0.key] != $0.value.stamps }.keys)
        // With a last build to keep pages of, the write-ups' Markdown is left in the archive: the
        // pages are keyed by its digest, and those rendered read it (`WriteupTexts`).
        let leavingWriteups = head != nil
        let readAhead = FileManager.default.fileExists(atPath: archivePath) ? Background {
            (try? ArchiveDatabase(readingFrom: archivePath).yearRecords(except: moved, leavingWriteups: leavingWriteups)) ?? [:]
        } : nil
        aside += [readAhead].compactMap { $0 }
        var changing: Set<Int> = []
        let prepared = try step("import") {
            let prepared = try Importer.prepareHoldingLock(contentDirectory: paths.contentURL, displayPath: paths.content,
                                                           archivePath: paths.archive, known: Self.knownFingerprints(sources, head)) {
                changing = $0
            }
            if readAhead != nil || writeAside == .never { try prepared.write?() }
            return prepared
        }
        let (content, imported) = (prepared.content, prepared.summary)
        // A first import's write (every year, the whole archive) runs on another core while the
        // build goes on from what it writes; nothing is published before the archive reads back
        // as the build took it to be (`WriteAside`).
        let written = readAhead == nil && writeAside != .never ? prepared.write.map { WriteAside(content, write: $0, archivePath: archivePath, mode: writeAside) } : nil
        aside += [written].compactMap { $0 }
        let last = lastBuild.value
        let changed = imported.years.map { "\($0.year)年 \($0.registrations) 项" }.joined(separator: "，")
        let unchanged = imported.unchangedYears.map { "\($0)年" }.joined(separator: "、")
        let importLine = "导入：" + [changed.isEmpty ? nil : "更新 " + changed, unchanged.isEmpty ? nil : "未改动 " + unchanged]
            .compactMap { $0 }.joined(separator: "；") + "；单位 \(imported.enterprises) 家，通知 \(imported.notices) 篇"

        // (A year the read ahead could not read is read by the snapshot, where its error is reported.)
        let untouched = readAhead.map { $0.value.filter { !changing.contains($0.key) } } ?? [:]
        let imports = Imported(content: content, summary: imported, sources: sources ?? sourcesAside?.value, output: last,
                               untouched: untouched)
        guard let written else {
            log(importLine)
            return try render(imports, speculative: nil)
        }
        // Every line, the import's first, is held until the write is confirmed, and said then: a
        // build from records the archive does not read back as is done again from the archive,
        // and a write that fails is reported alone.
        let held = HeldLines()
        held.append(importLine)
        var trial = self
        trial.log = held.append
        let (log, timings) = (log, timings)
        let confirmRelease = {
            try written.confirm()
            held.release(to: log, first: timings ? String(format: "  archive write (aside): %.0f ms", written.milliseconds) : nil)
        }
        let speculation = Speculation(snapshot: written.speculative, confirm: confirmRelease, isDone: { written.isDone })
        let outcome = Result { try trial.render(imports, speculative: speculation) }
        guard try written.confirmed() else {
            if timings { log(String(format: "  archive write (aside): %.0f ms, read back otherwise than taken: built again from the archive", written.milliseconds)) }
            log(importLine)
            return try render(imports, speculative: nil)
        }
        try confirmRelease()  // (a trial that stopped before publishing has not released its lines)
        var report = try outcome.get()
        report.renderedWhileWriting = true
        return report
    }

    /// What the build goes on from while the archive is written (`WriteAside`): `confirm` throws
    /// unless the archive reads back as `snapshot`, and is called before anything is published,
    /// recorded or told of the archive; it is called between steps too once the write is done
    /// (`isDone`), so the held lines are said, or a failed write reported, without waiting for
    /// the render.
    private struct Speculation {
        let snapshot: ArchiveSnapshot
        let confirm: () throws -> Void
        let isDone: () -> Bool
    }

    /// The output as the build found it: its walk (nil when it holds no build record), whether it
    /// is exactly what its record says, the record in full, the files still as it has them, and
    /// those of them a render may keep.
    private struct LastBuild: Sendable {
        var tree: OutputTree?
        var exact = false
        var record: BuildRecord?
        var intact: [String: BuildRecord.Entry] = [:]
        var previous = PreviousOutput()
    }

    /// What the build knows once the content is imported (its write perhaps still under way).
    private struct Imported {
        let content: ContentSite
        let summary: ImportSummary
        let sources: InputStamps.Sources?
        /// The output as the build found it.
        let output: LastBuild
        /// The archived years, read ahead, that the import left as they were.
        let untouched: [Int: YearRecords]
    }

    /// The build from the snapshot on: from the archive, or from what it is being written with.
    private func render(_ imports: Imported, speculative: Speculation?) throws -> BuildReport {
        let (content, imported, sources) = (imports.content, imports.summary, imports.sources)
        let reusable = imports.output.record.flatMap { imports.output.exact && canReuse($0) ? $0 : nil }
        // The archive's stamps once every connection of the import and the read ahead (or of the
        // write aside and its reading back) is closed: the last to close moves the write-ahead
        // log into the archive file.
        let stampsNow = speculative == nil ? InputStamps.key(sources, archive: paths.archive) : nil
        func stamps() throws -> String? {
            try speculative?.confirm()
            return stampsNow ?? InputStamps.key(sources, archive: paths.archive)
        }
        func confirmIfDone() throws {
            if let speculative, speculative.isDone() { try speculative.confirm() }
        }
        let years = Self.yearSources(sources, imported, last: imports.output.record?.years ?? [:])
        let archive = try speculative == nil ? ArchiveDatabase(readingFrom: paths.archive) : nil
        let inputs = try step("inputs") {
            if let archive { try BuildInputs.read(paths: paths, baseURL: baseURL, archive: archive) }
            else { try BuildInputs.read(paths: paths, baseURL: baseURL, snapshot: speculative!.snapshot) }
        }
        if let reusable, let all = inputs.all, reusable.inputs == all {
            let stamps = try stamps()
            if reusable.stamps != stamps || reusable.years != years {
                // Files were written but say the same: the next build can tell from their new stamps.
                var record = reusable
                record.stamps = stamps
                record.years = years
                try step("record") { try record.replace(in: paths.outputURL) }
            }
            return try nothingChanged(reusable, files: reusable.files.count, imported: imported)
        }

        // Files still as the last build wrote them, by the key of their inputs. The folders
        // beside the output are surveyed ahead only when the output is one qcsite wrote (it has
        // a build record); any other is refused by the publish, and never walked.
        let outputFolder = paths.outputURL
        let previous = imports.output.previous.readingSearchIndexAhead()
        // (The record's word on the spare holds only while the output is exactly what it says.)
        let spareDigests = imports.output.exact ? imports.output.record?.spare : nil
        let survey = imports.output.tree.map { tree in
            Background { OutputWriter.survey(of: outputFolder, found: tree, spare: spareDigests) }
        }
        // The theme is read and its templates parsed on another core while the archive is read
        // and checked (an error in it is reported at its step, as before).
        let (themeFolder, themeShown, rendering) = (paths.themeURL, paths.themes + "/default", templateRendering)
        let themeLoad = Background { Result { try Theme.load(themeFolder, displayPath: themeShown, rendering: rendering) } }
        var aside: [any Waitable] = [previous.readingAhead, survey, themeLoad].compactMap { $0 }
        defer {
            aside.forEach { $0.wait() }
            survey?.value.release()  // the spare, claimed, is the spare again unless the publish swapped it in
        }

        var snapshot = try speculative?.snapshot ?? step("snapshot") {
            try archive!.snapshot(reusing: imports.untouched, leavingWriteups: imports.output.record != nil)
        }
        for index in snapshot.years.indices {
            if let stage = stageOverrides[snapshot.years[index].year] { snapshot.years[index].competition.published = stage }
        }
        // A stage tried out of turn (`qcsite stage`) is the remedy the warning would suggest, and
        // the warning would name a published: the file does not yet say.
        if stageOverrides.isEmpty { StaleStage.warnings(snapshot.years, today: today()).forEach(log) }
        let standings = try step("rank") { try Checker.standings(snapshot) }
        // What the site discloses is made on another core while the rules are checked.
        let (ranked, settings) = (snapshot, content.site)
        let disclosure = Background { PublicRecord(snapshot: ranked, standings: standings, settings: settings) }
        aside.append(disclosure)
        // The check is done again only when what it reads changed since a build whose check
        // passed (a corrected write-up, notice or template leaves its findings as they were).
        var findings: [Int: [Finding]] = [:]
        var checkLine = ""
        let ruleInputs = try step("check") { () throws -> RuleInputs? in
            // Keyed only when there is a last build to compare with: a first build (or one whose
            // output holds no record) would key every year of the archive for nothing; the build
            // after it keys them and checks, as this one checks.
            // (A year whose stage is tried out of turn reads otherwise than its records say.)
            let inputs = try imports.output.record.map { last in
                try RuleInputs(snapshot, known: last.years.filter { stageOverrides[$0.key] == nil })
            }
            if let checked = imports.output.record, canReuse(checked), let inputs, checked.rules == inputs.key {
                checkLine = checked.checkLine
                return inputs
            }
            for year in snapshot.years {
                findings[year.year] = try Checker.check(snapshot: snapshot, standings: standings, year: year.year)
            }
            checkLine = FindingSummary.line(findings)
            return inputs
        }
        log(checkLine)
        let gate = PublicationGate(snapshot: snapshot, standings: standings, findings: findings,
                                   contentDirectory: paths.contentURL, contentDisplayPath: paths.content)
        try step("gate") { try gate.checkStageData() }
        let blocking = gate.blocking
        gate.lines(blocking, allowed: allowFindings).forEach(log)
        if !blocking.isEmpty && !allowFindings {
            return BuildReport(imported: imported, findings: findings, files: 0, output: nil, blocking: blocking)
        }

        try confirmIfDone()
        let theme = try step("theme") { try themeLoad.value.get() }
        let urls = SiteURLs(baseURL: baseURL ?? content.site.baseURL)
        let record = try step("disclose") { disclosure.value }
        let site = try step("render") {
            try SiteRenderer(config: content.site, urls: urls, theme: theme, record: record,
                             contentDirectory: paths.contentURL, renderKey: inputs.renderKey,
                             dataKey: inputs.dataKey).render(previous: previous)
        }
        try confirmIfDone()
        // The links are checked while the new site is written beside the old (on the cores the
        // writes leave free); it is swapped in only once every link resolves.
        let (sitePaths, intact) = (paths, imports.output.intact)
        let linkCheck = Background { () -> (Result<Void, any Error>, Double) in
            let start = DispatchTime.now()
            let checked = Result { try Self.checkLinks(site, urls: urls, published: intact, paths: sitePaths) }
            return (checked, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
        }
        defer { linkCheck.wait() }
        func linksResolve() throws {
            try StepError.wrapping("link check", archivePath: paths.archive) { try linkCheck.value.0.get() }
        }

        // A build that let findings through records how many, so that the next one checks again.
        let blockingCount = blocking.values.reduce(0) { $0 + $1.count }
        // The site this build swaps out, as found when it began, when it was exactly what its record said.
        var built = BuildRecord(inputs: inputs.all, stamps: try stamps(), checkErrors: blockingCount, checkLine: checkLine, files: [:],
                                years: years)
        if let ruleInputs {
            built.rules = ruleInputs.key
            for year in built.years.keys where stageOverrides[year] == nil { built.years[year]?.rules = ruleInputs.years[year] }
        }
        built.sections = site.sectionKeys
        built.spare = imports.output.tree.flatMap { imports.output.exact ? BuildRecord.SpareDigests(of: $0) : nil }
        var waited = false
        let output = try step("publish") {
            do {
                return try OutputWriter.publish(site, record: built, to: outputFolder, found: imports.output.tree,
                                                last: imports.output.exact ? imports.output.record : nil, survey: survey,
                                                ready: { try linksResolve(); waited = true }, log: log)
            } catch {
                try linksResolve()  // a broken link is the error to report, as when it was found first
                throw error
            }
        }
        assert(waited, "the site was published without its links checked")
        if timings { log(String(format: "  link check (aside): %.0f ms", linkCheck.value.1)) }
        log("生成 \(site.count) 个文件（其中 \(site.kept.count) 个无需重新生成）：更新 \(output.written)，未变 \(output.unchanged)，删除 \(output.removed) → \(paths.output)/")
        leaveToExit([site, record, snapshot, standings, findings, theme, previous, imports, survey as Any])
        return BuildReport(imported: imported, findings: findings, files: site.count, output: output, blocking: blocking)
    }

    /// What the build is done with, when the process ends right after it (`leavesMemoryToExit`):
    /// kept alive, so that the exit reclaims it at once instead of its objects being freed one
    /// by one (a national site's pages, records and keys: tens of milliseconds).
    private func leaveToExit(_ values: [Any]) {
        if leavesMemoryToExit { _ = Unmanaged.passRetained(LeftForExit(values)) }
    }

    /// The fingerprints of the years whose files' stamps are what they were when the last build
    /// recorded them (`InputStamps.Sources.years`): the files are as they were then.
    private static func knownFingerprints(_ sources: InputStamps.Sources?, _ record: BuildRecord?) -> [Int: String] {
        guard let sources, let record else { return [:] }
        var known: [Int: String] = [:]
        for (year, recorded) in record.years where sources.years[year] == recorded.stamps { known[year] = recorded.fingerprint }
        return known
    }

    /// What the build records of each year: the key of its files' stamps as this build found them,
    /// and the fingerprint the import found those files to have.
    /// The key of a year's records as the rules read them is carried over from `last` while the
    /// year's fingerprint is the same.
    private static func yearSources(_ sources: InputStamps.Sources?, _ imported: ImportSummary,
                                    last: [Int: BuildRecord.YearSource]) -> [Int: BuildRecord.YearSource] {
        var years: [Int: BuildRecord.YearSource] = [:]
        for (year, stamps) in sources?.years ?? [:] {
            guard let fingerprint = imported.fingerprints[year] else { continue }
            years[year] = .init(stamps: stamps, fingerprint: fingerprint,
                                rules: last[year]?.fingerprint == fingerprint ? last[year]?.rules : nil)
        }
        return years
    }

    /// Whether the last build's output may stand for this one when nothing changed: not while a
    /// stage is tried out of turn (`qcsite stage`), and not when that build let findings through
    /// (`--allow-findings`): the gate must then decide again.
    private func canReuse(_ record: BuildRecord) -> Bool {
        stageOverrides.isEmpty && record.checkErrors == 0
    }

    /// Nothing the site is made from changed since the build that wrote the output, and the
    /// output is exactly as that build left it: the check's summary is repeated, nothing rendered.
    /// The stale-stage warning depends on today, so the years' calendars are read for it.
    private func nothingChanged(_ record: BuildRecord, files: Int, imported: ImportSummary?) throws -> BuildReport {
        let calendars = try step("calendar") { try ArchiveDatabase(readingFrom: paths.archive).calendars() }
        StaleStage.warnings(calendars, today: today()).forEach(log)
        log(record.checkLine)
        log("网站的内容、存档和主题自上次生成后都没有改动：\(files) 个文件保持不变 → \(paths.output)/")
        return BuildReport(imported: imported, findings: [:], files: files,
                           output: OutputSummary(written: 0, unchanged: files, removed: 0))
    }

    /// Every link of the rendered pages must resolve. Kept pages are as the last build wrote
    /// and checked them; their links are read again only when a file of that build is gone that
    /// a page could link to (search data named by its content is replaced by most rebuilds, and
    /// pages link to the search page, never to those files).
    private static func checkLinks(_ site: RenderedSite, urls: SiteURLs, published: [String: BuildRecord.Entry],
                                   paths: SitePaths) throws {
        var files = site.files
        if published.keys.contains(where: { files[$0] == nil && !site.kept.contains($0) && !SitePath.isContentNamedSearchData($0) }) {
            for path in site.kept where path.hasSuffix(".html") {
                let url = paths.outputURL.appendingPathComponent(path)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
                }
                files[path] = data
            }
        }
        // (The kept pages are none of the rendered files, unless some were read back above.)
        try LinkChecker.check(files, kept: files.count == site.files.count ? site.kept : site.kept.subtracting(files.keys),
                              urls: urls, outputName: paths.output)
    }
}
