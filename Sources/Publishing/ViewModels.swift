import Foundation

/// What every page's layout shows: the site, the page's own head, and the navigation.
struct PageContext<Content: Encodable>: Encodable {
    var site: SiteModel
    var page: PageModel
    var nav: [NavItem]
    var content: Content
}

struct SiteModel: Encodable {
    var title: String
    var subtitle: String
    var organisers: String
    var contact: [LabelValue]
    var footer: String
    /// The base path every link starts with (`/` or `/qc/`).
    var root: String
    var stylesheet: String
    var feed: String
    var searchIndex: String
    /// Pages site.yaml links from the footer (`footer_pages`).
    var pages: [Link]
    /// The ICP filing number, empty when site.yaml gives none.
    var icp: String
    var icon: String
    var touchIcon: String
    /// The picture a chat app shows with a shared link (absolute where the base URL is).
    var shareImage: String
    var search: String
}

struct PageModel: Encodable {
    var title: String
    /// The `<title>`: the page's title and the site's.
    var headTitle: String
    var description: String
    var canonical: String
    /// `home`, `notices`, `years`, `archive`, `enterprises`, `search`, or `page-<name>` for `pages/<name>.md`.
    var section: String
    var breadcrumbs: [Link]
    /// Every page but the home page shows where it sits.
    var showsBreadcrumbs: Bool
}

struct NavItem: Encodable {
    var title: String
    var url: String
    var current: Bool
}

struct LabelValue: Encodable {
    var label: String
    var value: String
    /// Where the value links to (`tel:`, `mailto:`), if anywhere.
    var url: String? = nil
}

struct Link: Encodable {
    var title: String
    var url: String
}
