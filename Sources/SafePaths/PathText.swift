/// Slash-separated paths as text, for the relative paths of the content and the output.
public enum PathText {
    /// The folder part of a path, as `NSString.deletingLastPathComponent` gives it ("a/b/c" →
    /// "a/b", "c" → "", "/c" → "/"), which this platform's Foundation cannot be trusted with:
    /// it traps on a name of one character ("a", "a/"), such as a page `a.md` or `--archive a`.
    /// Read as bytes, as the file system reads a path: a build asks it of every path of the site.
    public static func folder(of path: String) -> String {
        let bytes = path.utf8
        let start = bytes.startIndex
        let slash = UInt8(ascii: "/")
        // Trailing slashes off, but never the first byte: "/" stays "/".
        func trimmed(_ end: String.Index) -> String.Index {
            var end = end
            while bytes.distance(from: start, to: end) > 1 && bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
            return end
        }
        guard let last = bytes[..<trimmed(bytes.endIndex)].lastIndex(of: slash) else { return "" }
        if last == start { return "/" }
        return String(path[..<trimmed(last)])
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
