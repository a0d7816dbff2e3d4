import Foundation
import Testing
@testable import TextKeys

@Suite("JSON text")
struct JSONTextTests {
    @Test("a string is escaped as JSONEncoder escapes it: every control character, quote and backslash, runs between them copied")
    func escapedAsTheEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let controls = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        var texts = controls + ["", "\"", "\\", "甲乙\n丙", "a\"b\\c\td\re\u{8}f\u{C}g", "行一\n行二\n\n行四", "/路径/", "😀\u{1F}\u{7F}"]
        texts.append(controls.joined(separator: "字"))
        for text in texts {
            var out: [UInt8] = []
            JSONText.appendString(text, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(decoding: try encoder.encode(text), as: UTF8.self),
                    "\(text.debugDescription)")
        }
    }
}
