import Foundation
import CFileSwap
import Diagnostics
import SafePaths
import Parallelism

/// What writing the output changed.
public struct OutputSummary: Sendable, Equatable {
    public var written: Int
    public var unchanged: Int
    public var removed: Int

    public init(written: Int, unchanged: Int, removed: Int) {
        self.written = written
        self.unchanged = unchanged
        self.removed = removed
    }
}

/// Publishes a complete set of files as the output folder: built beside it, then swapped in
/// with one atomic exchange, so a failed or interrupted build leaves the old site whole and no
/// staging folder behind. A file whose bytes did not change keeps its inode and time
/// (hard-linked), so upload tools see only real changes; when nothing changed, nothing on disk
/// is touched. Every output holds the marker file that lets the next build replace it.
public enum OutputWriter {
    /// - Parameter log: warnings that do not stop the publish (a leftover that could not be removed).
    public static func publish(_ files: [String: Data], to output: URL, log: (String) -> Void = { _ in }) throws -> OutputSummary {
        try publish(RenderedSite(files: files, kept: [], keys: [:]),
                    record: BuildRecord(inputs: nil, stamps: nil, checkErrors: 0, checkLine: "", files: [:]), to: output, log: log)
    }

    /// Publishes `site`: its rendered files, and its kept pages as the output holds them (linked
    /// from the old site without being read). `record` (its files aside, which are filled in
    /// here) is written inside the new site, so the next build knows what this one published.
    /// - Parameters:
    ///   - found: the output as this build found it at its start (`OutputTree.scan`), when it
    ///     walked it already; else it is walked here.
    ///   - survey: the folders beside the new site, when the build surveyed them while it
    ///     rendered (`survey(of:)`); else they are surveyed here.
    ///   - last: the output's record as this build found it, read with its lines
    ///     (`BuildRecord.read(in:lines:)`): when it is exactly what `found` holds, the new record
    ///     is written from its lines.
    ///   - ready: called before anything of the output changes (its record included), once the
    ///     new site is written beside the old (before, when a spare site is to be brought up to
    ///     date); an error it throws leaves the output, and the spare, as they were.
    public static func publish(_ site: RenderedSite, record: BuildRecord, to output: URL, found: OutputTree? = nil,
                               last: BuildRecord? = nil, survey: Background<Survey>? = nil,
                               ready: () throws -> Void = {}, log: (String) -> Void = { _ in }) throws -> OutputSummary {
        // A spare the survey claimed is given back unless the new site was swapped in through it.
        defer { survey?.value.release() }
        let fm = FileManager.default
        let files = site.files
        let output = canonical(output)
        let parent = output.deletingLastPathComponent()
        if let problem = OutputFolderRule.ownershipProblem(output, shown: output.path) { throw InputErrors([problem]) }
        // Kept pages are files the walk of the output found: plain paths inside it already.
        try checkPaths(Array(files.keys))
        try removeLeftovers(beside: output, log: log)

        let tree = found ?? OutputTree.scan(output.path)
        let oldFiles = tree.files
        // The last record's lines, when they are exactly the output's files: the new record is
        // written from them, each kept page's line as it was.
        let lines = last?.lines.flatMap { lines in
            found != nil && last?.filesDigest == tree.digest.text && lines.paths.count == last?.files.count ? lines : nil
        }
        // The new record's files that are not a kept line of the last record (all of them
        // without one), the lines it drops, and the digest of what they make together.
        var added: [String: BuildRecord.Entry] = [:]
        var dropped: [Int] = []
        var digest = lines == nil ? StampDigest() : tree.digest
        func entry(_ path: String, _ stamp: FileStamp) -> BuildRecord.Entry {
            .init(stamp: stamp, key: site.keys[path], section: site.sections[path])
        }
        // One pass over the last record's lines (tens of thousands): a kept page's line stays
        // while its key and part are the same; a rendered file's is written again, a removed one's dropped.
        var keptSeen = 0
        var removedPaths: [String] = []
        if let lines {
            for (index, path) in lines.paths.enumerated() {
                let old = lines.entries[index]
                if files[path] != nil {
                    dropped.append(index)
                    digest.remove(path, old.stamp)
                } else if site.kept.contains(path) {
                    keptSeen += 1
                    let key = site.keys[path], section = site.sections[path]
                    if key != old.key || record.writtenSection(section) != old.section {
                        dropped.append(index)
                        added[path] = .init(stamp: old.stamp, key: key, section: section)
                    }
                } else {
                    dropped.append(index)
                    digest.remove(path, old.stamp)
                    removedPaths.append(path)
                }
            }
        } else {
            removedPaths = oldFiles.keys.filter { files[$0] == nil && !site.kept.contains($0) }
        }
        // Each kept page no line had, as the old site holds it (every one without lines).
        if keptSeen < site.kept.count {
            added.reserveCapacity(site.kept.count - keptSeen + files.count)
            for path in site.kept where lines == nil || last?.files[path] == nil {
                guard let stamp = oldFiles[path] else {
                    throw OutputError(path: output.path + "/" + path, errno: ENOENT)  // removed by hand while this build ran
                }
                added[path] = entry(path, stamp)
                digest.add(path, stamp)
            }
        }
        // The rendered files the old site holds with the same bytes, and those to write.
        var sameAsOld: [String: FileStamp] = [:]
        var changed: [String] = []
        var renderedOld = 0
        for (path, data) in files {
            guard let stamp = oldFiles[path] else {
                changed.append(path)
                continue
            }
            renderedOld += 1
            if stamp.size == data.count, fm.contents(atPath: output.appendingPathComponent(path).path) == data {
                sameAsOld[path] = stamp
                added[path] = entry(path, stamp)
                digest.add(path, stamp)
            } else {
                changed.append(path)
            }
        }
        // The old site's files that are neither kept (every kept page is one of them) nor rendered.
        let summary = OutputSummary(written: changed.count, unchanged: site.kept.count + sameAsOld.count,
                                    removed: oldFiles.count - site.kept.count - renderedOld)
        let marker = output.appendingPathComponent(OutputFolderRule.marker).path
        let recordPath = output.appendingPathComponent(BuildRecord.fileName).path
        if changed.isEmpty && summary.removed == 0 && fm.contents(atPath: marker) == OutputFolderRule.markerText {
            // The walk the build began with stood for the output: it must still be the output's
            // (nothing removed, added or changed by hand since), or it is all compared again.
            // (The spare, claimed as it was taken to be beside the walk, is claimed again.)
            if let found, OutputTree.scan(output.path).digest != found.digest {
                survey?.value.release()
                return try publish(site, record: record, to: output, found: nil, ready: ready, log: log)
            }
            try ready()
            // The site stays as it is; its record may have new keys, true of the same files. (No
            // site was swapped out: the record vouches for no spare.) Its folders stay vouched for
            // when the look found them as the last record said; a walk vouches for none.
            var record = record
            record.spare = nil
            record.folders = tree.settled
            let bytes = Data(record.bytes(keeping: lines, dropping: dropped, adding: added, digest: digest))
            if fm.contents(atPath: recordPath) != bytes { try BuildRecord.replace(bytes, in: output) }
            return summary
        }

        // The spare site claimed as the staging folder (by the survey, while the build rendered),
        // or a new one. It goes back to being the spare unless the new site is swapped in.
        let survey = survey?.value ?? Self.survey(of: output, found: found)
        defer { survey.release() }
        if let unemptiable = survey.unemptiable { throw OutputError(path: unemptiable.path, errno: unemptiable.errno) }
        let staging = survey.claim?.staging ?? Self.staging(of: output)
        let token = Interruption.removeOnInterrupt(staging.path)
        defer { Interruption.forget(token) }
        // A spare claimed as the staging folder is changed only once the links resolve: a broken
        // link gives it back as it was. (A new staging folder is written while they are checked.)
        if survey.claim != nil { try ready() }
        try DiskFull.naming(parent.path) {
            let spareFiles = survey.claim?.files ?? .none
            if survey.claim == nil {
                if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }  // an earlier build of this process
                try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            }
            do {
                for name in [OutputFolderRule.marker, BuildRecord.fileName] { unlink(staging.path + "/" + name) }
                // The spare's files that differ from the new site's: one that is neither kept nor
                // rendered is removed; one that is not the old site's file (a link to it) is
                // replaced, as is every changed file.
                let changedSet = Set(changed)
                var unwanted: [String] = []
                var placed = changed
                switch spareFiles {
                case .none:
                    placed += sameAsOld.keys
                    placed += site.kept
                case .walked(let walked):
                    // One pass over the spare's files.
                    var spareKept = 0
                    for (path, stamp) in walked {
                        if site.kept.contains(path) {
                            spareKept += 1
                            if stamp != oldFiles[path] { placed.append(path) }
                        } else if let old = sameAsOld[path] {
                            if stamp != old { placed.append(path) }
                        } else if files[path] == nil {
                            unwanted.append(path)
                        }
                    }
                    for path in sameAsOld.keys where walked[path] == nil { placed.append(path) }
                    if spareKept < site.kept.count {
                        for path in site.kept where walked[path] == nil { placed.append(path) }
                    }
                case .derived(let differs):
                    // The spare is the old site but where the last build said it differs, and the
                    // new site is the old one but where this build changed it: only those paths.
                    for (path, stamp) in differs where !changedSet.contains(path) {
                        if site.kept.contains(path) || sameAsOld[path] != nil {
                            if stamp != oldFiles[path] { placed.append(path) }
                        } else if files[path] == nil && stamp != nil {
                            unwanted.append(path)
                        }
                    }
                    for path in removedPaths where differs.index(forKey: path) == nil { unwanted.append(path) }
                }
                placed.sort()
                try removeUnwanted(unwanted, from: staging.path)
                // The files are linked or written on every core (a first build writes tens of
                // thousands), a run of paths (an eighth of them, up to 256) to a thread: in path
                // order within a run, each file's folders are made first (a folder two runs share
                // is made by whichever comes first) and a spare file at its place is set aside.
                let length = min(256, max(8, (placed.count + 7) / 8))
                let runs = stride(from: 0, to: placed.count, by: length).map { $0..<min($0 + length, placed.count) }
                let stamps = try Parallel.map(runs) { run throws(any Error) -> [FileStamp] in
                    var folders = FolderMaker(root: staging.path)
                    return try run.map { index throws(any Error) -> FileStamp in
                        let path = placed[index]
                        let target = staging.path + "/" + path
                        if spareFiles.has(path, old: oldFiles) {
                            // Never written through: the spare's file may be a link to a published one.
                            if unlink(target) != 0 { throw OutputError.failure(target, errno) }
                        } else {
                            try folders.make(PathText.folder(of: path))
                            // (A spare taken at its record's word holds no such file: it is made sure of.)
                            if case .derived = spareFiles, unlink(target) != 0 && errno != ENOENT { throw OutputError.failure(target, errno) }
                        }
                        if !changedSet.contains(path) && link(output.path + "/" + path, target) == 0 {
                            return oldFiles[path]!
                        }
                        // Changed, or no link (another file system): written, or for a kept page, which
                        // has no bytes here, copied.
                        if let data = files[path] {
                            try write(data, to: target)
                        } else {
                            try FileManager.default.copyItem(atPath: output.path + "/" + path, toPath: target)
                        }
                        guard let stamp = FileStamp.of(target) else { throw OutputError.failure(target, errno) }
                        return stamp
                    }
                }.flatMap { $0 }
                // A written file's line is new. A linked one is the old site's file, as its line
                // says; a copied one (no links on this file system) has a stamp of its own. The
                // old site, the next spare, differs where this site was written, copied or removed.
                var record = record
                var differs: [String: FileStamp?] = [:]
                for path in removedPaths { differs.updateValue(oldFiles[path], forKey: path) }
                for (path, stamp) in zip(placed, stamps) {
                    if !changedSet.contains(path) {
                        let old = oldFiles[path]!
                        guard stamp != old else { continue }
                        if added[path] == nil, let index = lines?.index(of: path) { dropped.append(index) }
                        digest.remove(path, old)
                    }
                    added[path] = entry(path, stamp)
                    digest.add(path, stamp)
                    differs.updateValue(oldFiles[path], forKey: path)
                }
                record.spare?.differs = differs
                dropped.sort()
                // Every folder of the new site is in place: each was last changed by now, and any
                // change made once the clock has passed it is stamped after it.
                let settled = FileStamp.now()
                try write(OutputFolderRule.markerText, to: staging.path + "/" + OutputFolderRule.marker)
                record.folders = OutputTree.vouchesForFolders(staging.path) && OutputTree.waitPast(settled) ? settled : nil
                try write(Data(record.bytes(keeping: lines, dropping: dropped, adding: added, digest: digest)),
                          to: staging.path + "/" + BuildRecord.fileName)
                // One flush of the new site before it is swapped in, not one per file.
                if qc_sync_file_system(staging.path) != 0 { throw OutputError.failure(staging.path, errno) }
                if survey.claim == nil { try ready() }  // (a claimed spare waited before it was changed)
            } catch {
                try? fm.removeItem(at: staging)  // the error at hand is the one to report
                throw error
            }
        }
        try swapIn(staging, as: output, log: log)
        return summary
    }

    /// A link to the output folder keeps pointing at the new site: the real folder is replaced.
    private static func canonical(_ output: URL) -> URL {
        URL(fileURLWithPath: OutputFolderRule.canonical(output.path, from: FileManager.default.currentDirectoryPath))
    }

    /// The folders beside a new site, looked at before anything is written: the first folder of
    /// the old site that could not be emptied (the swap would leave it half deleted), and the
    /// spare site, claimed as the staging folder that is brought up to date into the new one.
    public struct Survey: Sendable {
        var unemptiable: (path: String, errno: Int32)?
        var claim: SpareClaim?

        /// Gives the spare back if no publish took it (see `SpareClaim.release`).
        public func release() { claim?.release() }
    }

    /// The spare site renamed to this build's staging folder, and what it holds. Released, it is
    /// the spare again, unless a publish swapped it in (or removed it).
    final class SpareClaim: Sendable {
        let staging: URL
        let spare: URL
        let files: SpareFiles
        private let token: Int

        init(staging: URL, spare: URL, files: SpareFiles) {
            (self.staging, self.spare, self.files) = (staging, spare, files)
            token = Interruption.removeOnInterrupt(staging.path)
        }

        /// Puts the staging folder back as the spare if it is still there (a build that stopped
        /// before its publish, or a publish that changed nothing).
        func release() {
            Interruption.forget(token)
            if FileManager.default.fileExists(atPath: staging.path) && rename(staging.path, spare.path) != 0 {
                try? FileManager.default.removeItem(at: staging)
            }
        }
    }

    /// The files of a claimed spare: walked, or the old site's but where the build that swapped
    /// it out recorded that it differs (`BuildRecord.SpareDigests.differs`: a stamp, or nil for none).
    enum SpareFiles: Sendable {
        case none
        case walked([String: FileStamp])
        case derived([String: FileStamp?])

        /// Whether the spare holds `path`, the old site holding `old`.
        func has(_ path: String, old: [String: FileStamp]) -> Bool {
            switch self {
            case .none: false
            case .walked(let files): files[path] != nil
            case .derived(let differs): differs.index(forKey: path).map { differs[$0].value != nil } ?? (old[path] != nil)
            }
        }
    }

    /// Surveys the folders beside `output`: the old site's folders are checked while the spare is
    /// claimed and looked at, side by side. A build starts this while it renders (see `publish`),
    /// holding the site's lock: no other qcsite writes these folders before it publishes.
    /// - Parameters:
    ///   - found: the output as the build found it at its start, walked with its folders: each of
    ///     those is then asked by its path, none listed again.
    ///   - spare: what the output's build record says of the spare, when the output is exactly
    ///     what that record says: the spare's files are then taken to be the output's but where
    ///     the record says they differ, when its folders' stamps and the files so taken are still
    ///     what the record's digests say (nothing added to, removed from or renamed in the spare
    ///     since; a file changed in place that is still a link to the published site's changed
    ///     that file too, which the build's walk of the output found). Else the spare is walked.
    public static func survey(of output: URL, found: OutputTree? = nil, spare digests: BuildRecord.SpareDigests? = nil) -> Survey {
        let output = canonical(output)
        let spare = spare(of: output)
        let hasSpare = isSpare(spare)
        // (Of a confirmed look, the folders whose status left it open; of a walk, every folder.)
        let folders = found.flatMap { $0.complete ? $0.askedFolders ?? $0.folders.map { Array($0.keys) } : nil }
        nonisolated(unsafe) var unemptiable: (path: String, errno: Int32)?
        nonisolated(unsafe) var claim: SpareClaim?
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                unemptiable = unemptiableFolder(of: output, among: folders)
            } else if hasSpare {
                claim = self.claim(spare, of: output, found: found, digests: digests)
            }
        }
        return Survey(unemptiable: unemptiable, claim: claim)
    }

    /// The staging folder of a build of `output` by this process.
    static func staging(of output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
    }

    /// Renames the spare to the staging folder (of two builds, one gets it), then tells its files.
    private static func claim(_ spare: URL, of output: URL, found: OutputTree?, digests: BuildRecord.SpareDigests?) -> SpareClaim? {
        let staging = staging(of: output)
        if FileManager.default.fileExists(atPath: staging.path) { try? FileManager.default.removeItem(at: staging) }  // an earlier build of this process
        guard rename(spare.path, staging.path) == 0 else { return nil }
        // A link put at the spare's name is not a spare: it is taken away, and nothing behind it touched.
        var info = stat()
        guard lstat(staging.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            unlink(staging.path)
            return nil
        }
        if let found, let digests, let differs = derived(staging, found: found, digests: digests) {
            return SpareClaim(staging: staging, spare: spare, files: .derived(differs))
        }
        let tree = OutputTree.scan(staging.path)
        guard tree.complete else {
            try? FileManager.default.removeItem(at: staging)  // something in it that qcsite did not write
            return nil
        }
        return SpareClaim(staging: staging, spare: spare, files: .walked(tree.files))
    }

    /// Where the claimed spare differs from the output as found, when its record's word still
    /// holds: the files so taken have the digest the build that swapped it out found them to
    /// have, and the stamps of the folders holding them are what it found. Nil otherwise.
    static func derived(_ staging: URL, found: OutputTree, digests: BuildRecord.SpareDigests) -> [String: FileStamp?]? {
        guard found.complete, let outputFolders = found.folders else { return nil }
        var files = found.digest
        var folders = Set(outputFolders.keys)
        for (path, stamp) in digests.differs {
            if let old = found.files[path] { files.remove(path, old) }
            if let stamp {
                files.add(path, stamp)
                var folder = PathText.folder(of: path)
                while folders.insert(folder).inserted && !folder.isEmpty { folder = PathText.folder(of: folder) }
            }
        }
        guard files.text == digests.files else { return nil }
        // The folders either site has; one the spare lacks is left out (it held only the output's
        // own files), and any the spare has besides changed a folder holding it.
        guard let top = FileTree.openFolder(staging.path) else { return nil }
        defer { close(top) }
        let parts = Parallel.map(Parallel.runs(of: Array(folders), size: 2048)) { part -> StampDigest? in
            var digest = StampDigest()
            for folder in part {
                var info = stat()
                guard fstatat(top, folder.isEmpty ? "." : folder, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    if errno == ENOENT { continue }
                    return nil
                }
                guard info.st_mode & S_IFMT == S_IFDIR else { return nil }
                digest.add(folder, folder.isEmpty ? FileStamp(info) : FileStamp(folder: info))
            }
            return digest
        }
        return StampDigest.sum(parts)?.text == digests.folders ? digests.differs : nil
    }

    /// Puts the complete staging folder in the place of the output folder.
    private static func swapIn(_ staging: URL, as output: URL, log: (String) -> Void) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: output.path) {
            try fm.moveItem(at: staging, to: output)
        } else if qc_exchange_paths(staging.path, output.path) == 0 {
            // The new site is out; what is left under the staging name is the old one.
            keepAsSpare(staging, of: output, log: log)
        } else {
            // File systems without an atomic exchange: two renames, the old site kept until the end.
            let old = staging.deletingLastPathComponent()
                .appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            try fm.moveItem(at: output, to: old)
            do {
                try fm.moveItem(at: staging, to: output)
            } catch {
                try? fm.moveItem(at: old, to: output)  // put the old site back; the move's error is reported
                try? fm.removeItem(at: staging)
                throw error
            }
            keepAsSpare(old, of: output, log: log)
        }
    }

    /// Where the site before the current one is kept between builds: a hidden folder beside the
    /// output (`.public.spare`), mostly links to the output's own files, never published.
    package static func spare(of output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).spare")
    }

    /// Whether the folder is a spare site qcsite wrote; the build takes it as its staging folder
    /// by one rename (of two builds, one gets it).
    static func isSpare(_ spare: URL) -> Bool {
        FileManager.default.contents(atPath: spare.path + "/" + OutputFolderRule.marker) == OutputFolderRule.markerText
    }

    /// The old site, swapped out, becomes the spare of the next build; removed if it cannot.
    private static func keepAsSpare(_ old: URL, of output: URL, log: (String) -> Void) {
        let spare = spare(of: output)
        if !FileManager.default.fileExists(atPath: spare.path) && rename(old.path, spare.path) == 0 { return }
        removeLeftover(old, log: log)
    }

    /// Removes files of the spare that the new site does not have, and the folders left empty.
    private static func removeUnwanted(_ paths: [String], from root: String) throws {
        for path in paths {
            guard unlink(root + "/" + path) == 0 || errno == ENOENT else { throw OutputError.failure(root + "/" + path, errno) }
        }
        // Deepest first; a folder that still holds something stays.
        for folder in PathText.folders(holding: paths).sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + folder) }
    }

    /// Output paths come from names in the content (a page's file name, an enterprise id): one
    /// that would leave the output folder, or name the marker, is refused before anything is written.
    static func checkPaths(_ paths: some Sequence<String>) throws {
        let bad = paths.filter { !isPlain($0) }
        guard !bad.isEmpty else { return }
        throw InputErrors(bad.sorted().map {
            InputError(path: $0, line: 0, "网站中的这个路径会写到输出文件夹之外或不是普通路径 (not a plain path inside the output)："
                + "它来自内容中的名字（页面文件名、单位 id、编号），请把其中的 .、.. 或 / 改掉")
        })
    }

    /// Whether a path names a file inside the output: not the marker, no NUL, and no part of it
    /// (between slashes) empty, `.` or `..` (so no leading or trailing slash). One pass over its
    /// bytes: a cold build checks tens of thousands.
    static func isPlain(_ path: String) -> Bool {
        guard path != OutputFolderRule.marker else { return false }
        var length = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case 0: return false
            case UInt8(ascii: "/"):
                if length == 0 || length == dots && dots <= 2 { return false }
                (length, dots) = (0, 0)
            default:
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(length == 0 || length == dots && dots <= 2)
    }

    /// Every folder of the old site must let its files be removed, or the swap would leave the
    /// old site half deleted beside the new one: checked before anything is written. The first
    /// folder that does not, with the reason.
    static func unemptiableFolder(of output: URL, among folders: [String]? = nil) -> (path: String, errno: Int32)? {
        guard FileManager.default.fileExists(atPath: output.path) else { return nil }
        guard let folders else { return FileTree.unemptiableFolder(under: output.path) }
        return FileTree.unemptiableFolder(under: output.path, among: folders)
    }

    /// Staging folders and old sites beside the output that builds killed before they could
    /// clean up left behind: removed once the process that made them is gone.
    static func removeLeftovers(beside output: URL, log: (String) -> Void) throws {
        let parent = output.deletingLastPathComponent()
        guard let folder = opendir(parent.path) else {
            if errno == ENOENT { return }
            throw OutputError(path: parent.path, errno: errno)
        }
        closedir(folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: parent.path) {
            for prefix in [".\(output.lastPathComponent).staging-", ".\(output.lastPathComponent).old-"] where name.hasPrefix(prefix) {
                guard let pid = pid_t(name.dropFirst(prefix.count).prefix { $0.isNumber }), pid != getpid(), !isAlive(pid) else { continue }
                removeLeftover(parent.appendingPathComponent(name), log: log)
            }
        }
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Removes what a build no longer needs; a failure is a warning: the next build tries again.
    private static func removeLeftover(_ url: URL, log: (String) -> Void) {
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            log("警告：无法删除 \(url.path) (\(error.localizedDescription))；下次生成时会再试，也可以手动删除")
        }
    }

    /// Writes a new file without the per-file fsync `Data.write` does (see the one flush above).
    static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError.failure(path, errno)
        }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OutputError.failure(path, errno)
                }
                offset += n
            }
        }
    }

    /// Creates the folders of the staging site, each once, parents first (one made meanwhile by
    /// another thread's maker is taken as made).
    struct FolderMaker {
        let root: String
        private var made: Set<String> = [""]

        init(root: String) {
            self.root = root
        }

        mutating func make(_ relative: String) throws {
            guard !made.contains(relative) else { return }
            try make(PathText.folder(of: relative))
            if mkdir(root + "/" + relative, 0o755) != 0 && errno != EEXIST {
                throw OutputError.failure(root + "/" + relative, errno)
            }
            made.insert(relative)
        }
    }

    /// A file or folder of the output that could not be written (no permission; a full disk is
    /// reported as `DiskFull`).
    struct OutputError: Error, CustomStringConvertible {
        let path: String
        let errno: Int32

        var description: String {
            "无法写入 \(path) (\(String(cString: strerror(errno))))；请检查权限（如 chmod -R u+w），或用 --output 另指一个文件夹"
        }

        /// The error of a failed write: a full disk as such (reported as `DiskFull`), else this.
        static func failure(_ path: String, _ code: Int32) -> any Error {
            code == ENOSPC || code == EDQUOT ? POSIXError(POSIXErrorCode(rawValue: code)!) : OutputError(path: path, errno: code)
        }
    }

    /// Relative paths of the regular files of the site under `folder`, the marker and the build
    /// record aside (those it can list: what it cannot is written anew, and `unemptiableFolder(of:)`
    /// stops a publish that could not remove it).
    package static func existingFiles(in folder: URL) -> Set<String> {
        Set(OutputTree.scan(folder.path).files.keys)
    }
}
