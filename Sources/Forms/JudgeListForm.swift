import Content

/// 评委名单: each judge and the organisation the judge belongs to, which decides 回避.
enum JudgeListForm {
    static func make(_ context: FormContext) -> Form {
        let judges = context.records.judges
        let extras = FormContext.extraColumns(judges.map(\.extra))
        let columns = FormContext.columns(YearReader.judgeColumns) { spec in
            spec.key == "judge"
                ? Form.Column(width: 12, help: "评委姓名，本年度内不重复；评分表中的「评委」与此一致")
                : Form.Column(width: 34,
                              rule: context.sealNameRule.map { rule in
                                  var rule = rule
                                  rule.alert = .information
                                  rule.error = "不是登记单位：高校、协会等外单位照填即可，该评委不回避任何成果。"
                                  return rule
                              },
                              help: "评委所在单位：登记单位的评委不评本单位的成果（回避）；高校、协会等外单位直接填写")
        }
        let rows = judges.enumerated().map { index, judge in
            [Form.Cell.text(judge.name), FormContext.text(judge.organisation)] + extras.cells[index]
        }
        return Form(fileName: "\(context.year)年评委名单.xlsx", sheetName: "评委名单",
                    title: "\(context.records.competition.title) 评委名单",
                    columns: columns + extras.headers.map(FormContext.extraColumn), rows: rows,
                    notes: [
                        "第一张工作表「评委名单」是导入用的表格：请勿修改表头；每行一位评委。",
                        "填好后另存为 \(context.yearFile("judges.xlsx"))，运行 qcsite import，再运行 qcsite forms \(context.year) 生成每位评委的评分表（已有的表格不会被覆盖：可加 --into 写到另一个文件夹）。",
                    ],
                    importAs: "judges.xlsx", isPublic: false)
    }
}
