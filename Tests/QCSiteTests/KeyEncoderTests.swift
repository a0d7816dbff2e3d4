import Foundation
import Testing
@testable import Publishing

/// Page keys are taken from the models by `KeyEncoder`: equal models give one key, and any
/// change to what a model encodes gives another.
@Suite("Page keys")
struct KeyEncoderTests {
    struct Row: Encodable, Equatable {
        var title: String
        var award: String?
        var score: Double
        var tags: [String]
    }

    struct Model: Encodable, Equatable {
        var name: String
        var year: Int
        var shown: Bool
        var rows: [Row]
        var notes: [String: String]
        var nested: [[Int]]
    }

    static func key(_ value: some Encodable) throws -> String {
        var key = InputKey()
        try KeyEncoder.add(value, to: &key)
        return key.value
    }

    static let model = Model(name: "示例单位", year: 2024, shown: true,
                             rows: [Row(title: "降低光缆熔接损耗", award: "一等奖", score: 86.5, tags: ["光缆", "熔接"]),
                                    Row(title: "提升接通率", award: nil, score: 0, tags: [])],
                             notes: ["a": "1", "b": "2"], nested: [[1], [2, 3]])

    @Test("Each change to what a model encodes changes its key; the same model keeps it")
    func changesChangeTheKey() throws {
        let base = try Self.key(Self.model)
        #expect(try Self.key(Self.model) == base)
        let changes: [(String, (inout Model) -> Void)] = [
            ("name", { $0.name += " " }), ("year", { $0.year += 1 }), ("shown", { $0.shown.toggle() }),
            ("a row's title", { $0.rows[0].title = "降低光缆熔接损耗率" }), ("an award taken away", { $0.rows[0].award = nil }),
            ("an award given", { $0.rows[1].award = "" }), ("a score", { $0.rows[0].score = 86.4 }),
            ("negative zero", { $0.rows[1].score = -0.0 }), ("rows swapped", { $0.rows.swapAt(0, 1) }),
            ("a tag split", { $0.rows[0].tags = ["光", "缆", "熔接"] }), ("tags joined", { $0.rows[0].tags = ["光缆熔接"] }),
            ("a note's value", { $0.notes["a"] = "2" }), ("notes' values swapped", { $0.notes = ["a": "2", "b": "1"] }),
            ("a note more", { $0.notes["c"] = "" }), ("arrays regrouped", { $0.nested = [[1, 2], [3]] }),
            ("an empty array more", { $0.nested.append([]) }), ("a row more", { $0.rows.append($0.rows[1]) }),
        ]
        var keys = [base: "the model"]
        for (name, change) in changes {
            var model = Self.model
            change(&model)
            #expect(model != Self.model || name == "negative zero", "\(name)")  // -0 == 0, yet prints apart
            let key = try Self.key(model)
            #expect(keys[key] == nil, "\(name) gives the key of \(keys[key] ?? "")")
            keys[key] = name
        }
    }

    struct Numbers: Encodable {
        var small: UInt8
        var wide: Int64
        var unsigned: UInt
        var single: Float
        var date: Date
    }

    @Test("Numbers of every width and dates are keyed by their value")
    func otherNumbers() throws {
        let numbers = Numbers(small: 7, wide: -3, unsigned: 5, single: 1.5, date: Date(timeIntervalSince1970: 0))
        let key = try Self.key(numbers)
        #expect(try Self.key(numbers) == key)
        var other = numbers
        other.small = 8
        #expect(try Self.key(other) != key)
        other = numbers
        other.single = 2.5
        #expect(try Self.key(other) != key)
        other = numbers
        other.date = Date(timeIntervalSince1970: 1)
        #expect(try Self.key(other) != key)
    }

    /// Items written as a plain value or through a nested container, in a given order.
    struct Mixed: Encodable {
        var nestedFirst: Bool

        enum Key: CodingKey { case a }

        func encode(to encoder: any Encoder) throws {
            var items = encoder.unkeyedContainer()
            if !nestedFirst { try items.encode("a") }
            var nested = items.nestedContainer(keyedBy: Key.self)
            try nested.encode(1, forKey: .a)
            if nestedFirst { try items.encode("a") }
        }
    }

    @Test("Items of an array keep their order, nested containers among them")
    func nestedOrder() throws {
        #expect(try Self.key(Mixed(nestedFirst: true)) != Self.key(Mixed(nestedFirst: false)))
        #expect(try Self.key(Mixed(nestedFirst: true)) == Self.key(Mixed(nestedFirst: true)))
    }

    @Test("A dictionary gives one key whatever order it holds its entries in")
    func dictionaryOrder() throws {
        let pairs = (0..<500).map { ("键\($0)", "值\($0 * 7 % 13)") }
        var forward: [String: String] = [:], backward: [String: String] = [:]
        for (key, value) in pairs { forward[key] = value }
        for (key, value) in pairs.reversed() { backward[key] = value }
        var small: [String: String] = [:]
        small.reserveCapacity(1)
        for (key, value) in pairs.shuffled() { small[key] = value }
        #expect(forward == backward && forward == small)
        let key = try Self.key(forward)
        #expect(try Self.key(backward) == key && Self.key(small) == key)
        // A JSON round trip gives yet another dictionary of the same entries.
        let decoded = try JSONDecoder().decode([String: String].self, from: JSONEncoder().encode(forward))
        #expect(try Self.key(decoded) == key)
    }
}
