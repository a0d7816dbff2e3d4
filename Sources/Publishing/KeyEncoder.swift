import Foundation

/// Adds what a value encodes (`Encodable`) to an input key without writing it out: a page's
/// key is taken from its model on every build, for every page, kept or not.
///
/// Each scalar is added with a tag of its type. An array (or other unkeyed container) adds
/// its items in order. The fields of an object (a keyed container) are each keyed on their own,
/// name and value together, and summed, so their order does not count: a dictionary, which
/// encodes its entries in a different order in every process, gives the same key in each.
package enum KeyEncoder {
    /// What one value encoded: its items in order, its fields as a sum, and containers nested
    /// in it that are complete only once its `encode(to:)` has returned.
    final class Node: Encoder {
        var sequence = InputKey()
        var fields: (UInt64, UInt64, count: Int64) = (0, 0, 0)
        var nested: [(name: String?, node: Node)] = []

        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(node: self))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(node: self) }

        func singleValueContainer() -> any SingleValueEncodingContainer { Unkeyed(node: self) }

        /// The node's key added to `key`: a tag, its items, the sum of its fields and their count.
        func add(to key: inout InputKey) {
            for (name, node) in nested {
                if let name { addField(name) { node.add(to: &$0) } } else { node.add(to: &sequence) }
            }
            nested = []
            key.add(Tag.node)
            key.add(sequence)
            key.add(Int64(bitPattern: fields.0))
            key.add(Int64(bitPattern: fields.1))
            key.add(fields.count)
        }

        /// A field, its name and value keyed together and added to the sum.
        func addField(_ name: String, _ value: (inout InputKey) throws -> Void) rethrows {
            var field = InputKey()
            field.add(name)
            try value(&field)
            let (low, high) = field.words
            fields = (fields.0 &+ low, fields.1 &+ high, fields.count + 1)
        }

        /// A container nested in this one, complete only later: an item of an array marks its
        /// place in the sequence now, so that items keep their order.
        func nestedNode(_ name: String?) -> Node {
            let node = Node()
            if name == nil {
                sequence.add(Tag.nested)
                sequence.add(Int64(nested.count))
            }
            nested.append((name, node))
            return node
        }
    }

    enum Tag {
        static let node: Int64 = 1, null: Int64 = 2, string: Int64 = 3, bool: Int64 = 4, int: Int64 = 5, double: Int64 = 7,
                   nested: Int64 = 8
    }

    static func add(_ value: String, to key: inout InputKey) { key.add(Tag.string); key.add(value) }
    static func add(_ value: Bool, to key: inout InputKey) { key.add(Tag.bool); key.add(Int64(value ? 1 : 0)) }
    static func add(_ value: Int, to key: inout InputKey) { key.add(Tag.int); key.add(Int64(value)) }
    static func add(_ value: Double, to key: inout InputKey) { key.add(Tag.double); key.add(Int64(bitPattern: value.bitPattern)) }

    /// A value as its tag and bytes; anything but a scalar as a node of its own.
    package static func add<T: Encodable>(_ value: T, to key: inout InputKey) throws {
        // The common scalars told by their type alone: a cast of the value to each would box it
        // for every field of every page (a national site keys millions of values per build).
        if T.self == String.self { return add(unsafeBitCast(value, to: String.self), to: &key) }
        if T.self == Int.self { return add(unsafeBitCast(value, to: Int.self), to: &key) }
        if T.self == Bool.self { return add(unsafeBitCast(value, to: Bool.self), to: &key) }
        if T.self == Double.self { return add(unsafeBitCast(value, to: Double.self), to: &key) }
        // Other numbers encode themselves as single values: by their text, never as a node.
        if let (tag, text) = otherNumber(value) {
            key.add(tag)
            key.add(text)
            return
        }
        let node = Node()
        try value.encode(to: node)
        node.add(to: &key)
    }

    /// The tag and text of a value of another of the number types an encoder takes as they are
    /// (every other type encodes itself through those); nil for any other type. Told by the
    /// type, not by casts to `BinaryInteger` and `FloatingPoint`: a failed cast looks up the
    /// conformance, for every struct and array of every page.
    private static func otherNumber<T>(_ value: T) -> (Int64, String)? {
        func text<N>(_ type: N.Type) -> String { "\(unsafeBitCast(value, to: N.self))" }
        switch ObjectIdentifier(T.self) {
        case ObjectIdentifier(Int8.self): return (Tag.int, text(Int8.self))
        case ObjectIdentifier(Int16.self): return (Tag.int, text(Int16.self))
        case ObjectIdentifier(Int32.self): return (Tag.int, text(Int32.self))
        case ObjectIdentifier(Int64.self): return (Tag.int, text(Int64.self))
        case ObjectIdentifier(UInt.self): return (Tag.int, text(UInt.self))
        case ObjectIdentifier(UInt8.self): return (Tag.int, text(UInt8.self))
        case ObjectIdentifier(UInt16.self): return (Tag.int, text(UInt16.self))
        case ObjectIdentifier(UInt32.self): return (Tag.int, text(UInt32.self))
        case ObjectIdentifier(UInt64.self): return (Tag.int, text(UInt64.self))
        case ObjectIdentifier(Int128.self): return (Tag.int, text(Int128.self))
        case ObjectIdentifier(UInt128.self): return (Tag.int, text(UInt128.self))
        case ObjectIdentifier(Float.self): return (Tag.double, text(Float.self))
        default: return nil
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { node.addField(key.stringValue) { $0.add(Tag.null) } }
        // The scalars spelled out: the generic `encode` would find their type by a dynamic cast.
        mutating func encode(_ value: String, forKey key: Key) throws { node.addField(key.stringValue) { KeyEncoder.add(value, to: &$0) } }
        mutating func encode(_ value: Int, forKey key: Key) throws { node.addField(key.stringValue) { KeyEncoder.add(value, to: &$0) } }
        mutating func encode(_ value: Bool, forKey key: Key) throws { node.addField(key.stringValue) { KeyEncoder.add(value, to: &$0) } }
        mutating func encode(_ value: Double, forKey key: Key) throws { node.addField(key.stringValue) { KeyEncoder.add(value, to: &$0) } }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try node.addField(key.stringValue) { try KeyEncoder.add(value, to: &$0) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(node: node.nestedNode(key.stringValue)))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(node: node.nestedNode(key.stringValue))
        }

        mutating func superEncoder() -> any Encoder { node.nestedNode("super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { node.nestedNode(key.stringValue) }
    }

    /// An array's items, or a single value, added in order.
    struct Unkeyed: UnkeyedEncodingContainer, SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var count = 0

        init(node: Node) { self.node = node }

        mutating func encodeNil() throws {
            node.sequence.add(Tag.null)
            count += 1
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try KeyEncoder.add(value, to: &node.sequence)
            count += 1
        }

        mutating func encode(_ value: String) throws {
            KeyEncoder.add(value, to: &node.sequence)
            count += 1
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            count += 1
            return KeyedEncodingContainer(Keyed<NestedKey>(node: node.nestedNode(nil)))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            return Unkeyed(node: node.nestedNode(nil))
        }

        mutating func superEncoder() -> any Encoder {
            count += 1
            return node.nestedNode(nil)
        }
    }
}
