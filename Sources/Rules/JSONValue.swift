import Foundation
import TextKeys

/// A JSON value for evidence and machine output, encoded with sorted keys so output is stable.
public enum JSONValue: Sendable, Equatable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String), int(Int), double(Double), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }

    /// A score as evidence: rounded to 4 decimals so JSON shows 86.25, not 86.24999999.
    public static func score(_ value: Double) -> JSONValue {
        .double((value * 10_000).rounded() / 10_000)
    }
}

extension JSONValue {
    /// The value as `JSONEncoder` with `.prettyPrinted`, `.sortedKeys` and
    /// `.withoutEscapingSlashes` writes it, byte for byte, written directly: a national year's
    /// `check --format json` has thousands of findings, and the encoder took a tenth of the run.
    public var prettyText: String {
        var out: [UInt8] = []
        appendPretty(to: &out, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func appendPretty(to out: inout [UInt8], level: Int) {
        func open(_ bracket: Character, _ count: Int) {
            out.append(UInt8(ascii: bracket.unicodeScalars.first!))
            out.append(UInt8(ascii: "\n"))
            if count == 0 { out.append(UInt8(ascii: "\n")) }
        }
        func close(_ bracket: Character) {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
            out.append(UInt8(ascii: bracket.unicodeScalars.first!))
        }
        func separate(_ index: Int, _ count: Int) {
            out.append(contentsOf: index < count - 1 ? [UInt8(ascii: ","), UInt8(ascii: "\n")] : [UInt8(ascii: "\n")])
        }
        switch self {
        case .string(let value): JSONText.appendString(value, to: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .double(let value):
            // The encoder's own number text (its rounding and exponent forms); scores are few.
            out.append(contentsOf: (try? JSONEncoder().encode(value)) ?? Data("null".utf8))
        case .array(let values):
            open("[", values.count)
            for (index, value) in values.enumerated() {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (level + 1)))
                value.appendPretty(to: &out, level: level + 1)
                separate(index, values.count)
            }
            close("]")
        case .object(let members):
            open("{", members.count)
            for (index, key) in members.keys.sorted(by: JSONText.keyOrder).enumerated() {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (level + 1)))
                JSONText.appendString(key, to: &out)
                out.append(contentsOf: " : ".utf8)
                members[key]!.appendPretty(to: &out, level: level + 1)
                separate(index, members.count)
            }
            close("}")
        }
    }
}
