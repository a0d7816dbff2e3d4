import Archive
import Diagnostics
import SafePaths
import TextKeys

/// Reads `enterprises.yaml` into the registry, checking ids, names and aliases are unambiguous.
/// Every check is a dictionary or set lookup, so a registry of any size is read in linear time.
enum RegistryReader {
    static func read(_ yaml: YAMLValue) throws -> Registry {
        guard let list = yaml.items else {
            throw yaml.error("enterprises.yaml 应为单位列表，每项有 id、name、aliases、member_unit、member")
        }
        var log = ErrorLog()
        var enterprises: [Enterprise] = []
        var aliases: [EnterpriseAlias] = []
        var ids: [String: Int] = [:]
        var foldedIds: [String: (id: String, line: Int)] = [:]
        var aliasNames = Set<String>()
        var keys: [String: (id: String, line: Int)] = [:]
        var conflicts: [InputError] = []  // kept apart from `log`, which is busy while an entry is read

        func claim(_ name: String, for id: String, at value: YAMLValue) {
            let key = TextNormalization.nameKey(name)
            if let owner = keys[key] {
                if owner.id != id {
                    conflicts.append(value.error("名称「\(name)」已属于 \(owner.id)（第 \(owner.line) 行）；一个名称只能指向一个单位"))
                }
            } else {
                keys[key] = (id, value.line)
            }
        }

        for item in list {
            log.attempt {
                guard let idValue = item["id"] else { throw item.error("缺少 id (missing id)") }
                let id = try idValue.requireString()
                if let problem = AddressID.problem(id, column: "单位 id") { throw idValue.error(problem) }
                if let first = ids[id] { throw idValue.error("id「\(id)」重复，首次出现在第 \(first) 行") }
                if let other = foldedIds[id.lowercased()] {
                    throw idValue.error("id「\(id)」与第 \(other.line) 行的「\(other.id)」只差大小写；网址可能不区分大小写，请改用不同的 id")
                }
                ids[id] = idValue.line
                foldedIds[id.lowercased()] = (id, idValue.line)
                guard let nameValue = item["name"] else { throw item.error("单位 \(id) 缺少 name（公章上的名称）") }
                let name = try nameValue.requireString()
                if let problem = InputLimits.lengthProblem(name, column: "单位名称", limit: InputLimits.nameCharacters) {
                    throw nameValue.error(problem)
                }
                claim(name, for: id, at: nameValue)
                var isMember = false
                if let m = item["member"] { isMember = try m.requireBool() }
                let memberUnit = try item["member_unit"].flatMap { $0.isNull ? nil : try $0.requireString() }
                enterprises.append(Enterprise(id: id, name: name, memberUnitId: memberUnit ?? (isMember ? id : nil),
                                              isMember: isMember))
                if let a = item["aliases"] {
                    for alias in try a.requireStrings() where TextNormalization.nameKey(alias) != TextNormalization.nameKey(name) {
                        if let problem = InputLimits.lengthProblem(alias, column: "别名", limit: InputLimits.nameCharacters) {
                            throw a.error(problem)
                        }
                        claim(alias, for: id, at: a)
                        if aliasNames.insert(alias).inserted {
                            aliases.append(EnterpriseAlias(alias: alias, enterpriseId: id))
                        }
                    }
                }
            }
        }
        log.add(contentsOf: conflicts)
        for enterprise in enterprises {
            if let unit = enterprise.memberUnitId, ids[unit] == nil {
                log.add(yaml.path, ids[enterprise.id] ?? 0,
                        "单位 \(enterprise.id) 的 member_unit「\(unit)」不是已登记单位的 id")
            }
        }
        if !log.isEmpty { throw log.thrown }
        return Registry(enterprises: enterprises, aliases: aliases)
    }
}
