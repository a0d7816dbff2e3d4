import Foundation
import Testing

/// The pipeline's direction is held by the targets' declared dependencies; SwiftPM on Linux
/// still lets a file import any module the package builds, so this holds every source file to
/// its target's declared dependencies: Publishing, above all, cannot import Archive or Rules
/// and reaches the archive only through Disclosure's public record.
@Suite("Module boundaries")
struct ModuleBoundaryTests {
    /// System modules and those of the package's dependencies, which any target may import.
    static let external: Set<String> = ["Foundation", "FoundationXML", "FoundationEssentials", "Glibc", "Dispatch", "Darwin", "Synchronization"]
    /// A product's modules: ZIPFoundation brings zlib (`CZlib` on Linux).
    static let products: [String: Set<String>] = ["ZIPFoundation": ["ZIPFoundation", "CZlib", "zlib"]]

    /// Each target of Package.swift with the modules it declares.
    static func declaredDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: SiteFixture.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let target = try NSRegularExpression(pattern: #"\.(?:target|executableTarget)\(\s*name: "(\w+)"(?:,\s*dependencies: \[(.*?)\])?"#,
                                             options: [.dotMatchesLineSeparators])
        var result: [String: Set<String>] = [:]
        for match in target.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)) {
            let name = String(manifest[Range(match.range(at: 1), in: manifest)!])
            let list = Range(match.range(at: 2), in: manifest).map { String(manifest[$0]) } ?? ""
            let plain = try NSRegularExpression(pattern: #""(\w+)""#)
            var modules = Set(plain.matches(in: list, range: NSRange(list.startIndex..., in: list)).map {
                String(list[Range($0.range(at: 1), in: list)!])
            })
            modules = modules.reduce(into: modules) { $0.formUnion(products[$1] ?? []) }
            result[name] = modules
        }
        return result
    }

    @Test("Every source file imports only what its target declares; Publishing never the archive")
    func importsFollowDeclarations() throws {
        let declared = try Self.declaredDependencies()
        #expect(declared["Publishing"]?.contains("Archive") == false)
        #expect(declared["Publishing"]?.contains("Rules") == false)
        let sources = SiteFixture.repository.appendingPathComponent("Sources")
        let importLine = try NSRegularExpression(pattern: #"^(?:@testable |@_exported |public |package |internal )?import (\w+)"#,
                                                 options: [.anchorsMatchLines])
        for (target, allowed) in declared {
            let folder = sources.appendingPathComponent(target)
            for file in FileList.files(under: folder) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for match in importLine.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let module = String(text[Range(match.range(at: 1), in: text)!])
                    #expect(Self.external.contains(module) || allowed.contains(module),
                            "Sources/\(target)/\(file) imports \(module), which \(target) does not declare")
                }
            }
        }
    }
}
