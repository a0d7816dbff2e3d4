import Foundation

/// The normalisations names and titles go through before they are compared.
public enum TextNormalization {
    /// Full-width ASCII (ＡＢＣ１２（）) to half-width, the ideographic space to a space.
    public static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0x3000 || (0xFF01...0xFF5E).contains($0.value) }) else {
            return text
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// An enterprise name or header as compared: half-width, with every space removed.
    public static func nameKey(_ text: String) -> String {
        nameFold.apply(text) ?? exactNameKey(text)
    }

    private static let nameFold = ScalarFold(exactNameKey)

    static func exactNameKey(_ text: String) -> String {
        String(String.UnicodeScalarView(halfWidth(text).unicodeScalars.filter { !$0.properties.isWhitespace }))
            .lowercased()
    }

    /// A title as compared by the no-resubmission rule: half-width, case folded, spaces and punctuation removed.
    public static func titleKey(_ text: String) -> String {
        titleFold.apply(text) ?? exactTitleKey(text)
    }

    private static let titleFold = ScalarFold(exactTitleKey)

    /// Titles and names are folded scalar by scalar (`String.lowercased` maps each scalar on
    /// its own), which is what lets `ScalarFold` tabulate these.
    static func exactTitleKey(_ text: String) -> String {
        let folded = halfWidth(text).lowercased()
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { scalar in
            let p = scalar.properties
            if p.isWhitespace { return false }
            switch p.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol,
                 .currencySymbol, .modifierSymbol, .otherSymbol, .control, .format:
                return false
            default:
                return true
            }
        }))
    }

    /// Cell text with surrounding spaces (also full-width ones and non-breaking spaces) removed.
    /// Pure Swift on scalars: this runs on every cell of every table.
    public static func trimmed(_ text: String) -> String {
        trimmed(text, dropping: isWhitespace)
    }

    /// The text without the scalars `drop` names at either end; the text itself when it has none.
    static func trimmed(_ text: String, dropping drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !drop(first) && !drop(last) { return text }
        guard let start = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !drop($0) })!
        return String(scalars[start...end])
    }

    /// Unicode's White_Space, answered without a property lookup for ASCII and ideographs.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0..<0x80: false
        case let value where ScalarFold.isPlainIdeograph(value): false
        default: scalar.properties.isWhitespace
        }
    }
}

extension TextNormalization {
    /// The text in Unicode Normalization Form C. Foundation's normalisation goes through
    /// NSString and costs as much as the rest of indexing a write-up; almost every text here
    /// is already in NFC, which a scan of its scalars proves (the quick check of UAX #15: every
    /// scalar has NFC_Quick_Check=Yes and combining class 0), and is then returned as it is.
    public static func nfc(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { isStableInNFC($0.value) } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Scalars that NFC leaves alone wherever they stand: starters that neither decompose nor
    /// compose with what comes before them. Conservative: anything else takes Foundation's path.
    static func isStableInNFC(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x2FF: true  // ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers
        case 0x2010...0x205E: true  // dashes, quotes, ellipsis, ※ (not the U+2000/2001 singletons)
        case 0x3000...0x3029, 0x3030...0x303F: true  // ideographic space and punctuation, not the tone marks
        case 0x4E00...0x9FFF: true  // CJK Unified Ideographs
        case 0xFF01...0xFFEF: true  // full-width and half-width forms (compatibility only)
        default: false
        }
    }

    /// The text without White_Space (nor U+200B ZERO WIDTH SPACE) at either end, as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` trims it here, in Swift rather than
    /// through NSString.
    public static func trimmedLines(_ text: String) -> String {
        trimmed(text) { isWhitespace($0) || $0.value == 0x200B }
    }
}
