
/// `score-range`: an item above its type's maximum or below zero, an item the type does not
/// score, or a 总分 outside 0…the sum of the maxima. The ranking left such sheets out of the mean.
struct ScoreRangeRule: Rule {
    let id = RuleID.scoreRange

    func findings(_ context: RuleContext) -> [Finding] {
        context.standing.excludedSheets.compactMap { excluded in
            guard case let .outOfRange(problem) = excluded.reason else { return nil }
            let sheet = excluded.sheet
            let (text, evidence) = Self.describe(problem)
            return Finding(
                self, .error, subject: excluded.registration.id,
                message: "评委「\(sheet.judge)」的\(sheet.round == .material ? "资料评审" : "现场发表")评分超出范围：\(text)；该评分表不计入平均分",
                evidence: evidence.merging([
                    "judge": .string(sheet.judge), "round": .string(sheet.round.rawValue),
                    "source": .string("\(sheet.sourcePath):\(sheet.sourceLine)")]) { a, _ in a })
        }
    }

    static func describe(_ problem: SheetProblem) -> (String, [String: JSONValue]) {
        switch problem {
        case let .totalOutOfRange(total, maximum):
            ("总分 \(total) 不在 0–\(maximum) 之间", ["item": "总分", "score": .score(total), "maximum": .score(maximum)])
        case let .unknownItem(item, score, type):
            ("「\(item)」不是\(type)的评审项目", ["item": .string(item), "score": .score(score), "maximum": .null, "type": .string(type)])
        case let .itemOutOfRange(item, score, maximum, type):
            ("「\(item)」得分 \(score) 超出 0–\(maximum)",
             ["item": .string(item), "score": .score(score), "maximum": .score(maximum), "type": .string(type)])
        }
    }
}
