/// The 64-bit FNV-1a hash: short stable keys for bytes (a year's files, a search file's name).
/// Not a security measure.
package struct FNV1a {
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    package mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }

    /// `add` for bytes in memory, as one tight loop (the generic one is not specialised across modules).
    package mutating func add(_ buffer: UnsafeRawBufferPointer) {
        var hash = value
        for index in 0..<buffer.count {
            hash = (hash ^ UInt64(buffer[index])) &* 0x0000_0100_0000_01b3
        }
        value = hash
    }
}
