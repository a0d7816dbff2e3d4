import Foundation
import Archive
import Diagnostics
import Parallelism
import SafePaths
import TextKeys

/// Reads one `years/<YYYY>/` folder into the records of that year.
package struct YearReader {
    let year: Int
    let displayPath: String
    /// The content folder, and the year's folder inside it (`years/2024`).
    let source: SourceFolder
    let folder: String
    let resolver: EnterpriseResolver
    /// The year's write-ups as archived, by registration, and the source key of each file of
    /// the year's folder read for its fingerprint, by its path there (`Fingerprint.of`): a
    /// write-up whose file has the key it was archived with is taken as archived, unread.
    var archivedWriteups: [String: Writeup] = [:]
    var sourceKeys: [String: String] = [:]
    /// Bytes of files of the year's folder as its fingerprint read them, by path there
    /// (`Fingerprint.of`): a write-up among them is parsed from them, not read again.
    var fingerprinted: [String: Data] = [:]

    package static let registrationColumns: [ColumnSpec] = [
        .required("id", "编号"), .required("enterprise", "单位名称", "企业名称"),
        .required("group", "小组名称", "QC小组名称"), .required("title", "课题名称"),
        .required("type", "课题类型"), .optional("presenters", "发表人"), .optional("members", "小组成员"),
        .optional("tutor", "辅导者"), .optional("registered_on", "报名日期"), .optional("contact", "联系人"),
        .optional("phone", "联系电话"), .optional("email", "电子邮箱", "邮箱"), .optional("address", "详细通信地址", "通信地址"),
        .optional("postcode", "邮编"), .optional("materials", "材料"), .optional("status", "状态"),
    ]
    package static let judgeColumns: [ColumnSpec] = [.required("judge", "评委"), .optional("enterprise", "单位名称")]
    static let awardColumns: [ColumnSpec] = [.required("id", "编号"), .optional("award", "奖项"), .optional("shortlisted", "入围")]
    package static let applicationColumns: [ColumnSpec] = [
        .required("id", "申报编号"), .required("enterprise", "单位名称"), .optional("member_unit", "推荐单位"),
        .optional("profile", "事迹简介"), .optional("result", "评选结果"), .optional("contact", "联系人"),
        .optional("phone", "联系电话"), .optional("email", "电子邮箱"), .optional("address", "详细通信地址"),
        .optional("postcode", "邮编"),
    ]
    package static let decisionColumns: [ColumnSpec] = [
        .required("rule", "规则"), .required("subject", "对象"), .required("note", "处理意见"), .required("date", "日期"),
    ]
    package static let claimColumns: [ColumnSpec] = [
        .required("application", "申报编号"), .required("year", "获奖年份"), .optional("group", "小组名称"),
        .required("title", "课题名称"), .required("award", "奖项"),
    ]
    package static let publicationColumns: [ColumnSpec] = [
        .required("application", "申报编号"), .required("title", "题目"), .optional("venue", "刊物或会议"),
        .optional("level", "级别"), .optional("date", "发表日期"),
    ]

    /// The table `name.csv` or `name.xlsx` of the year, if present; one that is there but
    /// cannot be read is an error, never an absent table.
    private func table(_ name: String, log: inout ErrorLog) -> Table? {
        guard let found = log.attempt({ () throws -> (URL?, URL?) in
            (try source.file(folder + "/" + name + ".csv"), try source.file(folder + "/" + name + ".xlsx"))
        }) else { return nil }
        switch found {
        case (_?, _?):
            log.add(displayPath + "/" + name + ".xlsx", 0, "同时存在 \(name).csv 和 \(name).xlsx；请只保留一个")
            return nil
        case let (csv?, nil):
            return log.attempt { try TableReader.read(csv, displayPath: displayPath + "/" + name + ".csv") }
        case let (nil, xlsx?):
            return log.attempt { try TableReader.read(xlsx, displayPath: displayPath + "/" + name + ".xlsx") }
        case (nil, nil):
            return nil
        }
    }

    func read(log: inout ErrorLog) -> YearRecords? {
        let errorsBefore = log.errors.count
        guard let (competition, stages, rules) = readCompetition(log: &log) else { return nil }
        var records = YearRecords(competition: competition)
        records.stages = stages

        if let table = table("registrations", log: &log) { readRegistrations(table, rules: rules, into: &records, log: &log) }
        let ids = Set(records.registrations.map(\.id))
        let profiles = readWriteups(ids: ids, into: &records, log: &log)
        if let table = table("judges", log: &log) { readJudges(table, into: &records, log: &log) }
        for round in ScoreRound.allCases {
            var firstSeen: [String: (path: String, line: Int)] = [:]
            for table in scoreTables(round, log: &log) {
                readScores(table, round: round, rules: rules, ids: ids, firstSeen: &firstSeen, into: &records, log: &log)
            }
        }
        if let table = table("awards", log: &log) { readAwards(table, rules: rules, ids: ids, into: &records, log: &log) }
        if let table = table("excellent-enterprises", log: &log) { readApplications(table, profiles: profiles, into: &records, log: &log) }
        let applicationIds = Set(records.applications.map(\.id))
        if let table = table("claims", log: &log) { readClaims(table, ids: applicationIds, into: &records, log: &log) }
        if let table = table("publications", log: &log) { readPublications(table, ids: applicationIds, into: &records, log: &log) }
        if let table = table("decisions", log: &log) { readDecisions(table, into: &records, log: &log) }
        return log.errors.count == errorsBefore ? records : nil
    }

    // MARK: competition.yaml

    private func readCompetition(log: inout ErrorLog) -> (Competition, [CompetitionStage], CompetitionRules)? {
        let path = displayPath + "/competition.yaml"
        guard let found = log.attempt({ try source.file(folder + "/competition.yaml") }) else { return nil }
        guard let url = found else {
            log.add(path, 0, "缺少 competition.yaml（年度、通知文号、各阶段日期、已公布阶段）")
            return nil
        }
        return log.attempt {
            let yaml = try YAMLValue.read(url, displayPath: path)
            var errors = ErrorLog()
            for key in yaml.entries?.map(\.key) ?? [] where !Self.competitionKeys.contains(key) {
                errors.add(yaml[key]!.error("未知的键「\(key)」（可能拼错了）；competition.yaml 可用的键为 \(Self.competitionKeys.joined(separator: "、"))"))
            }
            if let y = yaml["year"], let value = errors.attempt({ try y.requireInt() }), value != year {
                errors.add(y.error("year 为 \(value)，但文件夹是 \(year)；两者应一致"))
            }
            let title = yaml["title"]?.string ?? "\(year)年QC小组成果竞赛"
            var published = Stage.registration
            if let p = yaml["published"] {
                errors.attempt {
                    guard let stage = Stage(named: try p.requireString()) else {
                        throw p.error("published 应为 \(Stage.allowedNames) 之一")
                    }
                    published = stage
                }
            }
            let issued = errors.attempt { try yaml["issued"].map { try $0.requireDate() } } ?? nil
            var stages: [CompetitionStage] = []
            if let s = yaml["stages"] {
                for (name, value) in s.entries ?? [] {
                    errors.attempt {
                        guard let stage = Stage(named: name) else {
                            throw value.error("未知阶段「\(name)」；阶段为 \(Stage.allowedNames)")
                        }
                        for key in value.entries?.map(\.key) ?? [] where !["on", "from", "until"].contains(key) {
                            throw value[key]!.error("阶段「\(name)」中未知的键「\(key)」；一天的阶段写 on，持续几天的写 from 和 until")
                        }
                        let on = try value["on"].map { try $0.requireDate() }
                        let from = try value["from"].map { try $0.requireDate() }
                        let until = try value["until"].map { try $0.requireDate() }
                        if let from, let until, from > until { throw value.error("\(name) 的 from 晚于 until") }
                        stages.append(CompetitionStage(year: year, stage: stage, startsOn: on ?? from, endsOn: on ?? until))
                    }
                }
            }
            let rules = errors.attempt { try CompetitionRules.read(yaml["rules"]) }
            if !errors.isEmpty { throw errors.thrown }
            let competition = Competition(year: year, title: title, docNumber: yaml["doc_number"]?.string,
                                          issued: issued, published: published, rules: rules!, sourcePath: path)
            return (competition, stages.sorted { $0.stage < $1.stage }, rules!)
        }
    }

    /// The keys of competition.yaml; any other is a typo (`publishd`) to report, not a key to
    /// ignore: an ignored `published` would leave the year at its first stage.
    static let competitionKeys = ["year", "title", "doc_number", "issued", "published", "stages", "rules"]

    // MARK: registrations

    private func readRegistrations(_ table: Table, rules: CompetitionRules, into records: inout YearRecords, log: inout ErrorLog) {
        guard let map = ColumnMap(table, Self.registrationColumns, log: &log) else { return }
        var ids = UniqueKeys("编号", empty: "编号为空 (empty id)；每行成果都需要编号",
                             repeatedNote: " (repeated id)；同一年度编号不能重复", foldsCase: true)
        for row in table.rows {
            // Every problem of the row is listed, so staff fix it in one pass.
            var problems: [String] = []
            let id = map.value(row, "id")
            if let problem = ids.problem(id, line: row.line) { problems.append(problem) }
            if let problem = AddressID.problem(id, column: "编号") { problems.append(problem) }
            let name = map.value(row, "enterprise")
            let enterpriseId = resolver.resolve(name)
            if enterpriseId == nil {
                problems.append(name.isEmpty ? "单位名称为空" : unknownEnterprise(name, column: "单位名称", log: log))
            }
            let title = map.value(row, "title")
            if title.isEmpty { problems.append("课题名称为空 (empty title)") }
            problems += map.lengthProblems(row)
            var registeredOn: String?
            let dateText = map.value(row, "registered_on")
            if !dateText.isEmpty {
                registeredOn = DateText.iso(dateText)
                if registeredOn == nil {
                    problems.append("报名日期「\(dateText)」不是有效日期 (not a date)；请写成 YYYY-MM-DD，如 \(year)-08-30")
                }
            }
            let statusText = map.value(row, "status")
            var status: EntryStatus?
            switch statusText {
            case "", "正常", "有效": status = .active
            case "撤回", "withdrawn", "已撤回": status = .withdrawn
            case "取消资格", "disqualified", "已取消资格": status = .disqualified
            default: problems.append("状态「\(statusText)」无法识别；请留空，或填 撤回 / 取消资格")
            }
            guard log.rowIsClean(table.path, row.line, problems), let enterpriseId, let status else { continue }
            records.registrations.append(Registration(
                year: year, id: id, enterpriseId: enterpriseId, enterpriseNameAsWritten: name,
                groupName: map.value(row, "group"), title: title, type: TextNormalization.halfWidth(map.value(row, "type")),
                tutor: map.value(row, "tutor"), registeredOn: registeredOn, contact: map.value(row, "contact"),
                phone: map.value(row, "phone"), email: map.value(row, "email"), address: map.value(row, "address"),
                postcode: map.value(row, "postcode"), status: status, extra: map.extras(row),
                sourcePath: table.path, sourceLine: row.line))
            for (role, key) in [(RegistrationPerson.Role.presenter, "presenters"), (.member, "members")] {
                for (position, person) in ListText.split(map.value(row, key)).enumerated() {
                    records.people.append(RegistrationPerson(year: year, registrationId: id, role: role,
                                                             position: position + 1, name: person))
                }
            }
            var seen = Set<String>()
            for material in ListText.split(map.value(row, "materials")) where seen.insert(material).inserted {
                records.materials.append(RegistrationMaterial(year: year, registrationId: id, material: material))
            }
        }
    }

    /// Reads achievement write-ups; returns the profiles of `writeups/enterprise-<申报编号>.md` by 申报编号.
    private func readWriteups(ids: Set<String>, into records: inout YearRecords, log: inout ErrorLog) -> [String: (String, String)] {
        var profiles: [String: (String, String)] = [:]
        let writeups = folder + "/writeups"
        let found = (log.attempt { try source.children(of: writeups) } ?? [])
            .filter { $0.entry.kind == .file && $0.entry.name.hasSuffix(".md") }
        // Read and parsed on every core (a year has a thousand), each from the real path its
        // folder's listing checked; their errors logged in file order. A write-up whose file is
        // as it was archived is taken from the archive (one edited among a thousand is read).
        let shown = displayPath
        let version = ContentReader.formatVersion
        let (archived, keys, year, fingerprinted) = (archivedWriteups, sourceKeys, year, fingerprinted)
        // What a file gives: a write-up (made, its front matter let go and its digest taken, on
        // the core that parsed it), or an enterprise's profile; and its bytes' key.
        enum Read {
            case writeup(Writeup)
            case profile(String)
        }
        let files = Parallel.map(found) { file -> Result<(read: Read, source: String), any Error>? in
            let stem = String(file.entry.name.dropLast(3))
            if !stem.hasPrefix("enterprise-"), let key = keys["writeups/" + file.entry.name], archived[stem]?.source == key {
                return nil
            }
            return Result {
                let path = shown + "/writeups/" + file.entry.name
                let data = try fingerprinted["writeups/" + file.entry.name]
                    ?? InputLimits.readFile(URL(fileURLWithPath: file.path), displayPath: path, limit: InputLimits.markdownBytes)
                var key = Fingerprint.sourceKey(version: version)
                data.withUnsafeBytes { key.add($0) }
                let (md, source) = (try MarkdownFile.decode(data, displayPath: path), key.hex)
                guard !stem.hasPrefix("enterprise-") else { return (.profile(md.body), source) }
                return (.writeup(Writeup(year: year, registrationId: stem, title: md.string("title"), markdown: md.body,
                                         sourcePath: path, source: source)), source)
            }
        }
        for (name, file) in zip(found.map(\.entry.name), files) {
            let path = displayPath + "/writeups/" + name
            let stem = String(name.dropLast(3))
            guard let file else {
                if ids.contains(stem) {
                    records.writeups.append(archived[stem]!.unchanged(at: path))
                } else {
                    log.add(path, 0, Self.noRegistration(stem))
                }
                continue
            }
            guard let (read, source) = log.attempt({ try file.get() }) else { continue }
            // Its bytes as hashed for the year's fingerprint, when they were: other bytes now mean
            // the file was saved while it was read, and the year would be archived under a
            // fingerprint of neither.
            if let key = keys["writeups/" + name], key != source {
                log.add(path, 0, "文件在导入过程中被改动（前后两次读到的内容不同）；请保存完毕后重新运行")
                continue
            }
            switch read {
            case .profile(let body):
                profiles[String(stem.dropFirst("enterprise-".count))] = (body, path)
            case .writeup(let writeup):
                guard ids.contains(stem) else {
                    log.add(path, 0, Self.noRegistration(stem))
                    continue
                }
                records.writeups.append(writeup)
            }
        }
        return profiles
    }

    private static func noRegistration(_ stem: String) -> String {
        "没有编号为「\(stem)」的报名成果；文件名应为 <编号>.md，与 registrations 中的编号一致"
    }

    // MARK: judges and scores

    private func readJudges(_ table: Table, into records: inout YearRecords, log: inout ErrorLog) {
        guard let map = ColumnMap(table, Self.judgeColumns, log: &log) else { return }
        var names = UniqueKeys("评委", empty: "评委姓名为空")
        for row in table.rows {
            let name = map.value(row, "judge")
            let problems = [names.problem(name, line: row.line)].compactMap { $0 } + map.lengthProblems(row)
            guard log.rowIsClean(table.path, row.line, problems) else { continue }
            let organisation = map.value(row, "enterprise")
            // A judge from outside the registry (a university) conflicts with no entry.
            let enterpriseId = organisation.isEmpty ? nil : resolver.resolve(organisation)
            records.judges.append(Judge(year: year, name: name, enterpriseId: enterpriseId, organisation: organisation,
                                        extra: map.extras(row), sourceLine: row.line))
        }
    }

    /// A round's score sheets: `scores/<round>.csv|xlsx`, and every table in the folder
    /// `scores/<round>/`, where staff drop the sheets judges return, one file each.
    private func scoreTables(_ round: ScoreRound, log: inout ErrorLog) -> [Table] {
        let name = "scores/" + round.rawValue
        var tables = table(name, log: &log).map { [$0] } ?? []
        guard let entries = log.attempt({ try source.entries(in: folder + "/" + name) }) else { return tables }
        // Hidden files and the lock files Excel keeps beside an open workbook (~$…) are not sheets.
        for entry in entries where !entry.name.hasPrefix("~$") {
            let file = entry.name
            let path = displayPath + "/" + name + "/" + file
            guard entry.kind == .file, ["csv", "xlsx"].contains((file as NSString).pathExtension.lowercased()) else {
                log.add(path, 0, "\(name)/ 中只能放评分表（.xlsx 或 .csv）；.xls 请用 Excel 另存为 .xlsx，其他文件请移出")
                continue
            }
            if let table = log.attempt({ try TableReader.read(try source.existingFile(folder + "/" + name + "/" + file), displayPath: path) }) {
                tables.append(table)
            }
        }
        return tables
    }

    /// `firstSeen` holds where each (编号, 评委) was first read in the round: a repeat may sit in another file.
    private func readScores(_ table: Table, round: ScoreRound, rules: CompetitionRules, ids: Set<String>,
                            firstSeen: inout [String: (path: String, line: Int)],
                            into records: inout YearRecords, log: inout ErrorLog) {
        let itemNames = rules.allItems
        let specs: [ColumnSpec] = [.required("id", "编号"), .required("judge", "评委"), .optional("total", "总分")]
            + itemNames.map { ColumnSpec.optional($0, $0) }
        guard let map = ColumnMap(table, specs, log: &log) else { return }
        let presentItems = itemNames.filter(map.has)
        if presentItems.isEmpty && !map.has("total") {
            log.add(table.path, table.headerLine, "评分表既没有评审项目列（\(itemNames.joined(separator: "、"))），也没有「总分」列")
            return
        }
        let judges = Set(records.judges.map(\.name))
        for row in table.rows {
            let id = map.value(row, "id"), judge = map.value(row, "judge")
            var problems: [String] = []
            if !ids.contains(id) { problems.append("编号「\(id)」不在本年度报名表中 (unknown id)") }
            if !judges.contains(judge) { problems.append("评委「\(judge)」不在 judges 表中；请先在 judges.csv 中登记评委及其单位") }
            if let first = firstSeen[id + "\u{0}" + judge] {
                let place = first.path == table.path ? "第 \(first.line) 行" : " \(first.path) 第 \(first.line) 行"
                problems.append("评委「\(judge)」对「\(id)」的评分重复，首次出现在\(place)")
            } else {
                firstSeen[id + "\u{0}" + judge] = (table.path, row.line)
            }
            var items: [ScoreItem] = []
            for item in presentItems {
                let text = map.value(row, item)
                if text.isEmpty { continue }
                guard let score = Self.score(text) else {
                    problems.append("「\(item)」的分数「\(text.prefix(20))」不是数字，或超出 ±\(Int(Self.scoreMagnitude))")
                    continue
                }
                items.append(ScoreItem(sheetId: 0, item: item, score: score))
            }
            var total = items.reduce(0) { $0 + $1.score }
            let totalText = map.value(row, "total")
            if items.isEmpty {
                if let value = Self.score(totalText) {
                    total = value
                } else {
                    problems.append(totalText.isEmpty ? "这一行没有任何分数" : "总分「\(totalText.prefix(20))」不是数字，或超出 ±\(Int(Self.scoreMagnitude))")
                }
            }
            guard log.rowIsClean(table.path, row.line, problems) else { continue }
            records.sheets.append(ScoredSheet(
                sheet: ScoreSheet(year: year, round: round, registrationId: id, judge: judge, total: total,
                                  hasItems: !items.isEmpty, extra: map.extras(row), sourcePath: table.path, sourceLine: row.line),
                items: items))
        }
    }

    // MARK: awards

    private func readAwards(_ table: Table, rules: CompetitionRules, ids: Set<String>, into records: inout YearRecords, log: inout ErrorLog) {
        guard let map = ColumnMap(table, Self.awardColumns, log: &log) else { return }
        var recorded = UniqueKeys("编号")
        let names = rules.awardNames
        for row in table.rows {
            let id = map.value(row, "id")
            var problems: [String] = []
            if !ids.contains(id) {
                problems.append("编号「\(id)」不在本年度报名表中 (unknown id)")
            } else if let problem = recorded.problem(id, line: row.line) {
                problems.append(problem)
            }
            let award = map.value(row, "award")
            if !award.isEmpty && !names.contains(award) && award != "无" {
                problems.append("奖项「\(award)」无法识别；应为 \(names.joined(separator: "、")) 之一，或留空")
            }
            let shortlistedText = map.value(row, "shortlisted")
            var shortlisted: Bool?
            switch shortlistedText.lowercased() {
            case "": shortlisted = nil
            case "是", "y", "yes", "true", "1", "入围": shortlisted = true
            case "否", "n", "no", "false", "0", "未入围": shortlisted = false
            default: problems.append("入围「\(shortlistedText)」无法识别；请填 是 或 否")
            }
            guard log.rowIsClean(table.path, row.line, problems) else { continue }
            records.awards.append(Award(year: year, registrationId: id, award: award.isEmpty || award == "无" ? nil : award,
                                        shortlisted: shortlisted, extra: map.extras(row), sourceLine: row.line))
        }
    }

    // MARK: excellent-enterprise applications

    private func readApplications(_ table: Table, profiles: [String: (String, String)],
                                  into records: inout YearRecords, log: inout ErrorLog) {
        guard let map = ColumnMap(table, Self.applicationColumns, log: &log) else { return }
        var ids = UniqueKeys("申报编号", empty: "申报编号为空", foldsCase: true)
        for row in table.rows {
            let id = map.value(row, "id")
            var problems: [String] = []
            if let problem = ids.problem(id, line: row.line) { problems.append(problem) }
            if let problem = AddressID.problem(id, column: "申报编号") { problems.append(problem) }
            let name = map.value(row, "enterprise")
            let enterpriseId = resolver.resolve(name)
            if enterpriseId == nil { problems.append(unknownEnterprise(name, column: "单位名称", log: log)) }
            let unit = map.value(row, "member_unit")
            var unitId: String?
            if !unit.isEmpty {
                unitId = resolver.resolve(unit)
                if unitId == nil { problems.append(unknownEnterprise(unit, column: "推荐单位", log: log)) }
            }
            let result = map.value(row, "result")
            if !Application.results.contains(result) {
                problems.append("评选结果「\(result.prefix(20))」无法识别；入选的填 优秀企业，未入选的填 未入选，尚未评选的留空")
            }
            problems += map.lengthProblems(row)
            guard log.rowIsClean(table.path, row.line, problems), let enterpriseId else { continue }
            let profile = profiles[id]?.0 ?? map.value(row, "profile")
            records.applications.append(Application(
                year: year, id: id, enterpriseId: enterpriseId, memberUnitId: unitId, memberUnitAsWritten: unit,
                profile: profile, result: result, contact: map.value(row, "contact"),
                phone: map.value(row, "phone"), email: map.value(row, "email"), address: map.value(row, "address"),
                postcode: map.value(row, "postcode"), extra: map.extras(row), sourceLine: row.line))
        }
        for (id, (_, path)) in profiles.sorted(by: { $0.key < $1.key }) where !ids.contains(id) {
            log.add(path, 0, "没有申报编号为「\(id)」的优秀企业申报；文件名应为 enterprise-<申报编号>.md")
        }
    }

    private func readClaims(_ table: Table, ids: Set<String>, into records: inout YearRecords, log: inout ErrorLog) {
        guard let map = ColumnMap(table, Self.claimColumns, log: &log) else { return }
        var positions: [String: Int] = [:]
        for row in table.rows {
            let id = map.value(row, "application")
            var problems: [String] = []
            if !ids.contains(id) { problems.append("申报编号「\(id)」不在 excellent-enterprises 表中") }
            let yearText = TextNormalization.halfWidth(map.value(row, "year")).replacingOccurrences(of: "年", with: "")
            let claimed = Int(yearText).flatMap { (1900...9999).contains($0) ? $0 : nil }
            if claimed == nil { problems.append("获奖年份「\(map.value(row, "year").prefix(20))」应为四位年份，如 2023") }
            problems += map.lengthProblems(row)
            guard log.rowIsClean(table.path, row.line, problems), let claimed else { continue }
            positions[id, default: 0] += 1
            records.claims.append(Claim(year: year, applicationId: id, position: positions[id]!, claimedYear: claimed,
                                        groupName: map.value(row, "group"), title: map.value(row, "title"),
                                        award: map.value(row, "award"), extra: map.extras(row), sourceLine: row.line))
        }
    }

    private func readPublications(_ table: Table, ids: Set<String>, into records: inout YearRecords, log: inout ErrorLog) {
        guard let map = ColumnMap(table, Self.publicationColumns, log: &log) else { return }
        var positions: [String: Int] = [:]
        for row in table.rows {
            let id = map.value(row, "application")
            var problems: [String] = []
            if !ids.contains(id) { problems.append("申报编号「\(id)」不在 excellent-enterprises 表中") }
            let dateText = map.value(row, "date")
            var date: String?
            if !dateText.isEmpty {
                date = DateText.partial(dateText)
                if date == nil { problems.append("发表日期「\(dateText.prefix(20))」不是有效日期；请写成 YYYY-MM-DD 或 YYYY-MM") }
            }
            problems += map.lengthProblems(row)
            guard log.rowIsClean(table.path, row.line, problems) else { continue }
            positions[id, default: 0] += 1
            records.publications.append(Publication(year: year, applicationId: id, position: positions[id]!,
                                                    title: map.value(row, "title"), venue: map.value(row, "venue"),
                                                    level: map.value(row, "level"), publishedOn: date,
                                                    extra: map.extras(row), sourceLine: row.line))
        }
    }

    // MARK: decisions on findings

    /// `decisions.csv`: one decision per rule and subject. Whether the rule exists and a finding
    /// matches is for `check` to say (`decision-unmatched`): the archive knows no rules.
    private func readDecisions(_ table: Table, into records: inout YearRecords, log: inout ErrorLog) {
        guard let map = ColumnMap(table, Self.decisionColumns, log: &log) else { return }
        var keys = UniqueKeys("处理意见")
        for row in table.rows {
            let rule = map.value(row, "rule"), subject = map.value(row, "subject"), note = map.value(row, "note")
            var problems: [String] = []
            if rule.isEmpty { problems.append("规则为空；请填 qcsite check 列出的规则，如 judge-conflict") }
            if subject.isEmpty { problems.append("对象为空；请填 qcsite check 列出的对象（编号、申报编号或单位 id）") }
            if note.isEmpty { problems.append("处理意见为空；请写明作出的处理及理由") }
            if !rule.isEmpty, !subject.isEmpty,
               let problem = keys.problem(rule + "\u{0}" + subject, line: row.line, shown: "规则 \(rule)、对象 \(subject) 的处理意见") {
                problems.append(problem)
            }
            let dateText = map.value(row, "date")
            let date = DateText.iso(dateText)
            if date == nil {
                problems.append(dateText.isEmpty ? "日期为空；请填作出处理意见的日期，如 \(year)-09-05"
                                : "日期「\(dateText.prefix(20))」不是有效日期；请写成 YYYY-MM-DD")
            }
            problems += [("规则", rule, InputLimits.nameCharacters), ("对象", subject, InputLimits.nameCharacters),
                         ("处理意见", note, InputLimits.noteCharacters)]
                .compactMap { InputLimits.lengthProblem($0.1, column: $0.0, limit: $0.2) }
            guard log.rowIsClean(table.path, row.line, problems), let date else { continue }
            records.decisions.append(Decision(year: year, rule: rule, subject: subject, note: note, decidedOn: date,
                                              extra: map.extras(row), sourcePath: table.path, sourceLine: row.line))
        }
    }

    // MARK: Field checks

    /// Largest score a sheet may hold; beyond it a value is a typo, not a score (`score-range`
    /// reports values above an item's maximum).
    static let scoreMagnitude = 10_000.0

    static func score(_ text: String) -> Double? {
        guard let value = Double(TextNormalization.halfWidth(text)), value.isFinite, abs(value) <= scoreMagnitude else { return nil }
        return value
    }

    /// The problem of an enterprise name the registry does not know. The closest names are
    /// suggested while errors are still listed and the name is of a sane length: comparing is
    /// costly, and a table of unknown names would otherwise compare each with the whole registry.
    private func unknownEnterprise(_ name: String, column: String, log: ErrorLog) -> String {
        guard !log.isFull, name.unicodeScalars.count <= InputLimits.nameCharacters else {
            return "\(column)「\(name.prefix(InputLimits.nameCharacters))」不在单位名录中 (unknown enterprise)"
        }
        return resolver.unknownMessage(name, column: column)
    }
}
