#if canImport(Glibc)
import Glibc
#endif
import Diagnostics

/// A streaming reader of the XML that workbook parts are written in, fed the bytes of a part as
/// they are inflated, so a sheet of any size is read in bounded memory.
///
/// It reads what Excel and other spreadsheet programs write (UTF-8, elements, attributes, text,
/// comments, CDATA, processing instructions) and refuses the rest: a DOCTYPE or any other
/// declaration (no DTD, so no entity can be defined or expanded), an entity reference other than
/// the five predefined ones and character references, text that is no UTF-8, unbalanced tags, and
/// tokens or nesting beyond fixed limits.
struct XMLScanner {
    enum Event {
        /// An element's local name (without prefix) and its attributes (names as written).
        case start(String, [Attribute])
        case end(String)
        case text(String)
    }

    struct Attribute {
        let name: String
        let value: String
    }

    struct SyntaxError: Error {
        let message: String
    }

    /// Longest tag, text run, comment or CDATA section.
    static let maxToken = 1 << 20
    static let maxDepth = 256

    private typealias Bytes = UnsafeBufferPointer<UInt8>
    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&"), slash = UInt8(ascii: "/")
    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
    private static let instructionClose = Array("?>".utf8)

    private var buffer: [UInt8] = []
    private var position = 0
    private var open: [String] = []
    private var sawRoot = false
    private var atStart = true

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ handle: (Event) throws -> Void) throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
        try scan(final: false, handle)
    }

    mutating func feed(_ bytes: [UInt8], _ handle: (Event) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { try feed($0, handle) }
    }

    /// Reads what is left and checks the document is complete.
    mutating func finish(_ handle: (Event) throws -> Void) throws {
        try scan(final: true, handle)
        if let element = open.last { throw SyntaxError(message: "XML 不完整：元素 <\(element)> 没有结束") }
        if !sawRoot { throw SyntaxError(message: "XML 不完整：没有任何元素") }
    }

    // MARK: Tokens

    private mutating func scan(final: Bool, _ handle: (Event) throws -> Void) throws {
        let bytes = buffer  // shares storage; `buffer` changes only in the next `feed`
        try bytes.withUnsafeBufferPointer { b in
            if atStart {
                guard b.count - position >= 3 || final else { return }
                if Self.has([0xEF, 0xBB, 0xBF], in: b, at: position) { position += 3 }
                if Self.has([0xFF, 0xFE], in: b, at: position) || Self.has([0xFE, 0xFF], in: b, at: position) {
                    throw SyntaxError(message: "XML 不是 UTF-8 编码（UTF-16）")
                }
                atStart = false
            }
            while position < b.count {
                if b[position] == Self.lt {
                    guard let end = try Self.markupEnd(b, from: position, final: final) else { return }
                    try markup(b, position..<end, handle)
                    position = end
                } else {
                    let stop = Self.index(of: Self.lt, in: b, from: position)
                    try Self.checkTokenLength(stop - position)
                    if stop == b.count && !final { return }
                    try text(b, position..<stop, handle)
                    position = stop
                }
            }
        }
    }

    private static func checkTokenLength(_ length: Int) throws {
        if length > maxToken {
            throw SyntaxError(message: "XML 中有超过 \(InputLimits.size(maxToken)) 的单个标记或文本")
        }
    }

    /// The index after the markup starting at `start`; nil when it has not all arrived.
    private static func markupEnd(_ b: Bytes, from start: Int, final: Bool) throws -> Int? {
        func incomplete() throws -> Int? {
            if final { throw SyntaxError(message: "XML 不完整：标记没有结束") }
            try checkTokenLength(b.count - start)
            return nil
        }
        func after(_ terminator: [UInt8], from offset: Int) throws -> Int? {
            var i = start + offset
            while i + terminator.count <= b.count {
                if has(terminator, in: b, at: i) { return i + terminator.count }
                i += 1
            }
            return try incomplete()
        }
        let second: UInt8? = start + 1 < b.count ? b[start + 1] : nil
        if second == UInt8(ascii: "!") {
            if has(commentOpen, in: b, at: start) { return try after(commentClose, from: 4) }
            if has(cdataOpen, in: b, at: start) { return try after(cdataClose, from: 9) }
            if isPrefix(b, from: start, of: commentOpen) || isPrefix(b, from: start, of: cdataOpen) { return try incomplete() }
            throw SyntaxError(message: "含有 DTD 或实体声明（<!DOCTYPE、<!ENTITY）；Excel 不会写出这些，请用 Excel 打开后重新保存")
        }
        if second == UInt8(ascii: "?") { return try after(instructionClose, from: 2) }
        var quote: UInt8 = 0
        var i = start + 1
        while i < b.count {
            let byte = b[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == gt {
                return i + 1
            } else if byte == lt {
                throw SyntaxError(message: "XML 标记中出现了 <")
            }
            i += 1
        }
        return try incomplete()
    }

    private mutating func markup(_ b: Bytes, _ range: Range<Int>, _ handle: (Event) throws -> Void) throws {
        let start = range.lowerBound, end = range.upperBound
        if Self.has(Self.commentOpen, in: b, at: start) { return }
        if Self.has(Self.cdataOpen, in: b, at: start) {
            guard !open.isEmpty else { throw SyntaxError(message: "CDATA 出现在根元素之外") }
            try handle(.text(try Self.string(b, (start + 9)..<(end - 3))))
            return
        }
        if b[start + 1] == UInt8(ascii: "?") {
            try Self.declaration(b, (start + 2)..<(end - 2))
            return
        }
        if b[start + 1] == Self.slash {
            let name = try Self.string(b, Self.trimmed(b, (start + 2)..<(end - 1)))
            guard let expected = open.popLast() else { throw SyntaxError(message: "多余的结束标记 </\(name)>") }
            guard expected == name else { throw SyntaxError(message: "结束标记 </\(name)> 与 <\(expected)> 不匹配") }
            try handle(.end(Self.localName(name)))
            return
        }
        let selfClosing = b[end - 2] == Self.slash
        let (name, attributes) = try Self.element(b, (start + 1)..<(end - (selfClosing ? 2 : 1)))
        if open.isEmpty && sawRoot { throw SyntaxError(message: "XML 有多个根元素") }
        sawRoot = true
        try handle(.start(Self.localName(name), attributes))
        if selfClosing {
            try handle(.end(Self.localName(name)))
        } else {
            guard open.count < Self.maxDepth else { throw SyntaxError(message: "XML 嵌套超过 \(Self.maxDepth) 层") }
            open.append(name)
        }
    }

    private func text(_ b: Bytes, _ range: Range<Int>, _ handle: (Event) throws -> Void) throws {
        if open.isEmpty {
            guard range.allSatisfy({ Self.isSpace(b[$0]) }) else { throw SyntaxError(message: "根元素之外有文字") }
            return
        }
        try handle(.text(try Self.decoded(b, range)))
    }

    /// `<?xml … encoding="…"?>`: only UTF-8 is read; other processing instructions are ignored.
    private static func declaration(_ b: Bytes, _ range: Range<Int>) throws {
        guard range.count > 3, has(Array("xml".utf8), in: b, at: range.lowerBound), isSpace(b[range.lowerBound + 3]) else { return }
        let (_, attributes) = try element(b, range)
        if let encoding = attributes.first(where: { $0.name == "encoding" })?.value,
           !["utf-8", "utf8"].contains(encoding.lowercased()) {
            throw SyntaxError(message: "XML 编码为 \(encoding)，只支持 UTF-8")
        }
    }

    // MARK: Pieces

    /// The name and attributes of a start tag's body (`c r="A1" t="s"`).
    private static func element(_ b: Bytes, _ range: Range<Int>) throws -> (String, [Attribute]) {
        var i = range.lowerBound
        let end = range.upperBound
        func skipSpace() { while i < end && isSpace(b[i]) { i += 1 } }
        func name() throws -> String {
            let start = i
            while i < end && !isSpace(b[i]) && b[i] != UInt8(ascii: "=") && b[i] != slash { i += 1 }
            guard i > start, !(start..<i).contains(where: { [UInt8(ascii: "\""), UInt8(ascii: "'"), amp].contains(b[$0]) }) else {
                throw SyntaxError(message: "XML 元素或属性名无效")
            }
            return try string(b, start..<i)
        }
        let elementName = try name()
        var attributes: [Attribute] = []
        while true {
            skipSpace()
            guard i < end else { break }
            let attributeName = try name()
            skipSpace()
            guard i < end, b[i] == UInt8(ascii: "=") else { throw SyntaxError(message: "属性 \(attributeName) 缺少 =") }
            i += 1
            skipSpace()
            guard i < end, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else {
                throw SyntaxError(message: "属性 \(attributeName) 的值缺少引号")
            }
            let quote = b[i]
            let valueStart = i + 1
            i = valueStart
            while i < end && b[i] != quote { i += 1 }
            guard i < end else { throw SyntaxError(message: "属性 \(attributeName) 的值没有结束") }
            attributes.append(Attribute(name: attributeName, value: try decoded(b, valueStart..<i)))
            i += 1
        }
        return (elementName, attributes)
    }

    /// Text with its entity and character references resolved.
    private static func decoded(_ b: Bytes, _ range: Range<Int>) throws -> String {
        var i = index(of: amp, in: b, from: range.lowerBound, to: range.upperBound)
        guard i < range.upperBound else { return try string(b, range) }
        var out = Array(b[range.lowerBound..<i])
        while i < range.upperBound {
            let byte = b[i]
            guard byte == amp else {
                out.append(byte)
                i += 1
                continue
            }
            let semicolon = index(of: UInt8(ascii: ";"), in: b, from: i, to: min(range.upperBound, i + 12))
            guard semicolon < min(range.upperBound, i + 12) else {
                throw SyntaxError(message: "不完整的实体引用（& 后没有 ;）；文字中的 & 应写作 &amp;")
            }
            out.append(contentsOf: try reference(String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<semicolon]), as: UTF8.self)))
            i = semicolon + 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw SyntaxError(message: "XML 中有不是 UTF-8 的字节") }
        return text
    }

    private static func reference(_ name: String) throws -> [UInt8] {
        switch name {
        case "lt": return [lt]
        case "gt": return [gt]
        case "amp": return [amp]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        case let other where other.hasPrefix("#"):
            guard let scalar = characterReference(other.dropFirst()) else {
                throw SyntaxError(message: "无效的字符引用 &\(other);")
            }
            return Array(String(Character(scalar)).utf8)
        case let other:
            throw SyntaxError(message: "未定义的实体引用 &\(other);（工作簿里不会有自定义实体）；请用 Excel 打开后重新保存")
        }
    }

    /// `#123` or `#x7B` as a character XML allows; nil otherwise.
    private static func characterReference(_ text: Substring) -> Unicode.Scalar? {
        let hex = text.hasPrefix("x")
        let digits = hex ? text.dropFirst() : text
        guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy({ hex ? $0.isHexDigit : $0.isWholeNumber }),
              let value = UInt32(digits, radix: hex ? 16 : 10) else { return nil }
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return Unicode.Scalar(value)
        default: return nil
        }
    }

    // MARK: Bytes

    private static func string(_ b: Bytes, _ range: Range<Int>) throws -> String {
        guard let text = String(validating: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) else {
            throw SyntaxError(message: "XML 中有不是 UTF-8 的字节")
        }
        return text
    }

    /// The first index of `byte` from `start` (before `end`, default the buffer's end); `end` when none.
    private static func index(of byte: UInt8, in b: Bytes, from start: Int, to end: Int? = nil) -> Int {
        let end = end ?? b.count
        guard start < end, let base = b.baseAddress, let found = memchr(base + start, Int32(byte), end - start) else { return end }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func has(_ pattern: [UInt8], in b: Bytes, at i: Int) -> Bool {
        guard i + pattern.count <= b.count else { return false }
        for (offset, byte) in pattern.enumerated() where b[i + offset] != byte { return false }
        return true
    }

    /// Whether the bytes from `i` to the end begin `pattern` (more may still come).
    private static func isPrefix(_ b: Bytes, from i: Int, of pattern: [UInt8]) -> Bool {
        let available = b.count - i
        return available < pattern.count && has(Array(pattern.prefix(available)), in: b, at: i)
    }

    private static func trimmed(_ b: Bytes, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && isSpace(b[lower]) { lower += 1 }
        while upper > lower && isSpace(b[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}
