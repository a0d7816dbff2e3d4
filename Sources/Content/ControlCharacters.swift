import Foundation

/// Characters no text field may hold: NUL truncates text in C libraries, other C0 and C1
/// controls are invisible or break the page, and bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) make text read differently from what it holds.
/// They are refused, not stripped: staff fix the source, and what is archived is what they see.
/// Tab, line feed and carriage return stay allowed.
enum ControlCharacters {
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first refused character of `text`, named for staff ("U+202E（双向文本控制字符）"); nil when none.
    static func firstRefused(in text: some StringProtocol) -> String? {
        // Nearly every text holds none: its bytes tell at once, without decoding characters.
        if text.utf8.withContiguousStorageIfAvailable({ !holdsRefused($0) }) == true { return nil }
        guard let scalar = text.unicodeScalars.first(where: isRefused) else { return nil }
        return describe(scalar)
    }

    /// Whether valid UTF-8 holds a refused scalar: a C0 control byte but tab, LF and CR; DEL;
    /// C2 80–9F (C1 controls); E2 80 AA–AE and E2 81 A6–A9 (the bidirectional controls).
    static func holdsRefused(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x09, 0x0A, 0x0D: break
            case 0x00...0x1F, 0x7F: return true
            case 0xC2:
                if index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
            case 0xE2:
                if index + 2 < bytes.count {
                    let (second, third) = (bytes[index + 1], bytes[index + 2])
                    if second == 0x80 && (0xAA...0xAE).contains(third) || second == 0x81 && (0xA6...0xA9).contains(third) { return true }
                }
            default: break
            }
            index += 1
        }
        return false
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = String(format: "U+%04X", scalar.value)
        switch scalar.value {
        case 0x00: return code + "（NUL 空字符）"
        case 0x202A...0x202E, 0x2066...0x2069: return code + "（双向文本控制字符）"
        default: return code + "（控制字符）"
        }
    }

    /// The message for a field holding `described`, with `place` naming where it is ("第 3 列（课题名称）").
    static func message(_ described: String, in place: String) -> String {
        "\(place)含有不允许的字符 \(described)；请删除它（常由从网页或其他系统复制文字带入，看不见但会改变或截断文字）"
    }
}
