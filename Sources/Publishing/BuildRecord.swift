import Foundation
import SafePaths
import TextKeys

/// What a build published, kept inside the output folder as `.qcsite-build` so that it is
/// swapped in with the very files it describes (a killed build leaves the old site with its own
/// record, or the new one with its own). The next build reads it to leave alone what did not
/// change: the key of all the build's inputs, the rule check's summary, and per file its stamp
/// and, for a page rendered from keyed inputs, the key of those inputs.
public struct BuildRecord: Sendable, Equatable {
    public static let fileName = ".qcsite-build"
    static let header = "qcsite-build-record 8"

    public struct YearSource: Sendable, Equatable {
        public var stamps: String
        public var fingerprint: String
        /// The key of the year's records as the rules read them (`RuleInputs`), when the archive
        /// held the year at `fingerprint`: the next build whose archive holds it so takes the key
        /// as it is. Nil: unknown.
        public var rules: String?

        public init(stamps: String, fingerprint: String, rules: String? = nil) {
            self.stamps = stamps
            self.fingerprint = fingerprint
            self.rules = rules
        }
    }

    public struct Entry: Sendable, Equatable {
        public var stamp: FileStamp
        /// The key of the page's inputs (nil for a file rendered without one).
        public var key: String?
        /// The part of the site kept whole that the page came from (`RenderedSite.sections`);
        /// nil for any other file.
        public var section: String? = nil
    }

    /// The key of every input of the build (nil: the build could not tell them all).
    public var inputs: String?
    /// The key of the stamps of the content, the theme and the archive as this build found them
    /// (nil: a file was changed too recently for its stamp to be trusted).
    public var stamps: String?
    /// Error findings of the rule check, and the line that summed the check up.
    public var checkErrors: Int
    public var checkLine: String
    /// The key of everything the check read (`RuleInputs`): a build whose key is the same takes
    /// `checkLine` as its own when `checkErrors` is 0, instead of checking again. Nil: unknown.
    public var rules: String?
    public var files: [String: Entry]
    /// By part of the site kept whole, the key it was made with (`RenderedSite.sectionKeys`): a
    /// build whose key for it is the same keeps its pages whole.
    public var sections: [String: String] = [:]
    /// By year, the fingerprint of the year's files (the archive's `source_fingerprint`) and the
    /// key of their stamps when it was taken (`InputStamps.Sources.years`): a build whose key for
    /// a year is the same takes the fingerprint as it is, without hashing the year's files.
    public var years: [Int: YearSource] = [:]
    /// What the site this build swapped out holds, as the build found it when it began (its
    /// files' digest, and a digest of its folders' stamps), and where it differs from this site:
    /// that site becomes the spare the next build brings up to date, which takes its files to be
    /// that build's output but where they differ, instead of a walk, when both digests still
    /// hold (`OutputWriter.survey`). Nil when the build cannot vouch for it (the old site was not
    /// exactly what its record said, or nothing was swapped).
    public var spare: SpareDigests?
    /// A time (nanoseconds since 1970) by which every folder of the output (the output folder
    /// itself aside, which its record's own write changes) was last changed, and after which any
    /// change is stamped, taken once the build's files were in place (record format 8). A build
    /// that finds each folder last changed by then, and no folder in one besides those its files
    /// are in, knows that no file was added, removed or renamed since, and takes the output to be
    /// what the record says after a `stat` of each file, without listing a folder
    /// (`OutputTree.confirmed`). Nil when the build could not vouch for its folders.
    public var folders: Int64?

    public struct SpareDigests: Sendable, Equatable {
        public var files: String
        public var folders: String
        /// The paths where the spare differs from the site of this record: the stamp of the
        /// spare's file, or nil where the spare has none. (Written as `spare` lines after the files'.)
        public var differs: [String: FileStamp?] = [:]

        /// The digests of a walk of the output with its folders; nil without them.
        public init?(of tree: OutputTree) {
            guard tree.complete, let folders = tree.folders else { return nil }
            files = tree.digest.text
            self.folders = Self.digest(folders).text
        }

        init(files: String, folders: String) {
            self.files = files
            self.folders = folders
        }

        static func digest(_ folders: [String: FileStamp]) -> StampDigest {
            var digest = StampDigest()
            for (path, stamp) in folders { digest.add(path, stamp) }
            return digest
        }
    }

    /// The digest of the files' stamps (`StampDigest`) as the record on disk gives it, read even
    /// when its files are not: it tells whether the output is exactly what the record says
    /// without a file of it parsed. Nil for a record made in memory.
    public internal(set) var filesDigest: String?

    public init(inputs: String?, stamps: String?, checkErrors: Int, checkLine: String, files: [String: Entry],
                years: [Int: YearSource] = [:]) {
        self.inputs = inputs
        self.stamps = stamps
        self.checkErrors = checkErrors
        self.checkLine = checkLine
        self.files = files
        self.years = years
    }

    /// One line per field and per file, the path last (a path with a line break in it makes the
    /// record say that it knows no inputs, so the next build renders everything).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text` as written: the files' lines (tens of thousands) appended as bytes, in the order of
    /// their paths' bytes.
    var bytes: [UInt8] {
        bytes(keeping: nil, dropping: [], adding: files, digest: digest)
    }

    /// The bytes of this record (its `files` aside) whose files are the lines of `last` but those
    /// at `dropped` (ascending indices), as they were written, with `added` merged in by path
    /// (paths none of the kept lines has); `digest` is that of the files they make together.
    /// A build that keeps most of the last build's pages writes their lines as they are, instead
    /// of tens of thousands formatted and sorted again.
    func bytes(keeping last: FileLines?, dropping dropped: [Int], adding added: [String: Entry], digest: StampDigest) -> [UInt8] {
        // The kept lines were written, so their paths have no line break.
        func unbroken(_ path: String) -> Bool {
            var path = path
            return path.withUTF8 { $0.isEmpty || memchr($0.baseAddress!, 0x0A, $0.count) == nil }
        }
        let plain = added.keys.allSatisfy(unbroken) && (spare?.differs.keys.allSatisfy(unbroken) ?? true)
        let lines = [Self.header, "inputs " + (plain ? inputs ?? "-" : "-"), "stamps " + (plain ? stamps ?? "-" : "-"),
                     "errors \(checkErrors)",
                     "check " + checkLine.replacingOccurrences(of: "\n", with: " "),
                     "rules " + (rules ?? "-"),
                     "output " + (plain ? digest.text : "-"),
                     "years " + yearsText,
                     "spare " + (spare.map { $0.files + " / " + $0.folders } ?? "-"),
                     "sections " + sectionsText,
                     "folders " + (plain ? folders.map(String.init) ?? "-" : "-")]
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        guard plain else { return bytes }
        bytes.reserveCapacity(bytes.count + (last?.byteCount ?? 0) + added.count * 80)
        // Digits written last first into a buffer of their own, and appended at once.
        func number(_ value: Int64) {
            guard value >= 0 else { return bytes.append(contentsOf: String(value).utf8) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
                var rest = value, start = 20
                repeat {
                    start -= 1
                    digits[start] = UInt8(truncatingIfNeeded: rest % 10) + UInt8(ascii: "0")
                    rest /= 10
                } while rest > 0
                bytes.append(contentsOf: digits[start...])
            }
        }
        func line(_ path: String, _ entry: Entry) {
            bytes.append(contentsOf: "file ".utf8)
            number(entry.stamp.size)
            bytes.append(UInt8(ascii: " "))
            number(entry.stamp.modified)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: (entry.key ?? "-").utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: (writtenSection(entry.section) ?? "-").utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: path.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        let adding = added.keys.sorted(by: ByteOrder.precedes)
        if let last {
            // The kept lines in runs, each copied at once up to the next dropped line or the next
            // added path (found by its place among the sorted paths).
            var next = adding.startIndex
            var drops = dropped.makeIterator()
            var drop = drops.next()
            var index = 0
            while index < last.paths.count || next < adding.endIndex {
                var end = drop ?? last.paths.count
                if next < adding.endIndex { end = min(end, last.index(before: adding[next], from: index)) }
                if index < end {
                    last.copy(lines: index..<end, to: &bytes)
                    index = end
                } else if index == drop {
                    drop = drops.next()
                    index += 1
                } else {
                    line(adding[next], added[adding[next]]!)
                    next += 1
                }
            }
        } else {
            for path in adding { line(path, added[path]!) }
        }
        // Where the spare differs, after the files: `spare <size> <time> <path>`, `- -` where it has no such file.
        for path in (spare?.differs.keys).map({ $0.sorted(by: ByteOrder.precedes) }) ?? [] {
            bytes.append(contentsOf: "spare ".utf8)
            if let stamp = spare!.differs[path]! {
                number(stamp.size)
                bytes.append(UInt8(ascii: " "))
                number(stamp.modified)
            } else {
                bytes.append(contentsOf: "- -".utf8)
            }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: path.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// The part a file's line names: the file's, when this record keys that part (else none).
    func writtenSection(_ section: String?) -> String? {
        section.flatMap { sections[$0] == nil ? nil : $0 }
    }

    /// The files' lines of a record read from its file, as they were written (in the order of
    /// their paths' bytes): each one's path and entry, and where it ends. (Records are equal by
    /// what they say, so any two of these are equal.)
    public struct FileLines: Sendable, Equatable {
        let text: String
        /// Where in `text`'s UTF-8 the first file line begins.
        let start: Int
        public internal(set) var paths: [String] = []
        public internal(set) var entries: [Entry] = []
        /// Where each line ends, its line break included.
        var ends: [Int] = []

        var byteCount: Int { (ends.last ?? start) - start }

        /// The first line from `from` on whose path comes after `path` in byte order (or the end).
        func index(before path: String, from: Int) -> Int {
            var (low, high) = (from, paths.count)
            while low < high {
                let middle = (low + high) / 2
                if ByteOrder.precedes(paths[middle], path) { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// The line of `path`, if it has one.
        func index(of path: String) -> Int? {
            let found = index(before: path, from: 0)
            if found < paths.count && paths[found] == path { return found }
            return paths.firstIndex(of: path)  // (lines out of order: a record edited by hand)
        }

        func copy(lines: Range<Int>, to bytes: inout [UInt8]) {
            let from = lines.lowerBound == 0 ? start : ends[lines.lowerBound - 1]
            let to = ends[lines.upperBound - 1]
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0[from..<to]) }
        }

        public static func == (a: FileLines, b: FileLines) -> Bool { true }
    }

    /// The lines as read, when the record was read with them (`read(in:lines:)`).
    public internal(set) var lines: FileLines?

    /// The record of the output folder at `folder`; nil when there is none or it is not one this
    /// qcsite wrote (then everything is rendered, as on a first build).
    /// With `files` false, its files are left out (`filesDigest` still says what they are); with
    /// `lines`, its files' lines are kept as they were written (`FileLines`).
    public static func read(in folder: URL, files: Bool = true, lines: Bool = false) -> BuildRecord? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        return parse(text, files: files, lines: lines)
    }

    /// `2024=<stamps>=<fingerprint>=<rules>` per year, in year order (`-` for no rules key); `-` for none.
    private var yearsText: String {
        let known = years.sorted { $0.key < $1.key }.filter { year in
            [year.value.stamps, year.value.fingerprint, year.value.rules ?? "-"].allSatisfy {
                !$0.isEmpty && !$0.contains { $0 == "=" || $0 == " " || $0.isNewline }
            }
        }
        return known.isEmpty ? "-" : known.map { "\($0.key)=\($0.value.stamps)=\($0.value.fingerprint)=\($0.value.rules ?? "-")" }
            .joined(separator: " ")
    }

    /// `EnterpriseSection=<key>`, `AchievementSection/2024=<key>` per part, in name order; `-`
    /// for none. A name or key that cannot be written on the line is left out, and the part's
    /// pages are then untagged.
    private var sectionsText: String {
        let known = sections.filter(Self.writable).sorted { $0.key < $1.key }
        return known.isEmpty ? "-" : known.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    private static func writable(_ section: (key: String, value: String)) -> Bool {
        [section.key, section.value].allSatisfy { !$0.isEmpty && $0 != "-" && !$0.contains { $0 == "=" || $0 == " " || $0.isNewline } }
    }

    private static func parseSections(_ text: String) -> [String: String]? {
        guard text != "-" else { return [:] }
        var sections: [String: String] = [:]
        for item in text.split(separator: " ") {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
            sections[String(parts[0])] = String(parts[1])
        }
        return sections
    }

    private static func parseYears(_ text: String) -> [Int: YearSource]? {
        guard text != "-" else { return [:] }
        var years: [Int: YearSource] = [:]
        for item in text.split(separator: " ") {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 4, let year = Int(parts[0]), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
            years[year] = YearSource(stamps: String(parts[1]), fingerprint: String(parts[2]), rules: parts[3] == "-" ? nil : String(parts[3]))
        }
        return years
    }

    static func parse(_ text: String, files: Bool = true, lines keepingLines: Bool = false) -> BuildRecord? {
        // The head's lines, then the files' lines, which are read as bytes (a site has tens of
        // thousands). A record of format 7 (qcsite before the folders' time) is read without it.
        let first = text.utf8.prefix { $0 != UInt8(ascii: "\n") }
        let fields = String(first) == header ? 11 : String(first) == "qcsite-build-record 7" ? 10 : 0
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: fields, omittingEmptySubsequences: false)
        guard fields > 0, lines.count > fields else { return nil }
        func field(_ index: Int, _ name: String) -> String? {
            let line = String(lines[index])
            return line?.hasPrefix(name + " ") == true ? String(line!.dropFirst(name.count + 1)) : nil
        }
        guard let inputs = field(1, "inputs"), let stamps = field(2, "stamps"), let errors = field(3, "errors").flatMap({ Int($0) }),
              let check = field(4, "check"), let rules = field(5, "rules"), let output = field(6, "output"),
              let years = field(7, "years").flatMap(parseYears), let spare = field(8, "spare"),
              let sections = field(9, "sections").flatMap(parseSections) else { return nil }
        var record = BuildRecord(inputs: inputs == "-" ? nil : inputs, stamps: stamps == "-" ? nil : stamps,
                                 checkErrors: errors, checkLine: check, files: [:])
        record.filesDigest = output
        record.rules = rules == "-" ? nil : rules
        record.years = years
        record.sections = sections
        if fields > 10 {
            guard let folders = field(10, "folders"), folders == "-" || Int64(folders) != nil else { return nil }
            record.folders = Int64(folders)
        }
        if spare != "-" {
            let parts = spare.components(separatedBy: " / ")
            guard parts.count == 2 else { return nil }
            record.spare = SpareDigests(files: parts[0], folders: parts[1])
        }
        guard files else { return record }
        var kept = keepingLines ? FileLines(text: text, start: text.utf8.distance(from: text.utf8.startIndex, to: lines[fields].startIndex)) : nil
        var differs: [String: FileStamp?] = [:]
        let read = lines[fields].withContiguousStorageIfAvailable { parseFiles($0, into: &record.files, lines: &kept, differs: &differs) }
        record.lines = kept
        // Where the spare differs is said only of a spare the record vouches for.
        guard read == true, differs.isEmpty || record.spare != nil else { return nil }
        record.spare?.differs = differs
        return record
    }

    /// The files' lines, `file <size> <time> <key> <section> <path>` each, then the spare's,
    /// `spare <size> <time> <path>` (`- -` for none), every one ended by a line break (the text is
    /// UTF-8 already: a slice between spaces or line breaks is too).
    private static func parseFiles(_ bytes: UnsafeBufferPointer<UInt8>, into files: inout [String: Entry],
                                   lines: inout FileLines?, differs: inout [String: FileStamp?]) -> Bool {
        let (space, newline) = (UInt8(ascii: " "), UInt8(ascii: "\n"))
        let (prefix, sparePrefix) = (Array("file ".utf8), Array("spare ".utf8))
        files.reserveCapacity(bytes.count / 64)
        if lines != nil {
            lines!.paths.reserveCapacity(bytes.count / 64)
            lines!.entries.reserveCapacity(bytes.count / 64)
            lines!.ends.reserveCapacity(bytes.count / 64)
        }
        var start = 0
        while start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: newline) else { return false }  // a record cut short
            let line = bytes[start..<end]
            start = end + 1
            let spare = line.starts(with: sparePrefix)
            guard spare || differs.isEmpty && line.starts(with: prefix) else { return false }
            // Size, time, key and section end at a space; the path is the rest of the line.
            var rest = line[(line.startIndex + (spare ? sparePrefix : prefix).count)...]
            func field() -> Slice<UnsafeBufferPointer<UInt8>>? {
                guard let end = rest.firstIndex(of: space) else { return nil }
                defer { rest = rest[(end + 1)...] }
                return rest[..<end]
            }
            if spare {
                guard let sizeText = field(), let timeText = field(), !rest.isEmpty else { return false }
                let path = String(decoding: rest, as: UTF8.self)
                if sizeText.elementsEqual("-".utf8) && timeText.elementsEqual("-".utf8) {
                    guard differs.updateValue(nil, forKey: path) == nil else { return false }
                } else {
                    guard let size = integer(sizeText), let modified = integer(timeText),
                          differs.updateValue(FileStamp(size: size, modified: modified), forKey: path) == nil else { return false }
                }
                continue
            }
            guard let sizeText = field(), let timeText = field(), let keyText = field(), let sectionText = field(),
                  let size = integer(sizeText), let modified = integer(timeText) else { return false }
            func text(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
                field.elementsEqual("-".utf8) ? nil : String(decoding: field, as: UTF8.self)
            }
            let path = String(decoding: rest, as: UTF8.self)
            let entry = Entry(stamp: FileStamp(size: size, modified: modified), key: text(keyText), section: text(sectionText))
            files[path] = entry
            if lines != nil {
                lines!.paths.append(path)
                lines!.entries.append(entry)
                lines!.ends.append(lines!.start + start)
            }
        }
        return true
    }

    private static func integer(_ digits: some Collection<UInt8>) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for digit in digits {
            guard digit >= 48 && digit <= 57 else { return nil }
            let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow, tens <= .max - Int64(digit - 48) else { return nil }
            value = tens + Int64(digit - 48)
        }
        return value
    }

    /// Replaces the record of an output folder whose files stay as they are: written beside it
    /// and renamed over it, so the folder holds the old record or the new one, both true of it.
    public func replace(in folder: URL) throws {
        try Self.replace(Data(bytes), in: folder)
    }

    /// Replaces the record of an output folder by a record's `bytes`.
    static func replace(_ bytes: Data, in folder: URL) throws {
        let target = folder.appendingPathComponent(Self.fileName).path
        let temporary = target + ".new-\(getpid())"
        try OutputWriter.write(bytes, to: temporary)
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputWriter.OutputError.failure(target, code)
        }
    }

    /// The files of the record still on disk as the record has them, and whether the output is
    /// exactly what the record says (no file changed, missing or added by hand).
    public func verified(against folder: URL) -> (files: [String: Entry], exact: Bool) {
        let tree = OutputTree.scan(folder.path)
        return (intact(in: tree), describes(tree, in: folder))
    }

    /// Whether the output folder is exactly what the record says, by its files' digest: no file
    /// changed, missing or added by hand.
    public func describes(_ tree: OutputTree, in folder: URL) -> Bool {
        let marker = FileManager.default.contents(atPath: folder.appendingPathComponent(OutputFolderRule.marker).path)
        return tree.complete && filesDigest == tree.digest.text && marker == OutputFolderRule.markerText
    }

    /// The files of the record still on disk as the record has them.
    public func intact(in tree: OutputTree) -> [String: Entry] {
        files.filter { tree.files[$0.key] == $0.value.stamp }
    }

    /// The digest of the files' stamps, as `OutputTree` computes it of the folder.
    var digest: StampDigest {
        var digest = StampDigest()
        for (path, entry) in files { digest.add(path, entry.stamp) }
        return digest
    }
}
