
/// The URL schemes a link or an attribute of the site's Markdown may never carry, because a
/// browser runs or embeds what follows them: `javascript:`, `vbscript:`, `data:` and `file:`.
enum URLSchemes {
    static let refused: Set<String> = ["javascript", "vbscript", "data", "file"]

    /// Whether `url` starts with a refused scheme, read as a browser reads it: leading spaces and
    /// control characters skipped, tabs and line breaks anywhere ignored, letters in any case.
    static func isRefused(_ url: String) -> Bool {
        let cleaned = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let trimmed = cleaned.drop { $0.value <= 0x20 }
        guard let colon = trimmed.firstIndex(of: ":") else { return false }
        let scheme = String(String.UnicodeScalarView(trimmed[..<colon])).lowercased()
        return refused.contains(scheme)
    }

    /// Whether a refused scheme appears anywhere in `value`: for attributes that hold several
    /// URLs or animate one (`srcset`, SVG's `values`, `to`).
    static func mentionsRefused(_ value: String) -> Bool {
        let squeezed = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
        return refused.contains { squeezed.contains($0 + ":") }
    }
}
