
/// The keys of one table seen so far, with the line each first appeared on: the "empty" and
/// "repeated" checks every reader makes, worded the same way everywhere.
struct UniqueKeys {
    /// What the key is called in messages (`编号`, `申报编号`, `评委`).
    let name: String
    /// The message for an empty key; nil where an empty key is no problem of its own
    /// (the reader reports it otherwise, e.g. as an unknown 编号).
    let emptyMessage: String?
    /// Appended to the repeated-key message.
    let repeatedNote: String
    /// Keys that differ only in case are repeats too: ids become addresses, and a web host may
    /// not tell `A-1` from `a-1`.
    let foldsCase: Bool
    private var firstLine: [String: Int] = [:]
    private var firstSpelling: [String: (key: String, line: Int)] = [:]

    init(_ name: String, empty emptyMessage: String? = nil, repeatedNote: String = "", foldsCase: Bool = false) {
        self.name = name
        self.emptyMessage = emptyMessage
        self.repeatedNote = repeatedNote
        self.foldsCase = foldsCase
    }

    /// Records `key` at `line` and returns the problem with it, if any. `shown` replaces
    /// `name「key」` in the message where the key is made of several columns.
    mutating func problem(_ key: String, line: Int, shown: String? = nil) -> String? {
        if key.isEmpty, let emptyMessage { return emptyMessage }
        if let first = firstLine[key] {
            return "\(shown ?? "\(name)「\(key)」")重复，首次出现在第 \(first) 行" + repeatedNote
        }
        firstLine[key] = line
        if foldsCase {
            let folded = key.lowercased()
            if let first = firstSpelling[folded] {
                return "\(shown ?? "\(name)「\(key)」")与第 \(first.line) 行的「\(first.key)」只差大小写；网址可能不区分大小写，请改用不同的\(name)或统一写法"
            }
            firstSpelling[folded] = (key, line)
        }
        return nil
    }

    func contains(_ key: String) -> Bool { firstLine[key] != nil }
}
