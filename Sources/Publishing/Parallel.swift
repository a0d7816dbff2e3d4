import Dispatch
import Foundation

/// Runs independent work on every core: rendering thousands of pages of a large archive is
/// the longest step of a build, and each page depends only on the shared, read-only context.
enum Parallel {
    /// `transform` applied to every item, results in the items' order; the first error is rethrown.
    static func map<T, R>(_ items: [T], _ transform: (T) throws -> R) throws -> [R] {
        guard items.count > 1 else { return try items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let lock = NSLock()
        nonisolated(unsafe) var failure: Error?
        nonisolated(unsafe) let output = results
        nonisolated(unsafe) let items = items
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                do {
                    output[index] = try transform(items[index])
                } catch {
                    lock.lock()
                    if failure == nil { failure = error }
                    lock.unlock()
                }
            }
        }
        if let failure { throw failure }
        return results.map { $0! }
    }
}
