
/// A form that could not be written (a folder that cannot be written to, a full disk, a value
/// Excel cannot hold): not a problem of the content, so it exits 3, not 2.
public struct FormWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
