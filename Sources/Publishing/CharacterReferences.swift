
/// HTML character references as a browser decodes them in an attribute value, as far as they
/// can spell a URL scheme: numeric ones (`&#106;`, `&#x6A`, with or without the `;`) and the
/// named ones for the characters around a scheme (`&colon;`, `&Tab;`, `&NewLine;`).
enum CharacterReferences {
    static let named: [String: Character] = ["colon": ":", "Tab": "\t", "NewLine": "\n", "sol": "/", "lpar": "(", "rpar": ")"]

    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let (decoded, next) = reference(scalars, at: i) {
                out.append(contentsOf: decoded.unicodeScalars)
                i = next
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The character of the reference at `start` (an `&`) and the index after it.
    private static func reference(_ s: [Unicode.Scalar], at start: Int) -> (Character, Int)? {
        var j = start + 1
        guard j < s.count else { return nil }
        if s[j] == "#" {
            j += 1
            let hex = j < s.count && (s[j] == "x" || s[j] == "X")
            if hex { j += 1 }
            let digitsStart = j
            while j < s.count, hex ? s[j].properties.isASCIIHexDigit : ("0"..."9").contains(s[j]) { j += 1 }
            guard j > digitsStart else { return nil }
            let digits = String(String.UnicodeScalarView(s[digitsStart..<j])).drop { $0 == "0" }
            let value = digits.count > 8 ? 0xFFFD : UInt32(digits.isEmpty ? "0" : String(digits), radix: hex ? 16 : 10) ?? 0xFFFD
            if j < s.count, s[j] == ";" { j += 1 }
            return (Character(Unicode.Scalar(value) ?? "\u{FFFD}"), j)
        }
        let nameStart = j
        while j < s.count, s[j].properties.isAlphabetic, s[j].isASCII { j += 1 }
        let name = String(String.UnicodeScalarView(s[nameStart..<j]))
        guard let character = named[name], j < s.count, s[j] == ";" else { return nil }
        return (character, j + 1)
    }
}
