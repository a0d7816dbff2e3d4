import Foundation
import TextKeys

/// The file name of a search file, from its bytes: a file that does not change keeps its
/// address across builds, so browsers may cache it for good, and one that changes gets a new
/// one. Eleven characters (64 bits in base64url), so lists of names stay short; the lists
/// (`names`) are the names written one after another, which `search.js` cuts every eleven.
enum ContentName {
    static let length = 11
    static let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    static func of(_ data: Data) -> String {
        var hash = StreamHash()
        data.withUnsafeBytes { hash.add($0) }
        let alphabet = Array(Self.alphabet)
        // The first character is a letter or digit (a name never looks like a command-line
        // option); 62 × 64¹⁰ > 2⁶⁴, so every hash still has its own name.
        var value = hash.words.0
        var name = String(alphabet[Int(value % 62)])
        value /= 62
        for _ in 1..<length {
            name.append(alphabet[Int(value & 63)])
            value >>= 6
        }
        return name
    }

    static func names(_ names: [String]) -> String { names.joined() }

    /// The names of a list (`names`); nil when it is not one.
    static func split(_ list: String) -> [String]? {
        let characters = Array(list.utf8)
        guard characters.count % length == 0, characters.allSatisfy({ alphabet.utf8.contains($0) }) else { return nil }
        return stride(from: 0, to: characters.count, by: length).map { String(decoding: characters[$0..<$0 + length], as: UTF8.self) }
    }
}
