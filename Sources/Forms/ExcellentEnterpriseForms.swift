import Content
import Rules

/// 优秀企业申报表 and the two tables that go with it: the awards the applicants claim
/// (获奖情况) and their publications, each a workbook whose first sheet `import` reads.
enum ExcellentEnterpriseForms {
    static func make(_ context: FormContext) -> [Form] {
        [applications(context), claims(context), publications(context)]
    }

    static func applications(_ context: FormContext) -> Form {
        let year = context.year, rules = context.rules
        let applications = context.records.applications
        let extras = FormContext.extraColumns(applications.map(\.extra))
        let columns = FormContext.columns(YearReader.applicationColumns) { spec -> Form.Column in
            switch spec.key {
            case "id": .init(width: 12, help: "申报编号，本年度内唯一，如 \(year)-E01；不能含 / \\ ? # % 或空格")
            case "enterprise": .init(width: 34, rule: context.sealNameRule, help: "申报单位（以公章为准），从下拉列表选择")
            case "member_unit":
                .init(width: 30,
                      rule: context.memberUnitNames.isEmpty ? nil : .init(
                          check: .choice(context.memberUnitNames), alert: .warning,
                          error: "不是登记的会员单位名称；简称须已在 enterprises.yaml 中登记为别名"),
                      help: "推荐的会员单位；每个会员单位限推荐 \(rules.perMemberUnit) 家。留空则按登记的所属会员单位")
            case "profile":
                .init(width: 60,
                      help: "开展活动事迹简介，不超过 \(rules.profileMaxChars) 字；较长的也可写在 writeups/enterprise-<申报编号>.md")
            case "result":
                .init(width: 10, rule: .init(check: .choice(["优秀企业"]), error: "请留空，或选择 优秀企业"),
                      help: "评选结果，由协会填写：优秀企业 或留空")
            default: .init(width: 16, help: "\(spec.chinese)（不会公开）")
            }
        }
        let rows = applications.enumerated().map { index, a -> [Form.Cell] in
            YearReader.applicationColumns.map { spec -> Form.Cell in
                switch spec.key {
                case "id": .text(a.id)
                case "enterprise": .text(context.sealName(a.enterpriseId))
                case "member_unit": FormContext.text(a.memberUnitAsWritten)
                case "profile": FormContext.text(a.profile)
                case "result": FormContext.text(a.result)
                case "contact": FormContext.text(a.contact)
                case "phone": FormContext.text(a.phone)
                case "email": FormContext.text(a.email)
                case "address": FormContext.text(a.address)
                case "postcode": FormContext.text(a.postcode)
                default: .empty
                }
            } + extras.cells[index]
        }
        return Form(fileName: "\(year)年优秀企业申报表.xlsx", sheetName: "优秀企业申报表",
                    title: "\(context.records.competition.title) 质量管理小组活动优秀企业申报表",
                    columns: columns + extras.headers.map(FormContext.extraColumn), rows: rows,
                    notes: [
                        "第一张工作表「优秀企业申报表」是导入用的表格：请勿修改表头；每行一家申报单位。",
                        "申报条件：近 \(rules.excellentWindowYears) 年内（\(year - rules.excellentWindowYears)–\(year - 1) 年）获得过全省优秀 QC 小组（\(rules.excellentGroupAwards.joined(separator: "、"))），并在省级及以上刊物或会议上发表过论文、成果或经验。",
                        "三年来获奖情况填在《\(year)年优秀企业获奖情况表》，发表情况填在《\(year)年优秀企业论文发表情况表》，两表用同一个申报编号。",
                        "填好后另存为 \(context.yearFile("excellent-enterprises.xlsx"))，运行 qcsite import。",
                    ],
                    importAs: "excellent-enterprises.xlsx", isPublic: applications.isEmpty)
    }

    static func claims(_ context: FormContext) -> Form {
        let year = context.year, rules = context.rules
        let claims = context.records.claims
        let extras = FormContext.extraColumns(claims.map(\.extra))
        let columns = FormContext.columns(YearReader.claimColumns) { spec -> Form.Column in
            switch spec.key {
            case "application": .init(width: 12, rule: applicationRule(context), help: "申报编号，与优秀企业申报表一致")
            case "year":
                .init(kind: .number, width: 10,
                      rule: .init(check: .whole(1990...year), error: "请填四位年份，如 \(year - 1)"),
                      help: "获奖年份（四位数）；\(year - rules.excellentWindowYears)–\(year - 1) 年的获奖计入申报条件")
            case "group": .init(width: 18, help: "获奖的 QC 小组名称")
            case "title": .init(width: 36, help: "获奖课题名称，与当年报名时一致，以便与存档核对")
            case "award":
                .init(width: 10, rule: .init(check: .choice(rules.awardNames), alert: .warning, error: "不是本竞赛的奖项名称"),
                      help: "所获奖项：\(rules.awardNames.joined(separator: "、"))")
            default: .init()
            }
        }
        let rows = claims.enumerated().map { index, c -> [Form.Cell] in
            YearReader.claimColumns.map { spec -> Form.Cell in
                switch spec.key {
                case "application": .text(c.applicationId)
                case "year": .number(Double(c.claimedYear))
                case "group": FormContext.text(c.groupName)
                case "title": FormContext.text(c.title)
                case "award": FormContext.text(c.award)
                default: .empty
                }
            } + extras.cells[index]
        }
        return Form(fileName: "\(year)年优秀企业获奖情况表.xlsx", sheetName: "获奖情况",
                    title: "\(context.records.competition.title) 优秀企业申报 三年来获奖情况",
                    columns: columns + extras.headers.map(FormContext.extraColumn), rows: rows,
                    notes: [
                        "第一张工作表「获奖情况」是导入用的表格：请勿修改表头；每行一项获奖，写明所属单位的小组名称、获奖课题名称和获奖年份。",
                        "获奖情况将与存档中的历年结果核对，请与当年公布的名称一致。",
                        "填好后另存为 \(context.yearFile("claims.xlsx"))，运行 qcsite import。",
                    ],
                    importAs: "claims.xlsx", isPublic: claims.isEmpty)
    }

    static func publications(_ context: FormContext) -> Form {
        let year = context.year, rules = context.rules
        let publications = context.records.publications
        let extras = FormContext.extraColumns(publications.map(\.extra))
        let columns = FormContext.columns(YearReader.publicationColumns) { spec -> Form.Column in
            switch spec.key {
            case "application": .init(width: 12, rule: applicationRule(context), help: "申报编号，与优秀企业申报表一致")
            case "title": .init(width: 36, help: "论文、成果或经验的题目")
            case "venue": .init(width: 24, help: "发表的刊物或会议")
            case "level":
                .init(width: 10,
                      rule: .init(check: .choice(["国际", "国家级", "省级", "市级"]), alert: .warning, error: "级别应为 国际、国家级、省级 或 市级"),
                      help: "级别：省级及以上（省级、国家级、国际）才计入申报条件")
            case "date":
                .init(kind: .date, width: 12,
                      help: "发表日期，如 \(year - 1)-04-03；\(year - rules.excellentWindowYears)–\(year) 年发表的才计入")
            default: .init()
            }
        }
        let rows = publications.enumerated().map { index, p -> [Form.Cell] in
            YearReader.publicationColumns.map { spec -> Form.Cell in
                switch spec.key {
                case "application": .text(p.applicationId)
                case "title": FormContext.text(p.title)
                case "venue": FormContext.text(p.venue)
                case "level": FormContext.text(p.level)
                case "date": p.publishedOn.map(Form.Cell.date) ?? .empty
                default: .empty
                }
            } + extras.cells[index]
        }
        return Form(fileName: "\(year)年优秀企业论文发表情况表.xlsx", sheetName: "发表情况",
                    title: "\(context.records.competition.title) 优秀企业申报 论文发表情况",
                    columns: columns + extras.headers.map(FormContext.extraColumn), rows: rows,
                    notes: [
                        "第一张工作表「发表情况」是导入用的表格：请勿修改表头；每行一篇论文、成果或经验。",
                        "填好后另存为 \(context.yearFile("publications.xlsx"))，运行 qcsite import。",
                    ],
                    importAs: "publications.xlsx", isPublic: publications.isEmpty)
    }

    /// A drop-down of the year's application ids once there are any.
    private static func applicationRule(_ context: FormContext) -> Form.Rule? {
        let ids = context.records.applications.map(\.id)
        return ids.isEmpty ? nil : .init(check: .choice(ids), alert: .warning, error: "不是已导入的申报编号")
    }
}
