import Synchronization

/// Where a long Chinese organisation name may break across lines: between its units — after
/// 集团, 公司 or 院 when another unit follows (示例广电网络股份有限公司 | 长治分公司), before the
/// company form (示例省信息产业技术研究院 | 有限公司) and before a bracket. The pages set each part
/// unbreakable (`word-break: keep-all`) with a break opportunity between parts, so a narrow table
/// never leaves a lone 司 on a line of its own.
enum NameBreaks {
    static let unitEndings = ["集团", "公司", "院"]
    static let companyForms = ["股份有限公司", "有限责任公司", "有限公司"]

    /// Names already split: a site has a few hundred enterprises, and every entry row of every
    /// page (ten thousand achievements, each on several lists) shows one of them.
    private static let known = Mutex<[String: [String]]>([:])

    static func parts(_ name: String) -> [String] {
        if let parts = known.withLock({ $0[name] }) { return parts }
        let parts = split(name)
        known.withLock { $0[name] = parts }
        return parts
    }

    private static func split(_ name: String) -> [String] {
        var parts: [String] = []
        var current = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            // The rest of the name as characters: no string is built for each position.
            let rest = characters[index...]
            let opensForm = companyForms.contains { rest.starts(with: $0) } && !current.hasSuffix("股份")
            let endsUnit = unitEndings.contains { current.hasSuffix($0) } && !rest.starts(with: "公司") && !rest.starts(with: "分公司")
                && !companyForms.contains { rest.starts(with: $0) && !rest.starts(with: "股份") }
            if character == "（" || character == "(" || opensForm || endsUnit, current.count >= 2, rest.count >= 2 {
                parts.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
