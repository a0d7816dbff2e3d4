
/// A notice attachment's path inside the content folder (`years/2024/files/报名表.docx`), made
/// of plain names only, and the path the site publishes it at — built from those names, never
/// from the text staff wrote, so no attachment reaches outside the content or the output folder.
package struct AttachmentPath: Sendable, Equatable {
    package let components: [String]

    /// Nil, with `problem` set, when `text` is not a plain relative path.
    package init?(_ text: String, problem: inout String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let hint = "附件路径应相对于内容文件夹，由普通文件名组成，如 years/2024/files/报名表.docx"
        if text.isEmpty || text.hasPrefix("/") {
            problem = "附件「\(text)」不是内容文件夹中的相对路径；\(hint)"
            return nil
        }
        if let bad = parts.first(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") || $0.contains("\\") || $0.contains("\0") }) {
            problem = "附件「\(text)」的路径中有「\(bad.isEmpty ? "//" : bad)」：不能含 .、..、以 . 开头的名字、反斜杠或空的部分；\(hint)"
            return nil
        }
        components = parts
    }

    /// The path inside the content folder.
    package var source: String { components.joined(separator: "/") }

    /// `years/2024/files/x.docx` is published as `2024/files/x.docx`; any other attachment as
    /// `files/<name>`.
    package var output: String {
        if components.count >= 3 && components[0] == "years" {
            return components.dropFirst().joined(separator: "/")
        }
        return "files/" + components[components.count - 1]
    }
}
