import Diagnostics
import TextKeys

/// Gathers the rows a CSV or XLSX reader finds into a `Table`, holding every table to the
/// same limits and character checks: the first non-blank row is the header; at most
/// `InputLimits.dataRows` rows follow; a value beyond `InputLimits.columns` columns, a cell longer
/// than `InputLimits.cellCharacters` and a refused control character are errors of that row.
struct TableBuilder {
    /// Thrown when the table has more rows than allowed: reading stops there.
    struct TooManyRows: Error {}

    let path: String
    private(set) var log = ErrorLog()
    private var header: Table.Row?
    private var rows: [Table.Row] = []

    init(path: String) {
        self.path = path
    }

    /// Adds a row as read. Readers keep no cell beyond `InputLimits.columns` and name the first
    /// such column that held a value in `beyondColumns`; they find the `problems` of the cells
    /// (`CellProblem`), where they can do it once per text (an XLSX shared string, a CSV cell not held whole).
    mutating func add(_ row: Table.Row, beyondColumns: Int?, problems: [(column: Int, problem: CellProblem)]) throws {
        if let column = beyondColumns {
            log.add(path, row.line, "第 \(column + 1) 列有内容，表格最多 \(InputLimits.columns) 列 (too many columns)；请删除多余的列")
        }
        guard !row.isBlank else { return }
        for (column, problem) in problems {
            let message = problem.message(at: place(column))
            log.add(path, row.line, message)
        }
        if header == nil {
            header = row
            return
        }
        guard rows.count < InputLimits.dataRows else {
            log.add(path, row.line, "表格超过 \(InputLimits.dataRows) 行数据 (too many rows)；请检查是否多出了空白或重复的行，或把表格拆分")
            throw TooManyRows()
        }
        rows.append(row)
    }

    /// Adds an error of the reader itself at `line`.
    mutating func error(_ line: Int, _ message: String) {
        log.add(path, line, message)
    }

    /// "第 3 列（课题名称）" once the header is known.
    private func place(_ column: Int) -> String {
        let name = header.map { TextNormalization.trimmed($0[column]).prefix(20) } ?? ""
        return header == nil ? "表头第 \(column + 1) 列" : name.isEmpty ? "第 \(column + 1) 列" : "第 \(column + 1) 列（\(name)）"
    }

    /// The table, or every error found while reading it.
    func table() throws -> Table {
        try log.throwIfAny()
        guard let header else { return Table(path: path, header: [], rows: []) }
        return Table(path: path, header: header.cells.map(TextNormalization.trimmed), rows: rows, headerLine: header.line)
    }
}

/// Why a cell cannot be read: too long, or holding a refused character.
enum CellProblem {
    case tooLong(Int)
    case refused(String)

    init?(_ cell: String) {
        let count = cell.unicodeScalars.count
        if count > InputLimits.cellCharacters {
            self = .tooLong(count)
        } else if let refused = ControlCharacters.firstRefused(in: cell) {
            self = .refused(refused)
        } else {
            return nil
        }
    }

    func message(at place: String) -> String {
        switch self {
        case .tooLong(let count):
            "\(place)有 \(count) 个字符，超过单元格上限 \(InputLimits.cellCharacters) 个字符 (cell too long)；请缩短或删除"
        case .refused(let character):
            ControlCharacters.message(character, in: place)
        }
    }
}
