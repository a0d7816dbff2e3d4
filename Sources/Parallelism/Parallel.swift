import Dispatch

/// Runs independent work on every core: the pages of a large archive, its years read and
/// ranked, the rules of a check, the folders of an output walked. Each item depends only on
/// shared, read-only input; results come back in the items' order.
public enum Parallel {
    /// `transform` applied to every item, results in the items' order. When items fail, the
    /// error of the first of them in the items' order is rethrown, whichever failed first in
    /// time, so the same input reports the same error.
    /// A transform that cannot fail makes a map that cannot (`E` is `Never`).
    public static func map<T, R, E: Error>(_ items: [T], _ transform: (T) throws(E) -> R) throws(E) -> [R] {
        guard items.count > 1 else { return try items.map(transform) }
        let results = UnsafeMutableBufferPointer<Result<R, E>>.allocate(capacity: items.count)
        defer {
            _ = results.deinitialize()  // every item set its result
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        nonisolated(unsafe) let items = items
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                (output.baseAddress! + index).initialize(to: Result { () throws(E) -> R in try transform(items[index]) })
            }
        }
        var mapped: [R] = []
        mapped.reserveCapacity(items.count)
        for result in results { mapped.append(try result.get()) }
        return mapped
    }

    /// `items` in runs of `size` neighbours (the last may be shorter), in order: work too small
    /// per item to be a task of its own is mapped a run at a time.
    public static func runs<T>(of items: [T], size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}
