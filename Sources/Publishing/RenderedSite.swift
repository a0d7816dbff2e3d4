import Foundation

/// A rendered site: the files rendered, and the pages the output already holds as they are.
public struct RenderedSite: Sendable {
    public var files: [String: Data]
    /// Pages left out of the render because their inputs did not change.
    public var kept: Set<String>
    /// The key of the inputs of every keyed page, rendered or kept, by path.
    public var keys: [String: String]

    public var count: Int { files.count + kept.count }
}
