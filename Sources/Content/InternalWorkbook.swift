import Foundation

/// A workbook `qcsite forms` filled in from the archive (registrations with their contacts,
/// judges, score sheets): for staff and judges only. The writer marks it in the workbook's
/// properties (its keywords), so that a notice attaching it is refused instead of publishing
/// the contacts — even when the blank form a notice attached was later replaced by a filled one.
public enum InternalWorkbook {
    /// The keyword `qcsite forms` writes into a form that is not for the public.
    public static let keyword = "qcsite-internal"

    /// Whether the workbook at `url` carries the mark. A file that is no readable workbook
    /// carries none: what it is, is not this check's business.
    static func isMarked(_ url: URL) -> Bool {
        guard let zip = try? ZipDirectory(url: url), let entry = zip.entry("docProps/core.xml") else { return false }
        var bytes: [UInt8] = []
        do {
            try zip.read(entry, limit: 1 << 20) { bytes.append(contentsOf: $0) }
        } catch {
            return false
        }
        return String(decoding: bytes, as: UTF8.self).contains("<cp:keywords>\(keyword)</cp:keywords>")
    }
}
