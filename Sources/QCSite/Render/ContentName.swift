import Foundation

/// The file name of a search file, from its bytes: a file that does not change keeps its
/// address across builds, so browsers may cache it for good, and one that changes gets a new one.
enum ContentName {
    static func of(_ data: Data) -> String {
        var fingerprint = Fingerprint()
        data.withUnsafeBytes { fingerprint.add($0) }
        let hex = fingerprint.value
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}
