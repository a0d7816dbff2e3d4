import Foundation

/// Byte-level mutations, with tokens that matter to the readers.
enum Mutator {
    static let tokens: [[UInt8]] = [
        "\"", "\"\"", ",", "\t", "\r", "\n", "\r\n", "\0", "\u{202E}", "\u{2066}", "\u{FEFF}", "&", "&xxe;", "&#0;", "&#x202E;",
        "&#99999999;", "&amp", "<", ">", "</c>", "<c r=\"ZZZZZZZZZZZZZZZ2\">", "<c r=\"A1048577\" t=\"s\"><v>-1</v></c>",
        "<row r=\"99999999999\">", "<v>1e300</v>", "<v>inf</v>", "<v>nan</v>", "<![CDATA[", "]]>", "<!--", "-->",
        "<!DOCTYPE a [<!ENTITY x \"y\">]>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "_x0000_", "_xD800_",
        "1e17", "-1", "99999999999999999999", "*a", "&a ", "[", "]", "{", "}", ": ", "- ", "? ", "!!binary ", "%TAG ",
        "\u{FF10}", "２０２４－００１", "\u{200B}", "---\n", "...\n", "PK\u{3}\u{4}", "PK\u{1}\u{2}", "PK\u{5}\u{6}",
    ].map { Array($0.utf8) }
    static let interesting: [UInt8] = [0x00, 0x01, 0x0A, 0x0D, 0x22, 0x2C, 0x3C, 0x3E, 0x7F, 0x80, 0xBF, 0xC0, 0xE2, 0xEF, 0xFE, 0xFF]

    static func mutate(_ data: Data, using random: inout SeededRandom, favouringEnd: Bool = false) -> Data {
        var bytes = [UInt8](data)
        for _ in 0...random.next(below: 4) {
            guard !bytes.isEmpty else { break }
            var at = random.next(below: bytes.count)
            if favouringEnd && random.next(below: 2) == 0 { at = max(0, bytes.count - 1 - random.next(below: min(bytes.count, 120))) }
            switch random.next(below: 7) {
            case 0: bytes[at] ^= UInt8(1 << random.next(below: 8))
            case 1: bytes[at] = interesting[random.next(below: interesting.count)]
            case 2: bytes.insert(contentsOf: tokens[random.next(below: tokens.count)], at: at)
            case 3: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.next(below: 16)))
            case 4:
                let end = min(bytes.count, at + 1 + random.next(below: 64))
                let piece = Array(bytes[at..<end])
                for _ in 0..<random.next(below: 40) { bytes.insert(contentsOf: piece, at: at) }
            case 5: bytes.removeSubrange(at...)
            default:
                for offset in 0..<min(4, bytes.count - at) { bytes[at + offset] = [0x00, 0xFF][random.next(below: 2)] }
            }
        }
        return Data(bytes)
    }
}
