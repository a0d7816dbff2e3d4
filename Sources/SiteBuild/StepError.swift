import Foundation
import Archive
import Diagnostics

/// A failure that is not the content's fault (a damaged archive, a disk, the system), with the
/// step of the work it came from, so staff read `[render] …` and know where to look.
public struct StepError: Error, CustomStringConvertible {
    /// `import`, `check`, `render`, …: the step as the timings and the README name it.
    public let step: String
    public let underlying: any Error
    /// The archive the work used, named when a SQLite error is explained.
    public let archivePath: String

    public init(step: String, underlying: any Error, archivePath: String) {
        self.step = step
        self.underlying = underlying
        self.archivePath = archivePath
    }

    public var description: String {
        "[\(step)] " + Self.explain(underlying, archivePath: archivePath)
    }

    /// The error in Chinese where qcsite knows what it means, else as the system gave it.
    public static func explain(_ error: any Error, archivePath: String) -> String {
        if let text = ArchiveDatabase.explain(error, path: archivePath) { return text }
        if let full = DiskFull.cause(of: error, folder: "") { return full.description }
        if let error = error as? CocoaError, let path = error.filePath {
            return "无法读写 \(path)：\(error.localizedDescription)"
        }
        return "\(error)"
    }

    /// Runs `body`, wrapping every failure that is not an input error (those name their own file
    /// and line) nor already a step's.
    public static func wrapping<T>(_ step: String, archivePath: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InputErrors {
            throw error
        } catch let error as InputError {
            throw error
        } catch let error as StepError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            throw StepError(step: step, underlying: error, archivePath: archivePath)
        }
    }
}
