import Foundation
import Testing
@testable import TextKeys

/// The tabulated title and name keys (and the whitespace shortcut of `trimmed`) against the
/// exact Unicode normalisations they stand in for.
@Suite("Text keys: tabulated folding")
struct TextKeyFoldTests {
    /// Every scalar of the Basic Multilingual Plane alone, then mixed into Chinese text.
    static let scalars: [Unicode.Scalar] = (0..<0x1_0000).compactMap(Unicode.Scalar.init)

    @Test("Each BMP scalar folds as the exact normalisation folds it")
    func everyScalar() {
        var titleMismatches: [String] = [], nameMismatches: [String] = [], spaceMismatches: [String] = []
        for scalar in Self.scalars {
            let text = String(scalar)
            let code = String(scalar.value, radix: 16)
            if TextNormalization.titleKey(text) != TextNormalization.exactTitleKey(text) { titleMismatches.append(code) }
            if TextNormalization.nameKey(text) != TextNormalization.exactNameKey(text) { nameMismatches.append(code) }
            if TextNormalization.isWhitespace(scalar) != scalar.properties.isWhitespace { spaceMismatches.append(code) }
        }
        #expect(titleMismatches.isEmpty, "\(titleMismatches.prefix(10))")
        #expect(nameMismatches.isEmpty, "\(nameMismatches.prefix(10))")
        #expect(spaceMismatches.isEmpty, "\(spaceMismatches.prefix(10))")
    }

    @Test("Mixed texts fold as the exact normalisation folds them, also with untabulated scalars")
    func mixedTexts() {
        let pieces = ["提高", "基站", "ＱＣ", "qc", "（一）", "《", "》", "、", "　", " ", "\u{130}", "Σ", "e\u{301}",
                      "\u{F900}", "\u{212A}", "ß", "\u{1F600}", "\u{200B}", "Ａ", "\u{85}", "\t"]
        var state: UInt64 = 42
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<6 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(TextNormalization.titleKey(text) == TextNormalization.exactTitleKey(text), "\(text.debugDescription)")
            #expect(TextNormalization.nameKey(text) == TextNormalization.exactNameKey(text), "\(text.debugDescription)")
        }
    }
}
