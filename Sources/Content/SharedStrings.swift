import Diagnostics

/// A workbook's shared strings (`xl/sharedStrings.xml`), with each string's problem found once:
/// cells refer to them by index, often thousands of times.
struct SharedStrings {
    private(set) var strings: [String] = []
    private(set) var problems: [Int: CellProblem] = [:]

    init() {}

    /// Reads the strings as the XML scanner hands on their events; phonetic runs (`rPh`) are left out.
    init(reading scan: ((XMLScanner.Event) throws -> Void) throws -> Void) throws {
        var current = ""
        var inString = false, inText = false, inPhonetic = false
        try scan { event in
            switch event {
            case .start("si", _): (current, inString) = ("", true)
            case .start("rPh", _): inPhonetic = true
            case .start("t", _): inText = inString && !inPhonetic
            case .text(let text) where inText:
                if current.utf8.count <= InputLimits.cellCharacters * 4 { current += text }
            case .end("t"): inText = false
            case .end("rPh"): inPhonetic = false
            case .end("si"):
                inString = false
                guard strings.count < InputLimits.sharedStrings else {
                    throw XMLScanner.SyntaxError(message: "共享字符串超过 \(InputLimits.sharedStrings) 个")
                }
                let text = XLSXReader.unescaped(current)
                if let problem = CellProblem(text) { problems[strings.count] = problem }
                strings.append(text)
            default: break
            }
        }
    }
}
