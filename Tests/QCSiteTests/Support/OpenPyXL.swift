import Foundation

/// openpyxl under python3: a second reader (and writer) of Excel workbooks, independent of
/// libxlsxwriter and of qcsite's own reader. CI installs it (python3-openpyxl).
enum OpenPyXL {
    /// The first python3 that imports openpyxl: the one on PATH, else Debian's, where
    /// python3-openpyxl installs it (a python3 earlier on PATH, such as pyenv's, may lack it).
    static let python: String? = ["python3", "/usr/bin/python3"].first { python in
        (try? run("import openpyxl", arguments: [], python: python))?.status == 0
    }
    static var isAvailable: Bool { python != nil }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `script` with the python3 that has openpyxl (`python`) and `arguments` as sys.argv[1:].
    static func run(_ script: String, arguments: [String]) throws -> Run {
        try run(script, arguments: arguments, python: python ?? "python3")
    }

    private static func run(_ script: String, arguments: [String], python: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Every workbook of a folder as openpyxl sees it: sheet names, the first sheet's rows (dates
    /// as YYYY-MM-DD), and its validations with the values a list validation offers.
    static let describe = #"""
    import json, os, sys, datetime, openpyxl
    from openpyxl.utils.cell import range_boundaries
    def text(v):
        if v is None: return ""
        if isinstance(v, datetime.datetime): return v.date().isoformat()
        if isinstance(v, float) and v.is_integer(): return str(int(v))
        return str(v)
    out = {}
    for name in sorted(os.listdir(sys.argv[1])):
        book = openpyxl.load_workbook(os.path.join(sys.argv[1], name))
        sheet = book.worksheets[0]
        validations = []
        for dv in sheet.data_validations.dataValidation:
            values = []
            if dv.type == "list" and "!" in dv.formula1:
                where, cells = dv.formula1.split("!")
                source = book[where.strip("'")]
                c1, r1, c2, r2 = range_boundaries(cells.replace("$", ""))
                values = [text(source.cell(row=r, column=c1).value) for r in range(r1, r2 + 1)]
            validations.append({"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1 or "",
                                "formula2": dv.formula2 or "", "alert": dv.errorStyle or "stop", "values": values})
        out[name] = {"sheets": book.sheetnames, "rows": [[text(v) for v in row] for row in sheet.iter_rows(values_only=True)],
                     "validations": validations}
    print(json.dumps(out, ensure_ascii=False))
    """#

    /// Fills cells of a workbook's first sheet and saves it elsewhere: argv = source, destination,
    /// then JSON {"F2": 12.5, ...}. openpyxl keeps formulas but no cached value, as a script would.
    static let fill = #"""
    import json, sys, openpyxl
    book = openpyxl.load_workbook(sys.argv[1])
    for cell, value in json.loads(sys.argv[3]).items():
        book.worksheets[0][cell] = value
    book.save(sys.argv[2])
    """#
}
