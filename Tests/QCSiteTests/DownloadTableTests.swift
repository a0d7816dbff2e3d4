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

@Suite("Downloads and charts")
struct DownloadTableTests {
    @Test("CSV cells: RFC 4180 quoting, formula-like starts defused, others untouched")
    func cells() {
        let table = DownloadTable(header: ["编号", "课题名称"], rows: [
            ["2024-001", "提高,接通率"], ["2024-002", "第一行\n第二行"], ["2024-003", "说\"明\""],
            ["2024-004", "+86 电话"], ["2024-005", "@SUM(A1)"], ["2024-006", "\t=1"], ["2024-007", "\r=1"], ["2024-008", "5G-A 网络"],
        ])
        let text = String(decoding: table.csv, as: UTF8.self)
        #expect(text == "\u{FEFF}编号,课题名称\r\n2024-001,\"提高,接通率\"\r\n2024-002,\"第一行\n第二行\"\r\n2024-003,\"说\"\"明\"\"\"\r\n"
                + "2024-004,'+86 电话\r\n2024-005,'@SUM(A1)\r\n2024-006,'\t=1\r\n2024-007,\"'\r=1\"\r\n2024-008,5G-A 网络\r\n")
    }

    @Test("The chart scales bars to the largest value, draws the awarded part within its bar, and breaks names between units")
    func chart() {
        let rows = BarChart(title: "各单位入围", bars: [.init(label: "示例广电网络股份有限公司长治分公司", value: 4, part: 1),
                                                    .init(label: "丙", value: 2), .init(label: "丁", value: 0)]).rows
        #expect(rows.map(\.width) == ["75%", "37.5%", "1%"])
        #expect(rows.map(\.partWidth) == ["25%", nil, nil])
        #expect(rows.map(\.value) == ["4（获奖 1）", "2", "0"])
        #expect(rows[0].labelParts == ["示例广电网络", "股份有限公司", "长治分公司"])
        #expect(BarChart(title: "空", bars: []).rows.isEmpty)
    }

    @Test("Names break between their units, never inside one, and never leave a single character")
    func nameBreaks() {
        #expect(NameBreaks.parts("示例移动通信集团示例省有限公司") == ["示例移动通信集团", "示例省", "有限公司"])
        #expect(NameBreaks.parts("示例邮电规划设计院有限公司（太原分院）") == ["示例邮电规划设计院", "有限公司", "（太原分院）"])
        #expect(NameBreaks.parts("示例铁塔股份有限公司晋城市分公司") == ["示例铁塔", "股份有限公司", "晋城市分公司"])
        #expect(NameBreaks.parts("示例省信息产业技术研究院有限公司") == ["示例省信息产业技术研究院", "有限公司"])
        #expect(NameBreaks.parts("示例通信集团公司") == ["示例通信集团公司"])
        #expect(NameBreaks.parts("示例大学") == ["示例大学"])
    }
}
