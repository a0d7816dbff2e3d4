/// A text normalisation that works scalar by scalar (width, case, dropping spaces or
/// punctuation), tabulated for the scalars Chinese titles and names are made of, so it runs on
/// every row of a national table without a Unicode property lookup per character.
///
/// The table is filled by calling the exact normalisation on each scalar alone; a text holding
/// a scalar outside the table, or one whose normalised form is more than one scalar, is not
/// folded here (`apply` returns nil) and goes the exact way.
struct ScalarFold: Sendable {
    /// What a tabulated scalar becomes: `dropped`, `untabulated`, or the scalar it maps to.
    private static let dropped: UInt32 = 0xFFFF_FFFE
    private static let untabulated: UInt32 = 0xFFFF_FFFF
    /// Ranges looked up in tables (CJK ideographs are kept as they are, without a table):
    /// ASCII, Latin-1, general punctuation, CJK symbols and punctuation, full-width forms.
    private static let ranges: [ClosedRange<UInt32>] = [
        0x0000...0x00FF, 0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFFEF,
    ]
    private let tables: [[UInt32]]

    init(_ exact: (String) -> String) {
        tables = Self.ranges.map { range in
            range.map { value -> UInt32 in
                guard let scalar = Unicode.Scalar(value) else { return Self.untabulated }
                let folded = exact(String(scalar)).unicodeScalars
                if folded.isEmpty { return Self.dropped }
                return folded.count == 1 ? folded.first!.value : Self.untabulated
            }
        }
    }

    /// Whether the exact normalisation keeps `value` as it is without asking: the CJK unified
    /// ideographs (and extension A) have no case, width or punctuation to fold.
    static func isPlainIdeograph(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
    }

    private func fold(_ value: UInt32) -> UInt32 {
        if Self.isPlainIdeograph(value) { return value }
        for (index, range) in Self.ranges.enumerated() where range.contains(value) {
            return tables[index][Int(value - range.lowerBound)]
        }
        return Self.untabulated
    }

    /// The folded text; `text` itself when nothing changes; nil when a scalar is not tabulated.
    func apply(_ text: String) -> String? {
        var changed = false
        for scalar in text.unicodeScalars {
            let folded = fold(scalar.value)
            if folded == Self.untabulated { return nil }
            if folded != scalar.value { changed = true }
        }
        guard changed else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let folded = fold(scalar.value)
            if folded != Self.dropped { result.append(Unicode.Scalar(folded)!) }
        }
        return String(result)
    }
}
