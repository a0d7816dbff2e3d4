import Archive

/// Reads `enterprises.yaml` into the registry, checking ids, names and aliases are unambiguous.
enum RegistryReader {
    static func read(_ yaml: YAMLValue) throws -> Registry {
        guard let list = yaml.items else {
            throw yaml.error("enterprises.yaml 应为单位列表，每项有 id、name、aliases、member_unit、member")
        }
        var log = ErrorLog()
        var enterprises: [Enterprise] = []
        var aliases: [EnterpriseAlias] = []
        var ids: [String: Int] = [:]
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
                guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    throw idValue.error("id「\(id)」只能用英文字母、数字、- 和 _（它是单位页面的网址）")
                }
                if let first = ids[id] { throw idValue.error("id「\(id)」重复，首次出现在第 \(first) 行") }
                ids[id] = idValue.line
                guard let nameValue = item["name"] else { throw item.error("单位 \(id) 缺少 name（公章上的名称）") }
                let name = try nameValue.requireString()
                claim(name, for: id, at: nameValue)
                var isMember = false
                if let m = item["member"] { isMember = try m.requireBool() }
                let memberUnit = try item["member_unit"].flatMap { $0.isNull ? nil : try $0.requireString() }
                enterprises.append(Enterprise(id: id, name: name, memberUnitId: memberUnit ?? (isMember ? id : nil),
                                              isMember: isMember))
                if let a = item["aliases"] {
                    for alias in try a.requireStrings() where TextNormalization.nameKey(alias) != TextNormalization.nameKey(name) {
                        claim(alias, for: id, at: a)
                        if !aliases.contains(where: { $0.alias == alias }) {
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
        if !log.isEmpty { throw InputErrors(log.errors) }
        return Registry(enterprises: enterprises, aliases: aliases)
    }
}
