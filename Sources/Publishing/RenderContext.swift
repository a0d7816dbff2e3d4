import Foundation
import Disclosure
import Diagnostics
import SiteSettings
import Parallelism

/// What every section renders from: settings, addresses, theme, and the public record.
struct RenderContext: Sendable {
    let config: SiteConfig
    let urls: SiteURLs
    let theme: Theme
    let record: PublicRecord
    /// Where attachments named by notices are read from.
    let contentDirectory: URL
    /// Stands for every input of a page outside the record (see `SiteRenderer.init`).
    var renderKey = ""
    /// `renderKey` but the theme, for what the theme does not shape (the search documents).
    var dataKey = ""
    /// The write-ups converted so far by the pages or the search, for the other to take (set
    /// by `SiteRenderer.render(previous:)`: shared in a first build only).
    var convertedWriteups = ConvertedWriteups(shared: false)

    /// The start of the keys of the pages of one template and nav section: `renderKey`, the
    /// template, and what every page's layout shows (the site, the navigation).
    func layoutKey(_ template: String, section: String) throws -> InputKey {
        var key = InputKey()
        key.add(renderKey)
        key.add(template)
        try KeyEncoder.add(siteModel, to: &key)
        try KeyEncoder.add(nav(current: section), to: &key)
        return key
    }

    /// The key of a page's inputs: its layout's key and `inputs`, the part of the record the page
    /// is made from, encoded before anything costly (Markdown) is done with it.
    func pageKey(_ layout: InputKey, _ inputs: some Encodable) throws -> String {
        var key = layout
        try KeyEncoder.add(inputs, to: &key)
        return key.value
    }

    /// `outlineKey()`, when the output holds pages of a last build to compare with (`SiteRenderer`).
    var outline: InputKey?

    /// The key of the render key and the record's outline (all of it but the write-ups' text):
    /// what the sections that show no write-up are made from (`SiteSection.keyedByOutline`).
    /// The years are keyed on every core.
    func outlineKey() throws -> InputKey {
        let years = try Parallel.map(record.years) { year throws(any Error) -> InputKey in
            var key = InputKey()
            try KeyEncoder.add(year, to: &key)
            return key
        }
        var key = InputKey()
        key.add(renderKey)
        for year in years { key.add(year) }
        try KeyEncoder.add(record.outlineBesidesYears, to: &key)
        return key
    }

    /// The same context with the lists of the notices filled in (`NoticeLists`).
    func fillingNoticeLists() throws -> RenderContext {
        RenderContext(config: config, urls: urls, theme: theme, record: try NoticeLists.filling(record),
                      contentDirectory: contentDirectory, renderKey: renderKey, dataKey: dataKey, convertedWriteups: convertedWriteups)
    }

    /// Renders `template` inside the layout as the page at `path`.
    func page<C: Encodable>(_ template: String, _ page: PageModel, _ content: C) throws -> Data {
        let context = PageContext(site: siteModel, page: page, nav: nav(current: page.section), content: content)
        return try theme.render(template, context)
    }

    /// A page made from data already worked out (no Markdown left to do), keyed by all of it:
    /// its layout's key and the page and content the template is given. Nil data when
    /// `previous`, the key of the page the output holds, is that key: the page is as it would
    /// be rendered now.
    func keyedPage<C: Encodable>(_ template: String, _ page: PageModel, _ content: C,
                                 previous: String?) throws -> (key: String, data: Data?) {
        let key = try pageKey(try layoutKey(template, section: page.section), KeyedPage(page: page, content: content))
        guard key != previous else { return (key, nil) }
        return (key, try self.page(template, page, content))
    }

    /// What a keyed page is given besides its layout.
    private struct KeyedPage<C: Encodable>: Encodable {
        var page: PageModel
        var content: C
    }

    var siteModel: SiteModel {
        SiteModel(title: config.title, subtitle: config.subtitle, organisers: config.organisers.joined(separator: "　"),
                  contact: config.contact.map { contactLine($0.key, $0.value) },
                  footer: config.footer, root: urls.link(""), stylesheet: urls.link("assets/site.css"),
                  feed: urls.link("feed.xml"), searchIndex: urls.link("search/index.json"),
                  pages: config.footerPages.compactMap(pageLink), icp: config.icp,
                  icon: urls.link("assets/favicon.svg"), touchIcon: urls.link("assets/touch-icon.png"),
                  shareImage: urls.absolute("assets/share.png"), search: urls.link(SitePath.search))
    }

    /// A page named in site.yaml's `nav_pages` or `footer_pages`, linked under its own title.
    func pageLink(_ link: SiteConfig.PageLink) -> Link? {
        record.pages.first { $0.slug == link.page }.map { Link(title: $0.title, url: urls.link("\($0.slug)/")) }
    }

    /// Pages site.yaml names that `pages/` does not have: all reported at once, at their lines.
    func checkPageLinks() throws {
        let known = record.pages.map(\.slug)
        let unknown = (config.navPages + config.footerPages).filter { !known.contains($0.page) }
        guard !unknown.isEmpty else { return }
        throw InputErrors(unknown.map { InputError(path: $0.path, line: $0.line,
            "没有页面 \($0.page)（pages/\($0.page).md）；" + (known.isEmpty ? "pages/ 中还没有页面" : "可用的页面：" + known.joined(separator: "、"))) })
    }

    func pageModel(title: String?, path: String, section: String, description: String = "", breadcrumbs: [Link] = []) -> PageModel {
        PageModel(title: title ?? config.title, headTitle: title.map { "\($0) - \(config.title)" } ?? config.title,
                  description: description.isEmpty ? (config.subtitle.isEmpty ? config.title : config.subtitle) : description,
                  canonical: urls.absolute(path), section: section,
                  breadcrumbs: [Link(title: "首页", url: urls.link(""))] + breadcrumbs, showsBreadcrumbs: section != "home")
    }

    func nav(current: String) -> [NavItem] {
        // 历届竞赛 opens the newest year, whose page links to every other year.
        let years = record.years.last.map { [("历届竞赛", SitePath.year($0.year), "years")] } ?? []
        return ([("首页", SitePath.home, "home"), ("通知公告", SitePath.notices, "notices")] + years
            + [("往届成果", SitePath.archive, "archive"), ("参赛单位", SitePath.enterprises, "enterprises")]
            + config.navPages.compactMap { link in pageLink(link).map { ($0.title, "\(link.page)/", "page-\(link.page)") } }
            + [("搜索", SitePath.search, "search")])
            .map { NavItem(title: $0.0, url: urls.link($0.1), current: $0.2 == current) }
    }

    /// A notice or page by staff: raw HTML as site.yaml allows it.
    func markdown(_ text: String) -> String {
        Markdown.html(text, rawHTML: config.markdownRawHTML)
    }

    /// How many characters of a text a page's description or a list's summary shows.
    static let excerptLength = 120

    func excerpt(_ markdown: String, length: Int = excerptLength) -> String {
        Markdown.excerpt(ofText: Markdown.plainText(markdown), length: length)
    }

    /// `2024-09-06` as `9月6日`.
    func shortDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[1])月\(parts[2])日"
    }

    func contactLabel(_ key: String) -> String {
        ["department": "联系部门", "phone": "联系电话", "email": "电子邮箱", "address": "地址", "contact": "联系方式"][key] ?? key
    }

    /// A contact line of the footer; a telephone number or an e-mail address is a link to call or write.
    func contactLine(_ key: String, _ value: String) -> LabelValue {
        var line = LabelValue(label: contactLabel(key), value: value)
        if key == "phone", PhoneLinks.numbers(in: value).count == 1 {
            line.url = "tel:" + value.filter(\.isNumber)
        } else if key == "email", value.contains("@"), !value.contains(where: \.isWhitespace) {
            line.url = "mailto:" + value
        }
        return line
    }
}
