import CXLSXWriter
import Content
import Foundation

/// An Excel workbook written through libxlsxwriter. Nothing reaches the disk before `close()`,
/// which writes the whole file at once.
final class XLSXWorkbook {
    let path: String
    private let handle: UnsafeMutablePointer<lxw_workbook>
    private var formats: [XLSXStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false

    init(path: String) throws {
        guard let handle = workbook_new(path) else { throw FormWriteError(path: path, "无法创建 Excel 文件") }
        self.path = path
        self.handle = handle
    }

    deinit {
        // Frees the workbook; the caller removes whatever half-written file it left.
        if !closed { workbook_close(handle) }
    }

    func addSheet(_ name: String) throws -> XLSXSheet {
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw FormWriteError(path: path, "无法添加工作表「\(name)」")
        }
        return XLSXSheet(handle: sheet, workbook: self)
    }

    func format(_ style: XLSXStyle?) -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        if let format = formats[style] { return format }
        let format = workbook_add_format(handle)!
        style.apply(to: format)
        formats[style] = format
        return format
    }

    /// Title and a fixed creation time: the same archive gives the same file contents. A form
    /// that is not for the public carries `InternalWorkbook.keyword`, which import refuses as a
    /// notice's attachment.
    func setProperties(title: String, created: Date, isPublic: Bool) throws {
        try title.withCString { titleText in
            try "qcsite".withCString { author in
                try (isPublic ? "" : InternalWorkbook.keyword).withCString { keywords in
                    var properties = lxw_doc_properties()
                    properties.title = UnsafeMutablePointer(mutating: titleText)
                    properties.author = UnsafeMutablePointer(mutating: author)
                    if !isPublic { properties.keywords = UnsafeMutablePointer(mutating: keywords) }
                    properties.created = time_t(created.timeIntervalSince1970)
                    try check(workbook_set_properties(handle, &properties))
                }
            }
        }
    }

    func close() throws {
        closed = true
        try check(workbook_close(handle))
    }

    func check(_ error: lxw_error) throws {
        guard error != LXW_NO_ERROR else { return }
        throw FormWriteError(path: path, "写入 Excel 文件失败：\(String(cString: lxw_strerror(error)))")
    }
}
