import Foundation

/// Part of a form's file name taken from the data (a judge's name): characters a file system
/// or Excel refuses, and path separators, become "_", so the name never leaves its folder.
enum FormFileName {
    static func safe(_ text: String) -> String {
        let refused: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        let cleaned = String(text.map { refused.contains($0) || $0.unicodeScalars.contains { $0.value < 0x20 } ? "_" : $0 })
            .trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "_" : cleaned
    }
}
