import Foundation

/// The state of the preview's last build, shared by the rebuild loop and the server:
/// a number that changes whenever served pages should reload, and the error lines of a failed
/// build (nil after a good one).
public final class PreviewStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var version = 1
    private var failure: [String]?

    public init() {}

    /// A build succeeded: its pages are served without the error banner.
    public func built() {
        lock.withLock {
            version += 1
            failure = nil
        }
    }

    /// A build failed: the last good site stays served, with these lines over every page.
    public func failed(_ lines: [String]) {
        lock.withLock {
            version += 1
            failure = lines
        }
    }

    public var current: (version: Int, failure: [String]?) {
        lock.withLock { (version, failure) }
    }
}
