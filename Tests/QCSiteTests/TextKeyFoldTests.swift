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

    @Test("The NFC shortcut gives Foundation's NFC: every stable scalar is its own NFC and stays so beside any other")
    func nfcShortcut() {
        var unstable: [String] = []
        for scalar in Self.scalars where TextNormalization.isStableInNFC(scalar.value) {
            let text = String(scalar)
            // Alone, after a starter that could compose with it, and before a combining mark.
            for probe in [text, "e" + text, "\u{1100}" + text, text + "\u{301}", "\u{3099}" + text] {
                if TextNormalization.nfc(probe) != probe.precomposedStringWithCanonicalMapping {
                    unstable.append(String(scalar.value, radix: 16))
                    break
                }
            }
        }
        #expect(unstable.isEmpty, "\(unstable.prefix(10))")
        let pieces = ["提高", "基站", "ＱＣ", "e", "\u{301}", "\u{F900}", "\u{2000}", "\u{212B}", "か", "\u{3099}", "\u{1100}",
                      "\u{1161}", "\u{AC00}", "\u{11A8}", "《", "　", "\u{302A}", "Å", "\u{1F600}", "—", "…"]
        var random = SeededRandom(seed: 7)
        for _ in 0..<3000 {
            let text = (0..<5).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(TextNormalization.nfc(text).unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars),
                    "\(text.debugDescription)")
        }
    }

    @Test("trimmedLines trims as trimmingCharacters(in: .whitespacesAndNewlines)")
    func trimmedLines() {
        let pieces = ["提高", " ", "\n", "\r\n", "\t", "\u{3000}", "\u{A0}", "\u{2028}", "\u{85}", "a", "\u{200B}", "\u{FEFF}", "",
                      "\u{1680}", "\u{2007}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{180E}", "\u{200C}", "\u{2060}", "\u{B}", "\u{1C}"]
        let differing = Self.scalars.filter { scalar in
            let text = "a" + String(scalar)
            return TextNormalization.trimmedLines(text) != text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0.value, radix: 16) })")
        var random = SeededRandom(seed: 11)
        for _ in 0..<3000 {
            let text = (0..<5).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(TextNormalization.trimmedLines(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }
}
