/// Encodes a view model into the tree the templates read: objects of every stored property
/// (nil ones as `TemplateNull`), arrays, and the scalars as they are. A plain `Encoder`, so the
/// compiler derives each model's fields and none is listed by hand.
enum TemplateEncoder {
    static func encode(_ value: some Encodable) throws -> Any {
        let encoder = Encoder()
        try value.encode(to: encoder)
        return encoder.storage.value
    }

    /// What one `encode(to:)` produced: a keyed object, an array, or a single value.
    final class Storage {
        enum Kind { case none, object([String: Any]), array([Any]), single(Any) }
        var kind = Kind.none

        var value: Any {
            switch kind {
            case .none: return TemplateNull()
            case .object(let fields):
                TemplateAudit.gave(fields)
                return TemplateObject(fields: fields)
            case .array(let items): return items
            case .single(let value): return value
            }
        }
    }

    /// A scalar is kept as it is; anything else is encoded into its own tree.
    static func box(_ value: some Encodable) throws -> Any {
        switch value {
        case let string as String: string
        case let bool as Bool: bool
        case let int as Int: int
        case let double as Double: double
        default: try encode(value)
        }
    }

    final class Encoder: Swift.Encoder {
        let storage = Storage()
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .none = storage.kind { storage.kind = .object([:]) }
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

        private func set(_ value: Any, _ key: Key) {
            guard case .object(var fields) = storage.kind else { return }
            storage.kind = .none  // release the dictionary so the write below does not copy it
            fields[key.stringValue] = value
            storage.kind = .object(fields)
        }

        mutating func encodeNil(forKey key: Key) throws { set(TemplateNull(), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(value, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try box(value), key) }

        // A nil optional is a field of the model all the same.
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { set(value ?? TemplateNull() as Any, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { set(value ?? TemplateNull() as Any, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { set(value ?? TemplateNull() as Any, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { set(value ?? TemplateNull() as Any, key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            set(try value.map(box) ?? TemplateNull(), key)
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

        private func append(_ value: Any) {
            guard case .array(var items) = storage.kind else { return }
            storage.kind = .none
            items.append(value)
            storage.kind = .array(items)
        }

        mutating func encodeNil() throws { append(TemplateNull()) }
        mutating func encode(_ value: String) throws { append(value) }
        mutating func encode(_ value: Bool) throws { append(value) }
        mutating func encode(_ value: Int) throws { append(value) }
        mutating func encode(_ value: Double) throws { append(value) }
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

        mutating func encodeNil() throws { storage.kind = .single(TemplateNull()) }
        mutating func encode(_ value: String) throws { storage.kind = .single(value) }
        mutating func encode(_ value: Bool) throws { storage.kind = .single(value) }
        mutating func encode(_ value: Int) throws { storage.kind = .single(value) }
        mutating func encode(_ value: Double) throws { storage.kind = .single(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { storage.kind = .single(try box(value)) }
    }
}
