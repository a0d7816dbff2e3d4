import Foundation
import ZIPFoundation

/// Writes a small Excel workbook the way Excel stores one: shared strings, an inline string,
/// numbers, and a date as a serial day number with a date format.
enum XLSXFixture {
    enum Cell {
        case shared(String), inline(String), number(String), date(Int)
    }

    static func make(rows: [[Cell]], at url: URL) throws {
        var strings: [String] = []
        func sharedIndex(_ s: String) -> Int {
            if let i = strings.firstIndex(of: s) { return i }
            strings.append(s)
            return strings.count - 1
        }
        var sheetRows = ""
        for (r, row) in rows.enumerated() {
            sheetRows += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = String(UnicodeScalar(UInt8(65 + c))) + String(r + 1)
                switch cell {
                case .shared(let s): sheetRows += "<c r=\"\(ref)\" t=\"s\"><v>\(sharedIndex(s))</v></c>"
                case .inline(let s): sheetRows += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(escape(s))</t></is></c>"
                case .number(let n): sheetRows += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                case .date(let serial): sheetRows += "<c r=\"\(ref)\" s=\"1\"><v>\(serial)</v></c>"
                }
            }
            sheetRows += "</row>"
        }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
            """),
            ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(rel)"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
            ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """),
            ("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(ns)"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs></styleSheet>
            """),
            ("xl/worksheets/sheet1.xml", """
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(ns)"><sheetData>\(sheetRows)</sheetData></worksheet>
            """),
            ("xl/sharedStrings.xml", """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(ns)">\(strings.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined())</sst>
            """),
        ]
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
