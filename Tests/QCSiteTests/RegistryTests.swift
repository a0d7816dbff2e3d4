import Foundation
import Testing
@testable import Archive
@testable import Content
@testable import Diagnostics
@testable import Disclosure
@testable import Forms
@testable import Preview
@testable import Publishing
@testable import Rules
@testable import SafePaths
@testable import SiteBuild
@testable import SiteSettings
@testable import TextKeys

@Suite("Enterprise registry")
struct RegistryTests {
    func resolver() throws -> EnterpriseResolver {
        let yaml = try YAMLValue.parse(SiteFixture.enterprises, path: "enterprises.yaml")
        return EnterpriseResolver(try RegistryReader.read(yaml))
    }

    @Test("Names resolve through the seal name or an alias, whatever the width and spaces", arguments: [
        ("示例甲通信有限公司", "demo-a"), ("示例甲通信", "demo-a"), ("示例旧名通信有限公司", "demo-a"),
        ("示例甲通信 有限公司", "demo-a"), ("示例甲通信\u{3000}有限公司", "demo-a"),
        ("示例乙网络有限公司(北区)", "demo-b"), ("示例乙网络有限公司（北区）", "demo-b"), ("示例乙网络有限公司 （北区）", "demo-b"),
        ("demo-group", "demo-group"),
    ])
    func resolves(name: String, id: String) throws {
        #expect(try resolver().resolve(name) == id)
    }

    @Test("An unknown name is not resolved, and the closest registered names are suggested")
    func suggestions() throws {
        let r = try resolver()
        #expect(r.resolve("示例丙通信有限公司") == nil)
        #expect(r.suggestions(for: "示例甲通讯有限公司").first == "示例甲通信有限公司")
        #expect(r.unknownMessage("示例甲通讯有限公司", column: "单位名称").contains("示例甲通信有限公司"))
    }

    @Test("One name for two enterprises, a repeated id, and an unknown member unit are errors with lines")
    func ambiguous() throws {
        let yaml = try YAMLValue.parse("""
            - id: a
              name: 示例甲
            - id: b
              name: 示例乙
              aliases: [示例甲]
            - id: a
              name: 示例丙
            - id: c
              name: 示例丁
              member_unit: nowhere
            """, path: "enterprises.yaml")
        do {
            _ = try RegistryReader.read(yaml)
            Issue.record("expected errors")
        } catch let errors as InputErrors {
            let text = errors.errors.map(\.description)
            #expect(text.contains { $0.hasPrefix("enterprises.yaml:5:") && $0.contains("示例甲") })
            #expect(text.contains { $0.hasPrefix("enterprises.yaml:6:") && $0.contains("重复") })
            #expect(text.contains { $0.contains("nowhere") })
        }
    }
}
