import Foundation
import Parallelism

/// The files of the output that are still as the last build wrote them, with the key of their
/// inputs: a page with the same key now is left out of the render, and files a section patches
/// (the search index) are read back from here rather than made anew.
public struct PreviousOutput: Sendable {
    /// By output path: the keys of the intact files the last build recorded one for.
    public var keys: [String: String]
    /// The output folder (nil: its files are not read back, only their keys compared).
    public var folder: URL?
    /// The parts of the site kept whole (a section made from the record's outline alone,
    /// `SiteSection.keyedByOutline`, or a year's achievement pages), by name: the key each was
    /// made with, and the paths of its pages.
    public var sections: [String: Section] = [:]

    public struct Section: Sendable, Equatable {
        public var key: String
        public var paths: [String]
    }

    public init(keys: [String: String] = [:], folder: URL? = nil, sections: [String: Section] = [:]) {
        self.keys = keys
        self.folder = folder
        self.sections = sections
    }

    /// The parts `record` holds a key of, with the paths it records of each.
    public static func sections(of record: BuildRecord) -> [String: Section] {
        var paths: [String: [String]] = [:]
        for (path, entry) in record.files {
            if let section = entry.section { paths[section, default: []].append(path) }
        }
        return record.sections.reduce(into: [:]) { sections, section in
            sections[section.key] = Section(key: section.value, paths: paths[section.key] ?? [])
        }
    }

    /// The search index of the output, read on another thread from when the build asked for it
    /// (`readingSearchIndexAhead`); nil: it is read when the index is made.
    var searchIndex: Background<SearchShards.ReadBack>?

    /// The reading `readingSearchIndexAhead` started, for a caller that waits for it to end.
    public var readingAhead: (any Waitable)? { searchIndex }

    public subscript(path: String) -> String? { keys[path] }

    /// The same files, with the search index read back from now on, on another thread, while
    /// the build goes on to the render that patches it.
    public func readingSearchIndexAhead() -> PreviousOutput {
        var ahead = self
        ahead.searchIndex = Background { [self] in SearchShards.ReadBack(self, expecting: nil) }
        return ahead
    }

    /// The bytes of an intact keyed file; nil for any other path or when it cannot be read,
    /// and then the caller makes the file anew.
    func read(_ path: String) -> Data? {
        guard keys[path] != nil, let folder else { return nil }
        return FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
    }
}
