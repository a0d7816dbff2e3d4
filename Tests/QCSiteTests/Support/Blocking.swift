import Foundation
import Testing

/// Runs blocking work — a child process and the wait for it — on a thread of its own, so that
/// Swift's cooperative threads (as few as the machine has cores) stay free for the tests that
/// serve HTTP in-process. `body` must not record test issues: it runs outside the test's task.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

extension QCSiteBinary {
    /// `run`, waited for without holding a cooperative thread.
    static func launch(_ arguments: [String], in folder: URL, launcher: [String] = []) async throws -> Run {
        try await blocking { try run(arguments, in: folder, launcher: launcher) }
    }
}

/// `inputErrorLines` of work run on a thread of its own (a build, an import).
func inputErrorLines(offPool body: @escaping @Sendable () throws -> Void,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
    let outcome = try await blocking { Result<Void, any Error> { try body() } }
    return inputErrorLines({ try outcome.get() }, sourceLocation: sourceLocation)
}
