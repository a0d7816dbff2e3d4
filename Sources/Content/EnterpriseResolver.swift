import Archive
import TextKeys

/// Resolves enterprise names as written in tables to registry ids, through the seal name
/// or an alias after normalising width and spaces; suggests the closest names otherwise.
public struct EnterpriseResolver: Sendable {
    private var byKey: [String: String] = [:]
    private var names: [(key: String, name: String)] = []

    public init(_ registry: Registry) {
        for enterprise in registry.enterprises {
            byKey[TextNormalization.nameKey(enterprise.name)] = enterprise.id
            names.append((TextNormalization.nameKey(enterprise.name), enterprise.name))
        }
        ids = Set(registry.enterprises.map(\.id))
        for alias in registry.aliases {
            byKey[TextNormalization.nameKey(alias.alias)] = alias.enterpriseId
            names.append((TextNormalization.nameKey(alias.alias), alias.alias))
        }
    }

    /// The id of the enterprise the name (or id) stands for.
    public func resolve(_ name: String) -> String? {
        byKey[TextNormalization.nameKey(name)] ?? (ids.contains(name) ? name : nil)
    }

    private var ids: Set<String> = []

    /// Up to `limit` registered names closest to `name`, most similar first.
    public func suggestions(for name: String, limit: Int = 3) -> [String] {
        let key = TextNormalization.nameKey(name)
        var scored: [(name: String, score: Double)] = []
        for candidate in names {
            let score = Similarity.dice(key, candidate.key)
            if score > 0.2 { scored.append((candidate.name, score)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
        var seen = Set<String>()
        var result: [String] = []
        for candidate in scored where result.count < limit && seen.insert(candidate.name).inserted {
            result.append(candidate.name)
        }
        return result
    }

    /// The message for a name the registry does not know.
    func unknownMessage(_ name: String, column: String) -> String {
        let hint = suggestions(for: name)
        let suggestion = hint.isEmpty
            ? "请在 enterprises.yaml 中登记该单位"
            : "是否指「\(hint.joined(separator: "」「"))」？请改为登记名称，或在 enterprises.yaml 中为其添加别名 (aliases)"
        return "\(column)「\(name)」不在单位名录中 (unknown enterprise)；\(suggestion)"
    }
}
