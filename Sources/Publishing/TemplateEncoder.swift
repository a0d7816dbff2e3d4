/// Encodes a view model into the tree the templates read: objects of every stored property
/// (nil ones as `.null`), arrays, and the scalars as they are. A plain `Encoder`, so the
/// compiler derives each model's fields and none is listed by hand.
enum TemplateEncoder {
    static func encode(_ value: some Encodable) throws -> TemplateValue {
        let encoder = Encoder()
        try value.encode(to: encoder)
        return encoder.storage.value
    }

    /// What one `encode(to:)` produced: a keyed object, an array, or a single value.
    final class Storage {
        enum Kind { case none, object(TemplateFields), array([TemplateValue]), single(TemplateValue) }
        var kind = Kind.none

        var value: TemplateValue {
            switch kind {
            case .none: return .null
            case .object(let fields):
                TemplateAudit.gave(fields)
                return .object(fields)
            case .array(let items): return .array(items)
            case .single(let value): return value
            }
        }
    }

    /// A scalar is kept as it is; anything else is encoded into its own tree. Told by the static
    /// type (a comparison of two metadata pointers), not by a dynamic cast: most values boxed are
    /// nested models, each of which failed four casts (a national build boxes millions).
    static func box<T: Encodable>(_ value: T) throws -> TemplateValue {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Int.self { return .int(unsafeBitCast(value, to: Int.self)) }
        if T.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
        return try encode(value)
    }

    final class Encoder: Swift.Encoder {
        let storage = Storage()
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .none = storage.kind { storage.kind = .object(TemplateFields(capacity: TemplateFields.usualCount)) }
            return KeyedEncodingContainer(Keyed<Key>(storage: storage))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .none = storage.kind { storage.kind = .array([]) }
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
            guard case .object(var fields) = storage.kind else { return }
            storage.kind = .none  // release the fields so the write below does not copy them
            fields.append(key.stringValue, value)
            storage.kind = .object(fields)
        }

        mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(.int(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(.double(value), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try box(value), key) }

        // A nil optional is a field of the model all the same.
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { set(value.map(TemplateValue.string) ?? .null, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { set(value.map(TemplateValue.bool) ?? .null, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { set(value.map(TemplateValue.int) ?? .null, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { set(value.map(TemplateValue.double) ?? .null, key) }
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
        var count: Int {
            if case .array(let items) = storage.kind { return items.count }
            return 0
        }

        private func append(_ value: TemplateValue) {
            guard case .array(var items) = storage.kind else { return }
            storage.kind = .none
            items.append(value)
            storage.kind = .array(items)
        }

        mutating func encodeNil() throws { append(.null) }
        mutating func encode(_ value: String) throws { append(.string(value)) }
        mutating func encode(_ value: Bool) throws { append(.bool(value)) }
        mutating func encode(_ value: Int) throws { append(.int(value)) }
        mutating func encode(_ value: Double) throws { append(.double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { append(try box(value)) }

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

        mutating func encodeNil() throws { storage.kind = .single(.null) }
        mutating func encode(_ value: String) throws { storage.kind = .single(.string(value)) }
        mutating func encode(_ value: Bool) throws { storage.kind = .single(.bool(value)) }
        mutating func encode(_ value: Int) throws { storage.kind = .single(.int(value)) }
        mutating func encode(_ value: Double) throws { storage.kind = .single(.double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { storage.kind = .single(try box(value)) }
    }
}
