import Foundation

/// Why the preview could not start, in words for staff.
public struct PreviewError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
