import Foundation
import Diagnostics
import TextKeys

/// Ids that become page addresses and file names — 编号 (`/2024/<编号>/`), 申报编号, enterprise
/// ids (`/enterprises/<id>/`), and the file names of notices and pages — keep to a safe set:
/// ASCII letters, digits, `-` and `_`, starting with a letter or digit, at most
/// `InputLimits.idCharacters` characters. Anything else (a slash, a space, a full-width digit, a
/// zero-width character, a Cyrillic look-alike of a Latin letter) could change the address, give
/// two ids one page, or look like another id, so it is refused at import rather than rewritten.
package enum AddressID {
    /// Characters a link or a file name reads as syntax (`/ \\ ? # %` and white space): what the
    /// renderer still replaces in a path segment, as a last guard for text from elsewhere.
    package static func isDisallowed(_ character: Character) -> Bool {
        "/\\?#%".contains(character) || character.isWhitespace
    }

    static func isAllowed(_ character: Character) -> Bool {
        character.asciiValue.map(isAllowed(byte:)) ?? false
    }

    /// `isAllowed` for one byte of UTF-8: an id's bytes can be checked without its characters.
    package static func isAllowed(byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// What is wrong with `id` as part of an address, worded for the column it came from; nil when
    /// it is fine. `fix` replaces the closing advice (a file is renamed, a cell retyped).
    package static func problem(_ id: String, column: String, fix: String? = nil) -> String? {
        // The messages are built only for an id with a problem: this runs on every row of a table.
        var rule: String {
            let subject = column.last?.isASCII == true ? column + " " : column
            return "\(subject)是页面地址和文件名的一部分，只能用英文字母、数字、- 和 _，以字母或数字开头，"
                + "最多 \(InputLimits.idCharacters) 个字符" + (fix.map { "；\($0)" } ?? "")
        }
        var shown: String {
            "\(column)「\(id.prefix(InputLimits.idCharacters + 10))\(id.count > InputLimits.idCharacters + 10 ? "…" : "")」"
        }
        var refused: [Character] = []
        for character in id where !isAllowed(character) && !refused.contains(character) { refused.append(character) }
        if !refused.isEmpty {
            let halfWidth = TextNormalization.halfWidth(id)
            if halfWidth != id, halfWidth.allSatisfy(isAllowed) {
                return "\(shown)含有全角字符 \(refused.map(String.init).joined(separator: " "))：请改用半角「\(halfWidth)」；" + rule
            }
            return "\(shown)含有不允许的字符 \(refused.prefix(5).map(describe).joined(separator: " "))：" + rule
        }
        if id.count > InputLimits.idCharacters { return "\(shown)有 \(id.count) 个字符，超过上限：" + rule }
        if let first = id.first, !(first.isLetter || first.isNumber) { return "\(shown)以 \(first) 开头：" + rule }
        return nil
    }

    /// What is wrong with the file name of a notice or page (`name.md`), whose stem is its address.
    package static func slugProblem(_ fileName: String) -> String? {
        problem(String(fileName.dropLast(3)), column: "文件名",
                fix: "请把文件改名，如 2024-08-15-competition.md（链接、订阅和搜索都用这个名字）")
    }

    /// A character as staff can see it in a message: invisible ones by name or code.
    private static func describe(_ character: Character) -> String {
        switch character {
        case " ": return "空格"
        case "\u{3000}": return "全角空格"
        default:
            let visible = !character.isWhitespace && character.unicodeScalars.allSatisfy {
                !$0.properties.isDefaultIgnorableCodePoint && $0.properties.generalCategory != .control
                    && $0.properties.generalCategory != .format
            }
            let codes = character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
            return visible ? String(character) : codes + "（看不见的字符）"
        }
    }
}
