/// A digest of a set of (path, stamp) pairs that does not depend on their order: the sum of a
/// 128-bit hash of each pair, and their count. The output walk adds its files as it finds them,
/// on both cores, and need neither sort them nor keep them to compare with the build record.
public struct StampDigest: Sendable, Equatable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    public private(set) var count = 0

    public init() {}

    public mutating func add(_ path: String, _ values: [Int64]) {
        let (l, h) = Self.words(path, values)
        low &+= l
        high &+= h
        count += 1
    }

    /// Takes out what `add(path, values)` put in.
    public mutating func remove(_ path: String, _ values: [Int64]) {
        let (l, h) = Self.words(path, values)
        low &-= l
        high &-= h
        count -= 1
    }

    private static func words(_ path: String, _ values: [Int64]) -> (UInt64, UInt64) {
        var key = InputKey()
        key.add(path)
        for value in values { key.add(value) }
        return key.words
    }

    public mutating func add(_ other: StampDigest) {
        low &+= other.low
        high &+= other.high
        count += other.count
    }

    /// The digest of the parts together (each one core's share of a look); nil if one is.
    static func sum(_ parts: [StampDigest?]) -> StampDigest? {
        var digest = StampDigest()
        for part in parts {
            guard let part else { return nil }
            digest.add(part)
        }
        return digest
    }

    public var text: String {
        var key = InputKey()
        key.add(Int64(bitPattern: low))
        key.add(Int64(bitPattern: high))
        return "\(key.value) \(count)"
    }
}

extension StampDigest {
    mutating func add(_ path: String, _ stamp: FileStamp) {
        add(path, [stamp.size, stamp.modified])
    }

    mutating func remove(_ path: String, _ stamp: FileStamp) {
        remove(path, [stamp.size, stamp.modified])
    }
}
