import Foundation
import ZIPFoundation

/// A small workbook as its XML parts, zipped as Excel zips them.
enum WorkbookParts {
    static func parts(rows: [[String]]) -> [String: Data] {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var strings: [String] = []
        var sheet = ""
        for (r, row) in rows.enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() {
                let ref = String(UnicodeScalar(UInt8(65 + c))) + String(r + 1)
                if c == 3 && r > 0 {
                    sheet += "<c r=\"\(ref)\" s=\"1\"><v>\(value)</v></c>"
                } else if c == 2 {
                    sheet += "<c r=\"\(ref)\" t=\"inlineStr\"><is><r><t>\(value)</t></r><rPh><t>注音</t></rPh></is></c>"
                } else {
                    strings.append(value)
                    sheet += "<c r=\"\(ref)\" t=\"s\"><v>\(strings.count - 1)</v></c>"
                }
            }
            sheet += "</row>"
        }
        let texts = [
            "[Content_Types].xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
            "xl/workbook.xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(ns)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            "xl/styles.xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(ns)\"><numFmts><numFmt numFmtId=\"176\" formatCode=\"yyyy/m/d\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"176\"/></cellXfs></styleSheet>",
            "xl/sharedStrings.xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(ns)\">\(strings.map { "<si><t>\($0)</t></si>" }.joined())</sst>",
            "xl/worksheets/sheet1.xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(ns)\"><sheetData>\(sheet)</sheetData></worksheet>",
        ]
        return texts.mapValues { Data($0.utf8) }
    }

    static func zip(_ parts: [String: Data], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
