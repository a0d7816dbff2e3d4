import Foundation
import Archive
import Content
import Parallelism

/// A first import's write, run on another core while the build goes on from the records being
/// written. An archive that held nothing holds exactly those once written
/// (`ArchiveSnapshot(writtenToEmptyArchive:)`); the archive is read back once written and
/// compared with them, and the build publishes nothing, and tells nothing of the archive,
/// before they agree (when they do not, the build is done again from the archive).
package final class WriteAside: Waitable, Sendable {
    /// What the archive holds once written, as the build takes it to be.
    let speculative: ArchiveSnapshot
    private let written: Background<(agrees: Result<Bool, any Error>, milliseconds: Double)>

    /// When the build may write aside (tests take the other ways).
    package enum Mode: Sendable {
        /// When the archive did not exist before the import.
        case firstImport
        /// Never: the import writes before the build goes on.
        case never
        /// As `firstImport`, with the build taking the first registration's title to be other
        /// than the one written: the archive then reads back otherwise.
        case disagreeing
    }

    init(_ content: ContentSite, write: @escaping @Sendable () throws -> Void, archivePath: String, mode: Mode) {
        var speculative = ArchiveSnapshot(writtenToEmptyArchive: content.registry, writing: content.writing, years: content.years)
        if mode == .disagreeing, let year = speculative.years.firstIndex(where: { !$0.registrations.isEmpty }) {
            speculative.years[year].registrations[0].title += "（未写入）"
        }
        self.speculative = speculative
        let taken = speculative
        written = Background {
            let start = DispatchTime.now()
            let agrees = Result<Bool, any Error> {
                try StepError.wrapping("import", archivePath: archivePath) { try write() }
                let archived = try StepError.wrapping("snapshot", archivePath: archivePath) {
                    try ArchiveDatabase(readingFrom: archivePath).snapshot()
                }
                return archived.sameRecords(as: taken)
            }
            return (agrees, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
        }
    }

    package func wait() { written.wait() }

    /// Whether the write and its reading back are done.
    var isDone: Bool { written.isDone }

    /// Waits for the write and its reading back: throws the write's error, or tells whether the
    /// archive holds what the build took it to.
    func confirmed() throws -> Bool {
        try written.value.agrees.get()
    }

    /// `confirmed()`, throwing `Disagrees` when the archive holds otherwise.
    func confirm() throws {
        guard try confirmed() else { throw Disagrees() }
    }

    /// How long the write and its reading back took.
    var milliseconds: Double { written.value.milliseconds }

    struct Disagrees: Error {}
}

/// Lines held until it is known whether they stand: said then, all at once and every later one
/// as it comes (`release(to:)`), or dropped.
final class HeldLines: @unchecked Sendable {
    private let lock = NSLock()
    private var held: [String] = []
    private var said: ((String) -> Void)?

    func append(_ line: String) {
        lock.withLock {
            if let said { said(line) } else { held.append(line) }
        }
    }

    /// Says `first` and the held lines to `log`, and every line appended from now on; nothing
    /// when they were released already.
    func release(to log: @escaping (String) -> Void, first: String? = nil) {
        lock.withLock {
            guard said == nil else { return }
            first.map(log)
            held.forEach(log)
            held = []
            said = log
        }
    }

    /// The lines held so far.
    var lines: [String] { lock.withLock { held } }
}
