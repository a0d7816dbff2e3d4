import Archive

/// One judge's score sheet for a round: only the entries the judge may score (those of the
/// judge's own enterprise are left out, 回避 before the fact), one column per scoring item with
/// the item's maximum for the row's topic type as a validation, and a 总分 that sums the items.
enum ScoreSheetForm {
    /// A sheet the judge already returned for an entry, as archived.
    private typealias Archived = (items: [String: Double], total: Double, hasItems: Bool)

    static func make(_ context: FormContext, round: ScoreRound, judge: Judge, entries: [Registration]) -> Form {
        let rules = context.rules, items = itemOrder(rules)
        let roundName = round == .material ? "资料评审" : "现场发表"
        let given: [Form.Column] = [
            .init(header: "编号", kind: .given, width: 11, required: true, help: "成果编号（已填好，请勿修改）"),
            .init(header: "评委", kind: .given, width: 9, required: true, help: "评委姓名（已填好，请勿修改）"),
            .init(header: "单位名称", kind: .given, width: 30, help: "参评单位（仅供参考）"),
            .init(header: "课题名称", kind: .given, width: 34, help: "课题名称（仅供参考）"),
            .init(header: "课题类型", kind: .given, width: 11, help: "课题类型：决定本行评哪些项目、各项满分"),
        ]
        let itemColumns = items.map { item in
            Form.Column(header: item, kind: .number, width: 9, help: maximaText(item: item, rules: rules))
        }
        let total = Form.Column(header: "总分", kind: .number, width: 8,
                                help: "各项之和，由公式自动计算，仅供核对；导入时按各项分数重新计算")
        let firstItem = given.count, lastItem = given.count + items.count - 1
        let archived = archivedSheets(context.records, round: round, judge: judge.name)
        var rows: [[Form.Cell]] = []
        var cellRules: [Form.CellRule] = []
        for (index, entry) in entries.sorted(by: { $0.id < $1.id }).enumerated() {
            let maxima = Dictionary((rules.items[entry.type] ?? []).map { ($0.item, $0.maximum) }, uniquingKeysWith: { a, _ in a })
            let sheet = archived[entry.id]
            let scored = itemCells(entry, row: index, items: items, firstColumn: firstItem, maxima: maxima, sheet: sheet)
            rows.append([.text(entry.id), .text(judge.name), .text(context.sealName(entry.enterpriseId)),
                         .text(entry.title), FormContext.text(entry.type)]
                        + scored.cells + [totalCell(row: index + 1, items: firstItem...lastItem, maxima: maxima, sheet: sheet)])
            cellRules += scored.rules
        }
        return Form(fileName: "\(context.year)年\(roundName)评分表-\(FormFileName.safe(judge.name)).xlsx",
                    sheetName: "\(roundName)评分表", title: "\(context.records.competition.title) \(roundName)评分表（\(judge.name)）",
                    columns: given + itemColumns + [total], rows: rows, cellRules: cellRules,
                    notes: notes(context, round: round, roundName: roundName, judge: judge, count: rows.count),
                    importAs: "scores/\(round.rawValue)/", isPublic: false)
    }

    /// A row's item cells: open for the items of its topic type, each limited to the item's
    /// maximum, and closed (grey, to stay empty) for the others.
    private static func itemCells(_ entry: Registration, row: Int, items: [String], firstColumn: Int,
                                  maxima: [String: Double], sheet: Archived?) -> (cells: [Form.Cell], rules: [Form.CellRule]) {
        var cells: [Form.Cell] = []
        var rules: [Form.CellRule] = []
        let closed = "\(entry.type.isEmpty ? "本成果" : entry.type)不评此项，请留空"
        for (offset, item) in items.enumerated() {
            if let maximum = maxima[item] {
                cells.append(sheet?.items[item].map(Form.Cell.number) ?? .empty)
                rules.append(.init(row: row, column: firstColumn + offset, rule: .init(
                    check: .decimal(0...maximum), prompt: "\(entry.type)「\(item)」满分 \(score(maximum)) 分，可填小数",
                    error: "请填 0 至 \(score(maximum)) 之间的分数")))
            } else {
                cells.append(.blocked)
                rules.append(.init(row: row, column: firstColumn + offset, rule: .init(check: .empty, prompt: closed, error: closed)))
            }
        }
        return (cells, rules)
    }

    private static func notes(_ context: FormContext, round: ScoreRound, roundName: String, judge: Judge, count: Int) -> [String] {
        let rules = context.rules
        var notes = ["本表是评委 \(judge.name) 的\(roundName)评分表，共 \(count) 项成果。"]
        if judge.enterpriseId != nil {
            notes.append("与您同一单位（\(judge.organisation)）的成果已回避，不在表中。")
        }
        notes.append("每个评审项目填 0 至该项满分之间的分数，可填小数；灰色格是该课题类型不评的项目，请留空。")
        for type in rules.types {
            let list = rules.items[type] ?? []
            notes.append("\(type)：" + list.map { "\($0.item) \(score($0.maximum))" }.joined(separator: "、")
                         + "，满分 \(score(list.reduce(0) { $0 + $1.maximum }))。")
        }
        notes.append("请勿增删行，也不要修改编号、评委两列；「总分」由公式求和，导入时按各项分数重新计算。")
        notes.append("收回后，把各位评委的文件放入 \(context.yearFile("scores/\(round.rawValue)/")) 文件夹（文件名不限），运行 qcsite import。")
        return notes
    }

    /// The judge's archived sheets of the round by 编号, so a form made again keeps the scores given.
    private static func archivedSheets(_ records: YearRecords, round: ScoreRound, judge: String) -> [String: Archived] {
        var sheets: [String: Archived] = [:]
        for scored in records.sheets where scored.sheet.round == round && scored.sheet.judge == judge {
            let items = Dictionary(scored.items.map { ($0.item, $0.score) }, uniquingKeysWith: { a, _ in a })
            sheets[scored.sheet.registrationId] = (items, scored.sheet.total, scored.sheet.hasItems)
        }
        return sheets
    }

    /// The sum of the row's items as a formula, showing the archived sum (or nothing) until
    /// Excel recalculates; a sheet archived with 总分 alone keeps its number.
    private static func totalCell(row: Int, items: ClosedRange<Int>, maxima: [String: Double],
                                  sheet: Archived?) -> Form.Cell {
        if let sheet, !sheet.hasItems { return .number(sheet.total) }
        if maxima.isEmpty { return .empty }
        let range = "\(XLSXSheet.columnName(items.lowerBound))\(row + 1):\(XLSXSheet.columnName(items.upperBound))\(row + 1)"
        return .formula("=IF(COUNT(\(range))=0,\"\",SUM(\(range)))", cached: sheet.map(\.total))
    }

    /// Every item of any topic type, each type's items in its own order: an item only one type
    /// scores follows the item before it in that type (选题, 原因分析, 提出方案并确定最佳方案, 对策与实施 …).
    static func itemOrder(_ rules: CompetitionRules) -> [String] {
        var order: [String] = []
        for type in rules.types {
            var after = -1
            for item in (rules.items[type] ?? []).map(\.item) {
                if let index = order.firstIndex(of: item) {
                    after = index
                    continue
                }
                var at = after + 1
                // Past the items only the earlier types score, so shared items keep their neighbours.
                while at < order.count, !(rules.items[type] ?? []).contains(where: { $0.item == order[at] }) { at += 1 }
                order.insert(item, at: at)
                after = at
            }
        }
        return order
    }

    private static func maximaText(item: String, rules: CompetitionRules) -> String {
        let parts = rules.types.compactMap { type in
            rules.items[type]?.first { $0.item == item }.map { "\(type) \(score($0.maximum)) 分" }
        }
        return "满分：" + parts.joined(separator: "，")
    }

    /// 15 rather than 15.0.
    static func score(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}
