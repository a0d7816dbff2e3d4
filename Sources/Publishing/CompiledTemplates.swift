/// The templates of a theme that `TemplateRenderer` renders, decided once when the theme is
/// loaded: each that `TemplateParser` compiles and whose partials and parents (and theirs) all
/// are too. Every other one is rendered by swift-mustache, as is any template reaching it.
struct CompiledTemplates: Sendable {
    let templates: [String: [TemplateNode]]
    /// Why each template left to swift-mustache is: the construct, or the partial it reaches.
    let fallbacks: [String: String]

    /// Compiles `texts` (template name → text, each parsed with `HTMLText.pragma` before it, as swift-mustache parses it).
    init(_ texts: [String: String]) {
        var templates: [String: [TemplateNode]] = [:]
        var fallbacks: [String: String] = [:]
        for (name, text) in texts {
            do {
                templates[name] = try TemplateParser.parse(HTMLText.pragma + text)
            } catch {
                fallbacks[name] = error.construct
            }
        }
        // Until no template is dropped: a template including one not compiled (or none by that name) is not compiled either.
        var dropped = true
        while dropped {
            dropped = false
            for (name, nodes) in templates {
                if let partial = Self.partials(nodes).first(where: { templates[$0] == nil }) {
                    templates[name] = nil
                    fallbacks[name] = "the partial \(partial)" + (texts[partial] == nil ? " (no such template)" : "")
                    dropped = true
                }
            }
        }
        self.templates = templates
        self.fallbacks = fallbacks
    }

    /// The names of the templates `nodes` include, as partials or parents, in their blocks too.
    private static func partials(_ nodes: [TemplateNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .text, .value: []
            case .section(_, let inner), .invertedSection(_, let inner), .block(_, let inner, _): partials(inner)
            case .partial(let name, _, let overrides): [name] + overrides.values.flatMap(partials)
            }
        }
    }
}
