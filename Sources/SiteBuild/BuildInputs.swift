import Foundation
import Archive
import Publishing
import SafePaths

/// The keys of what a build's output is made from. `renderKey` stands for every input of a page
/// outside the archive — qcsite itself, site.yaml, every file of the theme, the base address —
/// so a change to any of them renders every page again; `dataKey` for the same but the theme,
/// which data files (the search index) do not depend on; `all` adds the archive (each year by the
/// fingerprint of the files it was imported from, the registry, notices and pages as stored) and
/// the notices' attachments: when it equals the key the output's build record holds, the build
/// has nothing to do.
struct BuildInputs {
    let renderKey: String
    let dataKey: String
    /// Nil when an input cannot be told (a year archived without a fingerprint, an attachment
    /// that cannot be read): then the build runs in full, and reports what is wrong.
    let all: String?

    /// Read after the import, holding the site's lock, so the archive is the one the build uses.
    static func read(paths: SitePaths, baseURL: String?, archive: ArchiveDatabase) throws -> BuildInputs {
        let fingerprints = try archive.fingerprints()
        let (registry, writing) = try archive.registryAndWriting()
        return try read(paths: paths, baseURL: baseURL, years: try archive.years().map { ($0, fingerprints[$0]) },
                        registry: registry, writing: writing)
    }

    /// `read(paths:baseURL:archive:)` from what the archive is being written with: the same keys
    /// once it reads back as `snapshot`.
    static func read(paths: SitePaths, baseURL: String?, snapshot: ArchiveSnapshot) throws -> BuildInputs {
        try read(paths: paths, baseURL: baseURL, years: snapshot.years.map { ($0.year, $0.competition.sourceFingerprint) },
                 registry: snapshot.registry, writing: snapshot.writing)
    }

    /// - Parameter years: each archived year, ascending, with the fingerprint it was imported from.
    private static func read(paths: SitePaths, baseURL: String?, years: [(year: Int, fingerprint: String?)],
                             registry: Registry, writing: Writing) throws -> BuildInputs {
        let content = try SourceFolder.open(paths.contentURL, displayPath: paths.content)
        var render = InputKey()
        render.add("qcsite-build-1")
        render.add(executableStamp())
        render.add(baseURL ?? "-")
        render.add(try content?.file("site.yaml").map { try Data(contentsOf: $0) } ?? Data())
        let dataKey = render.value
        if let theme = try SourceFolder.open(paths.themeURL, displayPath: paths.themes + "/default") {
            for folder in ["templates", "static"] {
                for path in try theme.files(under: folder) {
                    render.add(folder + "/" + path)
                    render.add(try theme.data(folder + "/" + path))
                }
            }
        }
        let renderKey = render.value

        var all = InputKey()
        all.add(renderKey)
        guard years.allSatisfy({ $0.fingerprint != nil }) else { return BuildInputs(renderKey: renderKey, dataKey: dataKey, all: nil) }
        for (year, fingerprint) in years { all.add("\(year) \(fingerprint!)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        all.add(try encoder.encode(registry.enterprises))
        all.add(try encoder.encode(registry.aliases))
        all.add(try encoder.encode(writing.notices))
        all.add(try encoder.encode(writing.pages))
        for notice in writing.notices {
            for attachment in notice.attachments {
                var problem = ""
                guard let path = AttachmentPath(attachment.file, problem: &problem),
                      let data = try? content?.data(path.source) else { return BuildInputs(renderKey: renderKey, dataKey: dataKey, all: nil) }
                all.add(path.source)
                all.add(data)
            }
        }
        return BuildInputs(renderKey: renderKey, dataKey: dataKey, all: all.value)
    }

    /// The size and time of the running qcsite: another qcsite may render the same inputs otherwise.
    static func executableStamp() -> String {
        var info = stat()
        guard let path = Bundle.main.executablePath, stat(path, &info) == 0 else { return UUID().uuidString }
        return "\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
