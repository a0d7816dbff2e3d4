import Foundation

/// The similarity measure of names and titles: the Dice coefficient of character bigrams.
public enum Similarity {
    /// Character bigrams of a normalised text; a one-character text is its own bigram.
    public static func bigrams(_ text: String) -> [String] {
        let chars = Array(text)
        guard chars.count > 1 else { return chars.isEmpty ? [] : [String(chars)] }
        return (0..<(chars.count - 1)).map { String(chars[$0...($0 + 1)]) }
    }

    /// 2·|A∩B| / (|A|+|B|) over bigram multisets; 1 for equal texts.
    public static func dice(_ a: String, _ b: String) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        return dice(bigrams: bigrams(a), bigrams(b))
    }

    public static func dice(bigrams a: [String], _ b: [String]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var counts: [String: Int] = [:]
        for g in a { counts[g, default: 0] += 1 }
        var shared = 0
        for g in b where counts[g, default: 0] > 0 {
            counts[g]! -= 1
            shared += 1
        }
        return 2 * Double(shared) / Double(a.count + b.count)
    }
}
