import Foundation
import TextKeys

/// A table read from a CSV or XLSX file: a header and rows that remember their line.
public struct Table: Sendable, Equatable {
    /// The file as named in error messages.
    public var path: String
    public var header: [String]
    public var rows: [Row]

    /// One data row; `line` is the 1-based line of the CSV record's start, or the XLSX row number.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var cells: [String]

        public init(line: Int, cells: [String]) {
            self.line = line
            self.cells = cells
        }

        public subscript(index: Int?) -> String {
            guard let index, index < cells.count else { return "" }
            return cells[index]
        }

        var isBlank: Bool { cells.allSatisfy { TextNormalization.trimmed($0).isEmpty } }
    }

    /// The line of the header, for errors about columns.
    public var headerLine: Int

    public init(path: String, header: [String], rows: [Row], headerLine: Int = 1) {
        self.path = path
        self.header = header
        self.rows = rows
        self.headerLine = headerLine
    }
}

/// Reads a table file of either kind, chosen by extension.
public enum TableReader {
    public static func read(_ url: URL, displayPath: String) throws -> Table {
        switch url.pathExtension.lowercased() {
        case "xlsx": return try XLSXReader.read(url, displayPath: displayPath)
        default: return try CSVReader.read(url, displayPath: displayPath)
        }
    }
}
