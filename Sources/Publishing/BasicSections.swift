import Foundation
import Disclosure
import Diagnostics
import SafePaths

/// The theme's static files under `assets/`; its `favicon.ico` also at the root, where every
/// browser asks for it whatever the page says.
struct AssetSection: SiteSection {
    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        for (path, data) in context.theme.assets.sorted(by: { $0.key < $1.key }) { try files.add("assets/" + path, data) }
        if let icon = context.theme.assets["favicon.ico"] { try files.add("favicon.ico", icon) }
    }
}

/// The home page: the current year, its stage timeline, the latest notices.
struct HomeSection: SiteSection {
    struct HomeModel: Encodable {
        var year: Int?
        var competitionTitle: String
        var docNumber: String
        var timeline: [TimelineStep]
        var status: String
        var yearURL: String?
        var shortlistURL: String?
        var resultsURL: String?
        /// While registration is open: the notice that calls for entries and its forms.
        var registration: Registration?
        var notices: [NoticeSection.Summary]
        var noticesURL: String
        var years: [NavItem]
        var archiveURL: String
        var enterprisesURL: String
        /// The prizes of the newest year with published results.
        var winnersYear: Int?
        var winnersURL: String?
        var winners: [EntryRow]
    }

    struct TimelineStep: Encodable {
        var name: String
        var dates: String
        var state: String
        var current: Bool
    }

    struct Registration: Encodable {
        /// `2025年8月29日`, where competition.yaml gives the registration's end.
        var deadline: String?
        var notice: Link
        var attachments: [NoticeSection.AttachmentLink]
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        let current = context.record.years.last
        let resultsYear = context.record.years.last { $0.showsResults }
        let winners = resultsYear.map { year in year.prizes.flatMap(\.entries).map { context.entryRow(year, $0) } } ?? []
        let model = HomeModel(year: current?.year, competitionTitle: current?.title ?? context.config.title,
                              docNumber: current?.docNumber ?? "",
                              timeline: current.map { Self.timeline($0, context) } ?? [],
                              status: current.map { YearSection.status($0, context) } ?? "",
                              yearURL: current.map { context.urls.link(SitePath.year($0.year)) },
                              shortlistURL: current.flatMap { $0.showsShortlist ? context.urls.link(SitePath.shortlist($0.year)) : nil },
                              resultsURL: current.flatMap { $0.showsResults ? context.urls.link(SitePath.results($0.year)) : nil },
                              registration: try current.flatMap { try Self.registration($0, context) },
                              notices: context.record.notices.prefix(5).map { NoticeSection.summary($0, context) },
                              noticesURL: context.urls.link(SitePath.notices),
                              years: context.yearLinks(current: nil),
                              archiveURL: context.urls.link(SitePath.archive), enterprisesURL: context.urls.link(SitePath.enterprises),
                              winnersYear: resultsYear?.year, winnersURL: resultsYear.map { context.urls.link(SitePath.results($0.year)) },
                              winners: winners)
        try files.add("index.html", context.page("home", context.pageModel(title: nil, path: "", section: "home"), model))
    }

    /// During registration: the year's call for entries — its notice announcing the registration
    /// stage, else its first notice that announces no later stage — with the notice's forms.
    static func registration(_ year: PublicYear, _ context: RenderContext) throws -> Registration? {
        guard year.published == .registration else { return nil }
        let candidates = context.record.notices.filter { $0.year == year.year }.sorted { ($0.date, $0.slug) < ($1.date, $1.slug) }
        guard let notice = candidates.first(where: { $0.stage == .registration })
                ?? candidates.first(where: { $0.stage == nil }) else { return nil }
        let deadline = year.stages.first { $0.stage == .registration }?.endsOn.map(context.longDate)
        return Registration(deadline: deadline, notice: Link(title: notice.title, url: context.urls.link(SitePath.notice(notice.slug))),
                            attachments: NoticeSection.links(try NoticeSection.attachments(notice), context))
    }

    /// The stages of a year with their dates, each done, current or to come by the published stage.
    static func timeline(_ year: PublicYear, _ context: RenderContext) -> [TimelineStep] {
        let dates = StageDates.of(year, context)
        return Stage.allCases.map { stage in
            let published = year.published
            // Once results are out the year is over: every step is done.
            let state = stage < published || published == .results ? "done" : stage == published ? "current" : "upcoming"
            let when = dates[stage].map { dateRange($0, context) } ?? ""
            return TimelineStep(name: stage.chineseName, dates: when.isEmpty && state == "upcoming" ? "日期待定" : when, state: state,
                                current: state == "current")
        }
    }

    /// `8月29日前`, `9月1日至9月4日`, `9月5日`: written as the notices write them, without spaces.
    static func dateRange(_ stage: CompetitionStage, _ context: RenderContext) -> String {
        switch (stage.startsOn, stage.endsOn) {
        case let (s?, e?) where s == e: return context.shortDate(s)
        case let (s?, e?): return "\(context.shortDate(s))至\(context.shortDate(e))"
        case let (nil, e?): return "\(context.shortDate(e))前"
        case let (s?, nil): return "\(context.shortDate(s))起"
        default: return ""
        }
    }
}

/// Notices: the list, a page each, and their attachments.
struct NoticeSection: SiteSection {
    struct ListModel: Encodable {
        var notices: [Summary]
    }

    struct Summary: Encodable {
        var title: String
        var date: String
        var url: String
        var summary: String
    }

    struct NoticeModel: Encodable {
        var summary: Summary
        var text: NoticeText
        var attachments: [AttachmentLink]
        /// The list page of the stage the notice announces.
        var list: Link?
        /// The notice's own 文号, under its title.
        var docNumber: String
    }

    struct Attachment {
        var title: String
        var source: String
        var output: String
    }

    /// A download of a notice, numbered as the notice numbers its attachments.
    struct AttachmentLink: Encodable {
        /// `1`, `2—4`: the number the notice gives it (`附件2—4：…`), or its place in the list.
        var number: String?
        var title: String
        var url: String
    }

    static func summary(_ notice: PublicNotice, _ context: RenderContext) -> Summary {
        Summary(title: notice.title, date: notice.date, url: context.urls.link("notices/\(notice.slug)/"),
                summary: notice.summary.isEmpty ? context.excerpt(notice.markdown) : notice.summary)
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        let notices = context.record.notices
        try files.add("notices/index.html", context.page("notices",
            context.pageModel(title: "通知公告", path: "notices/", section: "notices"),
            ListModel(notices: notices.map { Self.summary($0, context) })))
        let content = try SourceFolder.open(context.contentDirectory, displayPath: "content")
        var attached = Set<String>()
        for notice in notices {
            let attachments = try Self.attachments(notice)
            for attachment in attachments where attached.insert(attachment.output).inserted {
                // Read again at render: the archive may hold a path an earlier import let through.
                let data: Data
                do {
                    guard let content else { throw InputError(path: "content", line: 0, "内容文件夹不存在 (no content folder)") }
                    data = try content.data(attachment.source)
                } catch let error as InputError {
                    throw InputError(path: notice.sourcePath, line: 0, "附件「\(attachment.source)」：\(error.path): \(error.message)")
                }
                try files.add(attachment.output, data)
            }
            let model = NoticeModel(summary: Self.summary(notice, context),
                                    text: NoticeText.render(notice.markdown, rawHTML: context.config.markdownRawHTML,
                                                            hasDownloads: !attachments.isEmpty),
                                    attachments: Self.links(attachments, context), list: context.listLink(of: notice),
                                    docNumber: notice.docNumber ?? "")
            try files.add("notices/\(notice.slug)/index.html", context.page("notice",
                context.pageModel(title: notice.title, path: "notices/\(notice.slug)/", section: "notices",
                                  description: model.summary.summary,
                                  breadcrumbs: [Link(title: "通知公告", url: context.urls.link("notices/"))]),
                model))
        }
    }

    /// Attachments with their output paths: `years/2024/files/x.docx` is published as `2024/files/x.docx`.
    /// A path that is not a plain one inside the content folder is an error naming the notice.
    static func attachments(_ notice: PublicNotice) throws -> [Attachment] {
        try notice.attachments.map { item in
            var problem = ""
            guard let path = AttachmentPath(item.file, problem: &problem) else {
                throw InputError(path: notice.sourcePath, line: 0, problem)
            }
            return Attachment(title: item.title, source: path.source, output: path.output)
        }
    }

    static let numberedTitle = try! NSRegularExpression(pattern: #"^附件\s*([0-9]+(?:\s*[—–~～至、，,-]+\s*[0-9]+)*)\s*[：:．.、]?\s*(.+)$"#)

    /// The downloads as the page lists them: `附件2—4：报名表` is number `2—4`, title `报名表`;
    /// titles without a number are numbered in order when there are several.
    static func links(_ attachments: [Attachment], _ context: RenderContext) -> [AttachmentLink] {
        attachments.enumerated().map { index, attachment in
            let title = attachment.title
            let url = context.urls.link(attachment.output)
            if let match = numberedTitle.firstMatch(in: title, range: NSRange(title.startIndex..., in: title)) {
                return AttachmentLink(number: String(title[Range(match.range(at: 1), in: title)!]),
                                      title: String(title[Range(match.range(at: 2), in: title)!]), url: url)
            }
            return AttachmentLink(number: attachments.count > 1 ? "\(index + 1)" : nil, title: title, url: url)
        }
    }

}

/// Other pages written in Markdown (`pages/about.md` → `/about/`).
struct MarkdownPageSection: SiteSection {
    struct PageText: Encodable {
        var html: String
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        for doc in context.record.pages {
            try files.add("\(doc.slug)/index.html", context.page("page",
                context.pageModel(title: doc.title, path: "\(doc.slug)/", section: "page-\(doc.slug)", description: context.excerpt(doc.markdown)),
                PageText(html: context.markdown(doc.markdown))))
        }
    }
}

/// `404.html`, which web hosts serve for a missing page: a search box and the main sections.
struct NotFoundSection: SiteSection {
    struct NotFoundModel: Encodable {
        var home: String
        var search: String
        var sections: [Link]
    }

    func render(into files: inout OutputFiles, _ context: RenderContext) throws {
        let sections = context.nav(current: "none").filter { $0.url != context.urls.link(SitePath.search) }
            .map { Link(title: $0.title, url: $0.url) }
        try files.add("404.html", context.page("404",
            context.pageModel(title: "页面未找到", path: "404.html", section: "none"),
            NotFoundModel(home: context.urls.link(""), search: context.urls.link(SitePath.search), sections: sections)))
    }
}
