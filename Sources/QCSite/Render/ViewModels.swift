import Foundation

/// What every page's layout shows: the site, the page's own head, and the navigation.
struct PageContext<Content> {
    var site: SiteModel
    var page: PageModel
    var nav: [NavItem]
    var content: Content
}

struct SiteModel {
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
}

struct PageModel {
    var title: String
    /// The `<title>`: the page's title and the site's.
    var headTitle: String
    var description: String
    var canonical: String
    /// `home`, `notices`, `years`, `archive`, `enterprises`, `search`, `pages`.
    var section: String
    var breadcrumbs: [Link]
    /// Every page but the home page shows where it sits.
    var showsBreadcrumbs: Bool
}

struct NavItem {
    var title: String
    var url: String
    var current: Bool
}

struct LabelValue {
    var label: String
    var value: String
}

struct Link {
    var title: String
    var url: String
}
