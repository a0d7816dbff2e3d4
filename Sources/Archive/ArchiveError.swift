
/// The archive itself is at fault (a damaged file, records that no longer read), not the
/// content: staff restore a backup or import the year again, as the message says.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
