import Foundation

/// What one client may cost the preview server: the sizes of a request head, how long a client
/// may take to send it or to read the answer, and how many connections are open at once.
public struct PreviewLimits: Sendable {
    /// Longest request line (method, target, version); longer gets 414.
    public var requestLineBytes = 8 * 1024
    /// Largest request head, request line and headers together; larger gets 431.
    public var headBytes = 32 * 1024
    /// Most header lines; more gets 431.
    public var headerLines = 100
    /// Time from connecting to the end of the request head; a slower client gets 408.
    public var headSeconds = 10.0
    /// Time a client may leave an answer unread before it is dropped.
    public var writeSeconds = 30.0
    /// Time to read what a client still sends after its answer, so that it receives the answer
    /// instead of a reset.
    public var lingerSeconds = 2.0
    /// Connections open at once; past it the one waiting longest for its request is closed.
    public var connections = 128

    public init() {}
}
