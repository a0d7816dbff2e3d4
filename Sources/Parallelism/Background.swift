import Dispatch

/// Work started now on another thread and its result taken later, by whoever needs it first:
/// what a rebuild does on the output's side (its record read, its search index read back, its
/// spare site walked) while the content is imported and checked on this one. The work must
/// depend only on what it was given; reading `value` waits until it is done.
public final class Background<T: Sendable>: Sendable {
    private let done = DispatchGroup()
    nonisolated(unsafe) private var result: T?

    public init(_ work: @escaping @Sendable () -> T) {
        // Work that maps in parallel itself (`Parallel.map`) takes part in its own map, so it
        // never waits for a thread of the pool it holds one of.
        DispatchQueue.global().async(group: done) { [self] in result = work() }
    }

    /// The work's result, once it is done (set before `done` is left, read after it is waited for).
    public var value: T {
        done.wait()
        return result!
    }
}
