// zlib comes with ZIPFoundation (its CZlib module on Linux, the SDK's zlib elsewhere).
#if canImport(CZlib)
import CZlib
#elseif canImport(zlib)
import zlib
#endif

/// Raw deflate decompression with zlib, fed compressed chunks and handing on each inflated chunk,
/// so nothing larger than one buffer is held. Every call either consumes input or produces output,
/// so a corrupt stream ends in an error, never a loop.
struct Inflater {
    private final class Stream {
        var z = z_stream()
        deinit { inflateEnd(&z) }
    }

    private let stream = Stream()
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private(set) var finished = false

    init() throws {
        guard inflateInit2_(&stream.z, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipDirectory.Failure(message: "无法初始化解压")
        }
    }

    mutating func inflate(_ input: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard !finished, let base = input.baseAddress, !input.isEmpty else { return }
        let stream = self.stream
        stream.z.next_in = UnsafeMutablePointer(mutating: base)
        stream.z.avail_in = UInt32(input.count)
        defer { stream.z.next_in = nil; stream.z.avail_in = 0 }
        let capacity = output.count
        repeat {
            let (result, produced) = output.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.z.next_out = out.baseAddress
                stream.z.avail_out = UInt32(capacity)
                let result = zlibInflate(&stream.z)
                return (result, capacity - Int(stream.z.avail_out))
            }
            switch result {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END: finished = true
            default: throw ZipDirectory.Failure(message: "压缩数据损坏（文件已损坏）")
            }
            if produced > 0 { try output.withUnsafeBufferPointer { try emit(UnsafeBufferPointer(rebasing: $0[..<produced])) } }
            if result == Z_BUF_ERROR && produced == 0 { break }
        } while !finished && (stream.z.avail_in > 0 || stream.z.avail_out == 0)
    }

    /// The zip checksum of `bytes` continued from `crc` (0 to start).
    static func crc32(_ crc: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        return UInt32(truncatingIfNeeded: zlibCRC(uLong(crc), base, uInt(bytes.count)))
    }
}

// Top-level, where zlib's names are not shadowed by the methods above.
private func zlibInflate(_ z: inout z_stream) -> Int32 { inflate(&z, Z_NO_FLUSH) }
private func zlibCRC(_ crc: uLong, _ bytes: UnsafePointer<UInt8>, _ count: uInt) -> uLong { crc32(crc, bytes, count) }
