/// 编号 and 申报编号 are part of page addresses (`/2024/<编号>/`): characters a link or a file
/// name reads as syntax would change the address, or give two 编号 one page, so they are
/// refused at import rather than rewritten.
enum AddressID {
    /// `/ \ ? # %` and white space (a space, a full-width space, a tab).
    static func isDisallowed(_ character: Character) -> Bool {
        "/\\?#%".contains(character) || character.isWhitespace
    }

    /// What is wrong with `id` as part of an address, worded for the column it came from; nil when it is fine.
    static func problem(_ id: String, column: String) -> String? {
        let rule = "\(column)是页面地址的一部分（如 /2024/<编号>/），不能含有 / \\ ? # % 或空格；请只用字母、数字、汉字、- 和 _"
        if id == "." || id == ".." { return "\(column)「\(id)」不能是 . 或 ..：" + rule }
        var seen: [Character] = []
        for character in id where isDisallowed(character) && !seen.contains(character) { seen.append(character) }
        guard !seen.isEmpty else { return nil }
        let shown = seen.map { $0 == " " ? "空格" : $0 == "\u{3000}" ? "全角空格" : $0.isWhitespace ? "空白字符" : String($0) }
        return "\(column)「\(id)」含有不允许的字符 \(shown.joined(separator: " "))：" + rule
    }
}
