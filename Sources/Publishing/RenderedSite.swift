import Foundation

/// A rendered site: the files rendered, and the pages the output already holds as they are.
public struct RenderedSite: Sendable {
    public init(files: [String: Data], kept: Set<String>, keys: [String: String]) {
        self.files = files
        self.kept = kept
        self.keys = keys
    }

    public var files: [String: Data]
    /// Pages left out of the render because their inputs did not change.
    public var kept: Set<String>
    /// The key of the inputs of every keyed page, rendered or kept, by path.
    public var keys: [String: String]
    /// By path, the part of the site kept whole its page came from (a section made from the
    /// record's outline alone, `SiteSection.keyedByOutline`, or a year's achievement pages); by
    /// part, the key of what it was made from.
    public var sections: [String: String] = [:]
    public var sectionKeys: [String: String] = [:]

    public var count: Int { files.count + kept.count }
}
