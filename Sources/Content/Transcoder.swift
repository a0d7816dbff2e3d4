#if canImport(Glibc)
import Glibc
#endif

/// Converts text to UTF-8 chunk by chunk with iconv, carrying a character split between two
/// chunks over to the next; any invalid sequence makes the whole conversion fail.
final class Transcoder {
    struct Invalid: Error {}

    private let converter: iconv_t
    private var carried: [UInt8] = []

    init?(from encoding: String) {
        guard let converter = iconv_open("UTF-8", encoding), converter != iconv_t(bitPattern: -1) else { return nil }
        self.converter = converter
    }

    deinit { iconv_close(converter) }

    /// The UTF-8 of `bytes`; at `final`, an unfinished character is an error.
    func convert(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) throws -> [UInt8] {
        var input = carried + bytes
        carried = []
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var produced = 0
        var consumed = 0
        while consumed < input.count {
            let (result, code, read, written) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress! + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuffer.count - consumed, outLeft = outBuffer.count - produced
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, errno, inBuffer.count - consumed - inLeft, outBuffer.count - produced - outLeft)
                }
            }
            consumed += read
            produced += written
            if result != -1 { continue }
            switch code {
            case E2BIG: output.append(contentsOf: [UInt8](repeating: 0, count: output.count))
            case EINVAL where !final:
                carried = Array(input[consumed...])
                consumed = input.count
            default: throw Invalid()
            }
        }
        output.removeLast(output.count - produced)
        return output
    }
}
