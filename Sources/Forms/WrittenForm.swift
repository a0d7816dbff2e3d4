
/// A form written to disk, as `qcsite forms` reports it.
public struct WrittenForm: Sendable {
    public let path: String
    /// Where a filled copy goes in the year folder for `import`.
    public let importAs: String
    /// Holds no entry and no personal data: fit to attach to a public notice.
    public let isPublic: Bool
}
