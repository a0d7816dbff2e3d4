import Foundation
import Archive

/// Renders the public site from the archive through the theme, into files by output path.
/// It reads only the archive snapshot, the standings and the site's settings.
public struct SiteRenderer {
    let config: SiteConfig
    let urls: SiteURLs
    let theme: Theme
    let snapshot: ArchiveSnapshot
    let standings: [Int: YearStandings]
    /// Where attachments named by notices are read from.
    let contentDirectory: URL

    public init(config: SiteConfig, urls: SiteURLs, theme: Theme, snapshot: ArchiveSnapshot,
                standings: [Int: YearStandings], contentDirectory: URL) {
        self.config = config
        self.urls = urls
        self.theme = theme
        self.snapshot = snapshot
        self.standings = standings
        self.contentDirectory = contentDirectory
    }

    /// Every output file by path relative to the output folder.
    public func render() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, data) in theme.assets { files["assets/" + path] = data }
        func page<C>(_ path: String, template: String, page: PageModel, content: C) throws {
            let context = PageContext(site: siteModel, page: page, nav: nav(current: page.section), content: content)
            files[path] = Data(try theme.render(template, context).utf8)
        }

        try page("index.html", template: "home", page: pageModel(title: nil, path: "", section: "home"), content: homeModel())

        let notices = snapshot.writing.notices
        try page("notices/index.html", template: "notices",
                 page: pageModel(title: "通知公告", path: "notices/", section: "notices"),
                 content: ["notices": notices.map(noticeSummary)])
        for notice in notices {
            let attachments = attachmentList(notice)
            for attachment in attachments {
                if let data = FileManager.default.contents(atPath: contentDirectory.appendingPathComponent(attachment.source).path) {
                    files[attachment.output] = data
                }
            }
            let model = NoticeModel(summary: noticeSummary(notice), html: Markdown.html(notice.markdown, rawHTML: config.markdownRawHTML),
                                    attachments: attachments.map { Link(title: $0.title, url: urls.link($0.output)) })
            try page("notices/\(notice.slug)/index.html", template: "notice",
                     page: pageModel(title: notice.title, path: "notices/\(notice.slug)/", section: "notices",
                                     description: notice.summary.isEmpty ? excerpt(notice.markdown) : notice.summary,
                                     breadcrumbs: [Link(title: "通知公告", url: urls.link("notices/"))]),
                     content: model)
        }
        for doc in snapshot.writing.pages {
            try page("\(doc.slug)/index.html", template: "page",
                     page: pageModel(title: doc.title, path: "\(doc.slug)/", section: "pages", description: excerpt(doc.markdown)),
                     content: ["html": Markdown.html(doc.markdown, rawHTML: config.markdownRawHTML)])
        }
        try page("404.html", template: "404", page: pageModel(title: "页面未找到", path: "404.html", section: "none"),
                 content: ["home": urls.link("")])
        return files
    }

    // MARK: Models

    var siteModel: SiteModel {
        SiteModel(title: config.title, subtitle: config.subtitle, organisers: config.organisers.joined(separator: "　"),
                  contact: config.contact.map { LabelValue(label: contactLabel($0.key), value: $0.value) },
                  footer: config.footer, root: urls.link(""), stylesheet: urls.link("assets/site.css"),
                  feed: urls.link("feed.xml"), searchIndex: urls.link("search/index.json"))
    }

    func pageModel(title: String?, path: String, section: String, description: String = "", breadcrumbs: [Link] = []) -> PageModel {
        PageModel(title: title ?? config.title, headTitle: title.map { "\($0) - \(config.title)" } ?? config.title,
                  description: description.isEmpty ? (config.subtitle.isEmpty ? config.title : config.subtitle) : description,
                  canonical: urls.absolute(path), section: section,
                  breadcrumbs: [Link(title: "首页", url: urls.link(""))] + breadcrumbs)
    }

    func nav(current: String) -> [NavItem] {
        [("首页", "", "home"), ("通知公告", "notices/", "notices")]
            .map { NavItem(title: $0.0, url: urls.link($0.1), current: $0.2 == current) }
    }

    struct NoticeSummary {
        var title: String
        var date: String
        var url: String
        var summary: String
    }

    struct NoticeModel {
        var summary: NoticeSummary
        var html: String
        var attachments: [Link]
    }

    func noticeSummary(_ notice: Notice) -> NoticeSummary {
        NoticeSummary(title: notice.title, date: notice.date, url: urls.link("notices/\(notice.slug)/"),
                      summary: notice.summary.isEmpty ? excerpt(notice.markdown) : notice.summary)
    }

    struct HomeModel {
        var year: Int?
        var competitionTitle: String
        var docNumber: String
        var timeline: [TimelineStep]
        var notices: [NoticeSummary]
    }

    struct TimelineStep {
        var name: String
        var dates: String
        var state: String
    }

    func homeModel() -> HomeModel {
        let current = snapshot.years.last
        return HomeModel(year: current?.year, competitionTitle: current?.competition.title ?? config.title,
                         docNumber: current?.competition.docNumber ?? "",
                         timeline: current.map(timeline) ?? [],
                         notices: snapshot.writing.notices.prefix(5).map(noticeSummary))
    }

    /// The stages of a year with their dates, each done, current or to come by the published stage.
    func timeline(_ year: YearRecords) -> [TimelineStep] {
        Stage.allCases.compactMap { stage in
            let dates = year.stages.first { $0.stage == stage }
            if dates == nil && stage == .results && year.competition.published < .results { return nil }
            let published = year.competition.published
            let state = stage < published ? "done" : stage == published ? "current" : "upcoming"
            return TimelineStep(name: stage.chineseName, dates: dates.map(dateRange) ?? "", state: state)
        }
    }

    func dateRange(_ stage: CompetitionStage) -> String {
        switch (stage.startsOn, stage.endsOn) {
        case let (s?, e?) where s == e: return shortDate(s)
        case let (s?, e?): return "\(shortDate(s)) 至 \(shortDate(e))"
        case let (nil, e?): return "\(shortDate(e)) 前"
        case let (s?, nil): return "\(shortDate(s)) 起"
        default: return ""
        }
    }

    /// `2024-09-06` as `9月6日`.
    func shortDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[1])月\(parts[2])日"
    }

    struct Attachment {
        var title: String
        var source: String
        var output: String
    }

    func attachmentList(_ notice: Notice) -> [Attachment] {
        guard let data = notice.attachmentsJson.data(using: .utf8),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: String]] else { return [] }
        return list.compactMap { item in
            guard let file = item["file"] else { return nil }
            let output = file.hasPrefix("years/") ? String(file.dropFirst("years/".count)) : "files/" + (file as NSString).lastPathComponent
            return Attachment(title: item["title"] ?? file, source: file, output: output)
        }
    }

    func excerpt(_ markdown: String, length: Int = 120) -> String {
        let text = Markdown.plainText(markdown).replacingOccurrences(of: "\n", with: " ")
        return text.count > length ? String(text.prefix(length)) + "…" : text
    }

    func contactLabel(_ key: String) -> String {
        ["department": "联系部门", "phone": "联系电话", "email": "电子邮箱", "address": "地址", "contact": "联系方式"][key] ?? key
    }
}
