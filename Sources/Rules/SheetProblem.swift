import Archive

/// Why a score sheet cannot count: it breaks the item maxima of the entry's topic type.
/// Ranking leaves such a sheet out of the mean; `score-range` reports it.
public enum SheetProblem: Sendable, Equatable {
    /// A sheet with a 总分 only, outside 0…the sum of the type's maxima.
    case totalOutOfRange(total: Double, maximum: Double)
    /// An item the entry's topic type does not score.
    case unknownItem(item: String, score: Double, type: String)
    case itemOutOfRange(item: String, score: Double, maximum: Double, type: String)

    /// The first problem of a sheet, or nil when it can count. A total-only sheet of an entry whose
    /// topic type the rules do not know (reported by `type`) is held to the largest total of any
    /// known type, so the outcome never depends on the order of a dictionary.
    public static func of(_ sheet: ScoreSheet, items: [ScoreItem], type: String, rules: CompetitionRules) -> SheetProblem? {
        guard sheet.hasItems else {
            let sums = rules.items.values.map { $0.reduce(0) { $0 + $1.maximum } }
            let maximum = rules.items[type].map { $0.reduce(0) { $0 + $1.maximum } } ?? sums.max() ?? 0
            return sheet.total < 0 || sheet.total > maximum ? .totalOutOfRange(total: sheet.total, maximum: maximum) : nil
        }
        let maxima = Dictionary((rules.items[type] ?? []).map { ($0.item, $0.maximum) }, uniquingKeysWith: { a, _ in a })
        for item in items {
            guard let maximum = maxima[item.item] else { return .unknownItem(item: item.item, score: item.score, type: type) }
            if item.score < 0 || item.score > maximum {
                return .itemOutOfRange(item: item.item, score: item.score, maximum: maximum, type: type)
            }
        }
        return nil
    }
}
