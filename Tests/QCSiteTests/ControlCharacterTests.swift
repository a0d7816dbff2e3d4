import Testing
@testable import Content

@Suite("Refused control characters found by bytes")
struct ControlCharacterTests {
    @Test("The byte scan refuses exactly the scalars `isRefused` refuses, wherever they stand")
    func sameAsScalars() {
        let scalars = (0...0x3000).compactMap(Unicode.Scalar.init) + (0xFE00...0xFFFF).compactMap(Unicode.Scalar.init)
            + [Unicode.Scalar(0x1F600)!, Unicode.Scalar(0x10FFFF)!]
        for scalar in scalars {
            for text in [String(scalar), "甲" + String(scalar), String(scalar) + "“乙”", "a\u{2026}" + String(scalar) + "\n"] {
                let refused = text.unicodeScalars.contains(where: ControlCharacters.isRefused)
                let found = text.utf8.withContiguousStorageIfAvailable(ControlCharacters.holdsRefused)
                #expect(found == refused, "U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
                #expect((ControlCharacters.firstRefused(in: text) != nil) == refused)
                #expect((ControlCharacters.firstRefused(in: text.dropFirst(0)) != nil) == refused)
            }
        }
    }
}
