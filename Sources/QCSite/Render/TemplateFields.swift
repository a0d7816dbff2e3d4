import Mustache

// The models every page renders (the layout's, and the rows of long lists) name their fields
// for the templates directly: without this, the template engine reflects (Mirror) over the
// whole value at every `{{name}}`, which dominated the build of a large archive.

extension PageContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "page": page
        case "nav": nav
        case "content": content
        default: nil
        }
    }
}

extension SiteModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "subtitle": subtitle
        case "organisers": organisers
        case "contact": contact
        case "footer": footer
        case "root": root
        case "stylesheet": stylesheet
        case "feed": feed
        case "searchIndex": searchIndex
        default: nil
        }
    }
}

extension PageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "headTitle": headTitle
        case "description": description
        case "canonical": canonical
        case "section": section
        case "breadcrumbs": breadcrumbs
        case "showsBreadcrumbs": showsBreadcrumbs
        default: nil
        }
    }
}

extension NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "current": current
        default: nil
        }
    }
}

extension LabelValue: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        default: nil
        }
    }
}

extension Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        default: nil
        }
    }
}

extension EntryRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "year": year
        case "id": id
        case "enterprise": enterprise
        case "enterpriseURL": enterpriseURL
        case "group": group
        case "title": title
        case "url": url
        case "type": type
        case "shortlisted": shortlisted
        case "award": award
        case "awardClass": awardClass
        case "score": score
        default: nil
        }
    }
}
