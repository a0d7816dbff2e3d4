import Foundation

/// Work started now on a thread of its own and its result taken later, by whoever needs it
/// first: what a rebuild does on the output's side (its record read, its search index read
/// back, the folders beside it surveyed) while the content is imported and checked on this
/// one. The work must depend only on what it was given; reading `value` waits until it is
/// done, from any thread (the work holds no thread of the pool that parallel maps share:
/// waiting for it there could starve them).
public final class Background<T: Sendable>: Waitable, Sendable {
    private let done = DispatchGroup()
    nonisolated(unsafe) private var result: T?

    public init(_ work: @escaping @Sendable () -> T) {
        done.enter()
        let thread = Thread { [self] in
            result = work()
            done.leave()
        }
        thread.start()
    }

    /// The work's result, once it is done (set before `done` is left, read after it is waited for).
    public var value: T {
        done.wait()
        return result!
    }

    public func wait() {
        done.wait()
    }

    /// Whether the work is done (its `value` is then at hand without waiting).
    public var isDone: Bool {
        done.wait(timeout: .now()) == .success
    }
}

/// Work that can be waited for, whatever its result (`Background`).
public protocol Waitable: Sendable {
    func wait()
}

/// Works each started on a thread of its own, taken in the order they end: the caller goes on
/// with each result while the others still run (the site's longest sections gathered one by
/// one, whichever ends first). Works are started and taken from one thread.
public final class Arrivals<T: Sendable>: Sendable {
    private let arrived = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    nonisolated(unsafe) private var ended: [(index: Int, value: T)] = []
    nonisolated(unsafe) private var (started, taken) = (0, 0)

    public init() {}

    /// Starts `work`; its index is the number of works started before it.
    @discardableResult
    public func start(_ work: @escaping @Sendable () -> T) -> Int {
        let index = started
        started += 1
        Thread { [self] in
            let value = work()
            lock.withLock { ended.append((index, value)) }
            arrived.signal()
        }.start()
        return index
    }

    /// The next work to end, by its index, and its result; waits for it. Nil once every work
    /// started was taken.
    public func next() -> (index: Int, value: T)? {
        guard taken < started else { return nil }
        arrived.wait()
        taken += 1
        return lock.withLock { ended.removeFirst() }
    }
}
