import Archive
import Content

/// 报名汇总表: one row per registered achievement, with the columns `import` reads for
/// `registrations`, filled with the year's registrations so far.
enum RegistrationForm {
    static func make(_ context: FormContext) -> Form {
        let year = context.year, rules = context.rules
        let columns = FormContext.columns(YearReader.registrationColumns) { spec in
            column(spec.key, context: context)
        }
        let registrations = context.records.registrations
        let extras = FormContext.extraColumns(registrations.map(\.extra))
        let people = Dictionary(grouping: context.records.people) { "\($0.registrationId)\u{0}\($0.role.rawValue)" }
        let materials = Dictionary(grouping: context.records.materials, by: \.registrationId)
        func names(_ id: String, _ role: RegistrationPerson.Role) -> String {
            (people["\(id)\u{0}\(role.rawValue)"] ?? []).sorted { $0.position < $1.position }.map(\.name).joined(separator: "、")
        }
        let rows = registrations.enumerated().map { index, r -> [Form.Cell] in
            YearReader.registrationColumns.map { spec -> Form.Cell in
                switch spec.key {
                case "id": .text(r.id)
                case "enterprise": .text(r.enterpriseNameAsWritten)
                case "group": FormContext.text(r.groupName)
                case "title": .text(r.title)
                case "type": FormContext.text(r.type)
                case "presenters": FormContext.text(names(r.id, .presenter))
                case "members": FormContext.text(names(r.id, .member))
                case "tutor": FormContext.text(r.tutor)
                case "registered_on": r.registeredOn.map(Form.Cell.date) ?? .empty
                case "contact": FormContext.text(r.contact)
                case "phone": FormContext.text(r.phone)
                case "email": FormContext.text(r.email)
                case "address": FormContext.text(r.address)
                case "postcode": FormContext.text(r.postcode)
                case "materials": FormContext.text((materials[r.id] ?? []).map(\.material).joined(separator: "、"))
                case "status": FormContext.text(statusText(r.status))
                default: .empty
                }
            } + extras.cells[index]
        }
        let until = context.records.stages.first { $0.stage == .registration }?.endsOn
        let notes = [
            "第一张工作表「报名汇总表」是导入用的表格：请勿修改、删除表头，也不要在表头上方插入行；每行填写一项成果。",
            "单位名称以公章为准，请从下拉列表中选择（列表见「可选值」工作表）。",
            "每家单位最多申报 \(rules.maxPerEnterprise) 项成果；每个参赛团队由 \(rules.presentersMin) 至 \(rules.presentersMax) 人发表。",
        ] + (until.map { ["报名截止日期：\($0)。"] } ?? []) + [
            "填好后另存为 \(context.yearFile("registrations.xlsx"))（替换原有的 registrations.csv），再运行 qcsite import。",
        ]
        return Form(fileName: "\(year)年报名汇总表.xlsx", sheetName: "报名汇总表",
                    title: "\(context.records.competition.title) 报名汇总表",
                    columns: columns + extras.headers.map(FormContext.extraColumn), rows: rows, notes: notes,
                    importAs: "registrations.xlsx", isPublic: registrations.isEmpty)
    }

    /// The status as the form spells it: empty while the entry takes part.
    private static func statusText(_ status: EntryStatus) -> String {
        switch status {
        case .active: ""
        case .withdrawn: "撤回"
        case .disqualified: "取消资格"
        }
    }

    private static func column(_ key: String, context: FormContext) -> Form.Column {
        let year = context.year, rules = context.rules
        switch key {
        case "id":
            return .init(width: 12, help: "成果编号，本年度内唯一，如 \(year)-001；不能含 / \\ ? # % 或空格")
        case "enterprise":
            return .init(width: 34, rule: context.sealNameRule, help: "单位名称（以公章为准），从下拉列表选择")
        case "group": return .init(width: 18, help: "QC 小组名称")
        case "title": return .init(width: 36, help: "课题名称")
        case "type":
            return .init(width: 12, rule: .init(check: .choice(rules.types), error: "请从列表中选择课题类型"),
                         help: "课题类型：\(rules.types.joined(separator: " 或 "))")
        case "presenters":
            return .init(width: 20, help: "发表人 \(rules.presentersMin) 至 \(rules.presentersMax) 人，姓名之间用「、」分隔")
        case "members": return .init(width: 28, help: "小组成员，姓名之间用「、」分隔")
        case "tutor": return .init(width: 10, help: "辅导者")
        case "registered_on":
            return .init(kind: .date, width: 12,
                         rule: .init(check: .date(from: [year, 1, 1], to: [year, 12, 31]),
                                     error: "请填 \(year) 年内的日期，如 \(year)-08-20"),
                         help: "报名日期，如 \(year)-08-20")
        case "contact": return .init(width: 10, help: "联系人（不会公开）")
        case "phone": return .init(width: 14, help: "联系电话（不会公开）")
        case "email": return .init(width: 22, help: "电子邮箱（不会公开）")
        case "address": return .init(width: 28, help: "详细通信地址（不会公开）")
        case "postcode": return .init(width: 8, help: "邮编（不会公开）")
        case "materials":
            return .init(width: 30, help: "已提交的材料，用「、」分隔：\(rules.materials.joined(separator: "、"))")
        case "status":
            return .init(width: 10, rule: .init(check: .choice(["正常", "撤回", "取消资格"]), error: "请留空，或选择 撤回 / 取消资格"),
                         help: "留空为正常参赛；撤回或取消资格的成果不参加评审，也不在网站上公布")
        default: return .init()
        }
    }
}
