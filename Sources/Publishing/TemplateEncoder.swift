/// Encodes a view model into the tree the templates read (`TemplateValue`): objects of every
/// stored property (nil ones as `.null`), arrays, and the scalars as they are. A plain
/// `Encoder`, so the compiler derives each model's fields and none is listed by hand.
enum TemplateEncoder {
    static func encode(_ value: some Encodable) throws -> TemplateValue {
        let encoder = Encoder()
        try value.encode(to: encoder)
        return encoder.storage.value
    }

    /// What one `encode(to:)` produced: a keyed object, an array, or a single value.
    final class Storage {
        enum Kind { case none, object, array, single }
        var kind = Kind.none
        var fields: [(name: String, value: TemplateValue)] = []
        var items: [TemplateValue] = []
        var single = TemplateValue.null

        var value: TemplateValue {
            switch kind {
            case .none: return .null
            case .object:
                TemplateAudit.gave(fields.lazy.map(\.name))
                return .object(TemplateObject(fields: fields))
            case .array: return .array(items)
            case .single: return single
            }
        }
    }

    /// A scalar is kept as it is, Markdown is kept for the page to convert; anything else is
    /// encoded into its own tree.
    static func box(_ value: some Encodable) throws -> TemplateValue {
        switch value {
        case let string as String: .string(string)
        case let bool as Bool: .bool(bool)
        case let int as Int: .int(int)
        case let double as Double: .double(double)
        case let text as MarkdownText: .markdown(text)
        default: try encode(value)
        }
    }

    final class Encoder: Swift.Encoder {
        let storage = Storage()
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if storage.kind == .none { storage.kind = .object }
            return KeyedEncodingContainer(Keyed<Key>(storage: storage))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if storage.kind == .none { storage.kind = .array }
            return Unkeyed(storage: storage)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(storage: storage)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: Storage
        var codingPath: [any CodingKey] { [] }

        private func set(_ value: TemplateValue, _ key: Key) {
            storage.fields.append((key.stringValue, value))
        }

        mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(.int(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(.double(value), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try box(value), key) }

        // A nil optional is a field of the model all the same.
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { set(value.map { .string($0) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { set(value.map { .bool($0) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { set(value.map { .int($0) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { set(value.map { .double($0) } ?? .null, key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            set(try value.map(box) ?? .null, key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("view models have no nested containers")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("view models have no nested containers")
        }

        mutating func superEncoder() -> any Swift.Encoder { preconditionFailure("view models have no superclass") }
        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder { preconditionFailure("view models have no superclass") }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let storage: Storage
        var codingPath: [any CodingKey] { [] }
        var count: Int { storage.items.count }

        mutating func encodeNil() throws { storage.items.append(.null) }
        mutating func encode(_ value: String) throws { storage.items.append(.string(value)) }
        mutating func encode(_ value: Bool) throws { storage.items.append(.bool(value)) }
        mutating func encode(_ value: Int) throws { storage.items.append(.int(value)) }
        mutating func encode(_ value: Double) throws { storage.items.append(.double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { storage.items.append(try box(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("view models have no nested containers")
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            preconditionFailure("view models have no nested containers")
        }

        mutating func superEncoder() -> any Swift.Encoder { preconditionFailure("view models have no superclass") }
    }

    struct Single: SingleValueEncodingContainer {
        let storage: Storage
        var codingPath: [any CodingKey] { [] }

        private func set(_ value: TemplateValue) {
            storage.kind = .single
            storage.single = value
        }

        mutating func encodeNil() throws { set(.null) }
        mutating func encode(_ value: String) throws { set(.string(value)) }
        mutating func encode(_ value: Bool) throws { set(.bool(value)) }
        mutating func encode(_ value: Int) throws { set(.int(value)) }
        mutating func encode(_ value: Double) throws { set(.double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { set(try box(value)) }
    }
}
