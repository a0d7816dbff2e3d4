import Foundation
import Disclosure

/// The links between a list page and the notice that announces it. A notice with `stage:`
/// shortlist or onsite points to the shortlist, one with `stage: results` to the results; each
/// list page names its announcing notice — the year's earliest published notice with that
/// stage — with its 文号, issuers and date, and links back to it.
extension RenderContext {
    /// A notice as a list page cites it.
    struct NoticeReference: Encodable {
        var title: String
        var url: String
        var docNumber: String
        /// The 落款's issuers (else the organisers of site.yaml), separated by `、`.
        var issuers: String
        /// `2024年9月6日`.
        var date: String
        var isoDate: String
    }

    /// The list page a notice announcing `stage` points to.
    func listLink(of notice: PublicNotice) -> Link? {
        guard let year = notice.year, let stage = notice.stage, record.year(year) != nil else { return nil }
        switch stage {
        case .shortlist, .onsite: return Link(title: "\(year)年现场发表入围名单", url: urls.link(SitePath.shortlist(year)))
        case .results: return Link(title: "\(year)年评选结果", url: urls.link(SitePath.results(year)))
        case .registration, .review: return nil
        }
    }

    /// The notice that announced `stage` of `year`, as its list page cites it.
    func announcement(of stage: Stage, year: Int) -> NoticeReference? {
        let notice = record.notices.filter { $0.year == year && $0.stage == stage }.min { ($0.date, $0.slug) < ($1.date, $1.slug) }
        return notice.map { notice in
            let signature = NoticeText.render(notice.markdown, rawHTML: config.markdownRawHTML, hasDownloads: false).signature
            return NoticeReference(title: notice.title, url: urls.link(SitePath.notice(notice.slug)), docNumber: notice.docNumber ?? "",
                                   issuers: (signature?.issuers ?? config.organisers).joined(separator: "、"), date: longDate(notice.date), isoDate: notice.date)
        }
    }
}
