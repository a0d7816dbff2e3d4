import Foundation
import Testing
@testable import QCSite

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

    @Test("The chart escapes labels from the data and scales bars to the largest value")
    func chart() {
        let svg = BarChart(title: "各单位<入围>", bars: [.init(label: "甲&乙<script>", value: 4, part: 1), .init(label: "丙", value: 2)]).svg
        #expect(svg.contains("<title>各单位&lt;入围&gt;</title>"))
        #expect(svg.contains(">甲&amp;乙&lt;script&gt;</text>"))
        #expect(!svg.contains("<script"))
        #expect(svg.contains("width=\"300\"") && svg.contains("width=\"150\"") && svg.contains("width=\"75\""))
        #expect(BarChart(title: "空", bars: []).svg.isEmpty)
    }
}
