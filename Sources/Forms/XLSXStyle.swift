import CXLSXWriter

/// The few cell looks the forms use; each becomes one libxlsxwriter format per workbook.
enum XLSXStyle: Hashable {
    /// The header row: bold on grey, wrapped.
    case header
    /// Text as typed: "030001" stays a postcode and "2025-001" an id, never a number.
    case text
    /// Filled in from the archive and not to be changed (编号, 评委 of a score sheet).
    case given
    case date
    case number
    /// An item the row's topic type does not score.
    case blocked
    /// Help text on the second sheet.
    case note
    case title

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        switch self {
        case .header:
            format_set_bold(format)
            format_set_bg_color(format, 0xD9E1F2)
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .text:
            format_set_num_format(format, "@")
        case .given:
            format_set_num_format(format, "@")
            format_set_bg_color(format, 0xF2F2F2)
        case .date:
            format_set_num_format(format, "yyyy-mm-dd")
        case .number:
            break  // General: scores and years show as typed
        case .blocked:
            format_set_bg_color(format, 0xBFBFBF)
        case .note:
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .title:
            format_set_bold(format)
            format_set_font_size(format, 14)
        }
    }
}
