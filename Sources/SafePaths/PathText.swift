/// Slash-separated paths as text, for the relative paths of the content and the output.
public enum PathText {
    /// The folder part of a path, as `NSString.deletingLastPathComponent` gives it ("a/b/c" →
    /// "a/b", "c" → "", "/c" → "/"), which this platform's Foundation cannot be trusted with:
    /// it traps on a name of one character ("a", "a/"), such as a page `a.md` or `--archive a`.
    public static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var folder = trimmed[..<slash]
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        return String(folder)
    }

    /// Every folder holding one of `paths`, at any depth ("a/b/c" → "a/b" and "a"); the root ("") is not one.
    public static func folders(holding paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            var folder = folder(of: path)
            while !folder.isEmpty && folders.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        return folders
    }
}
