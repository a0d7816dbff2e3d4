import Diagnostics

/// RFC 4180 records from UTF-8 bytes fed in chunks: quoted cells holding separators, quotes
/// ("") and line breaks; CRLF, LF or CR line ends. Works on bytes, since every byte of CSV
/// syntax is ASCII and never part of a longer UTF-8 sequence; keeps no more of a cell than the
/// cell limit allows (a longer cell is counted and reported, not held).
struct CSVTokenizer {
    struct Record {
        /// The physical line the record starts on.
        var line: Int
        var cells: [String]
        /// The first column beyond `InputLimits.columns` that held a value.
        var beyondColumns: Int?
        var problems: [(column: Int, problem: CellProblem)]
    }

    /// A cell whose bytes are no UTF-8: the file is in another encoding.
    struct NotUTF8: Error {}

    private let separator: UInt8
    private var record = Record(line: 1, cells: [], problems: [])
    private var cell: [UInt8] = []
    private var cellScalars = 0
    private var column = 0
    private var line = 1
    private var inQuotes = false
    private var afterQuote = false
    private var quoteLine = 0
    /// A quote inside a quoted cell: a doubled quote or the cell's end, told by the next byte.
    private var pendingQuote = false
    /// A carriage return: a line feed right after it belongs to the same line end.
    private var pendingCR = false

    init(separator: UInt8) {
        self.separator = separator
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Record) throws -> Void) throws {
        for byte in bytes { try take(byte, emit) }
    }

    /// Ends the last record; throws the line of a quoted cell never closed.
    mutating func finish(path: String, _ emit: (Record) throws -> Void) throws {
        if pendingQuote {
            pendingQuote = false
            inQuotes = false
        }
        if inQuotes {
            throw InputError(path: path, line: quoteLine, "引号未闭合 (a quoted cell is never closed): 检查此行的双引号是否成对")
        }
        if !cell.isEmpty || column > 0 || !record.cells.isEmpty { try endRecord(emit) }
    }

    private mutating func take(_ byte: UInt8, _ emit: (Record) throws -> Void) throws {
        if pendingCR {
            pendingCR = false
            if byte == 0x0A { return }
        }
        if pendingQuote {
            pendingQuote = false
            if byte == 0x22 {
                append(byte)
                return
            }
            inQuotes = false
            afterQuote = true
        }
        if inQuotes {
            switch byte {
            case 0x22: pendingQuote = true
            case 0x0A, 0x0D:
                pendingCR = byte == 0x0D
                line += 1
                append(0x0A)
            default: append(byte)
            }
            return
        }
        switch byte {
        case separator:
            try endCell()
        case 0x0A, 0x0D:
            pendingCR = byte == 0x0D
            try endRecord(emit)
            line += 1
            record.line = line
        case 0x22 where cell.isEmpty && cellScalars == 0 && !afterQuote:
            inQuotes = true
            quoteLine = line
        default:
            // Text after a closing quote ("a"b) is kept as Excel does rather than rejected.
            append(byte)
        }
    }

    private mutating func append(_ byte: UInt8) {
        if byte & 0xC0 != 0x80 { cellScalars += 1 }
        if cell.count < InputLimits.cellCharacters * 4 { cell.append(byte) }
    }

    private mutating func endCell() throws {
        defer {
            cell.removeAll(keepingCapacity: true)
            cellScalars = 0
            afterQuote = false
            column += 1
        }
        guard column < InputLimits.columns else {
            if !cell.isEmpty && record.beyondColumns == nil { record.beyondColumns = column }
            return
        }
        if cellScalars > InputLimits.cellCharacters {
            record.problems.append((column, .tooLong(cellScalars)))
            record.cells.append("")
            return
        }
        guard let text = String(validating: cell, as: UTF8.self) else { throw NotUTF8() }
        if let problem = CellProblem(text) { record.problems.append((column, problem)) }
        record.cells.append(text)
    }

    private mutating func endRecord(_ emit: (Record) throws -> Void) throws {
        try endCell()
        let finished = record
        record = Record(line: line, cells: [], problems: [])
        column = 0
        try emit(finished)
    }
}
