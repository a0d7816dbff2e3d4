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
        case "pages": pages
        case "icp": icp
        case "icon": icon
        case "touchIcon": touchIcon
        case "shareImage": shareImage
        case "search": search
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
        case "url": url
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
        case "enterpriseParts": enterpriseParts
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

extension AchievementSection.AchievementModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "entry": entry
        case "competition": competition
        case "outcome": outcome
        case "materialScore": materialScore
        case "onsiteScore": onsiteScore
        case "writeup": writeup
        case "yearURL": yearURL
        case "resultsURL": resultsURL
        default: nil
        }
    }
}

extension ArchiveSection.ArchiveModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "filters": filters
        case "rows": rows
        case "count": count
        case "filterStylesheet": filterStylesheet
        case "script": script
        default: nil
        }
    }
}

extension ArchiveSection.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "entry": entry
        case "classes": classes
        case "outcome": outcome
        default: nil
        }
    }
}

extension EnterpriseSection.EnterpriseModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "aliases": aliases
        case "memberUnit": memberUnit
        case "isMember": isMember
        case "members": members
        case "years": years
        case "eligibility": eligibility
        default: nil
        }
    }
}

extension EnterpriseSection.YearHistory: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": year
        case "url": url
        case "entries": entries
        case "excellent": excellent
        default: nil
        }
    }
}

extension EnterpriseSection.Summary: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "nameParts": nameParts
        case "url": url
        case "shortlisted": shortlisted
        case "awarded": awarded
        case "counted": counted
        case "eligible": eligible
        default: nil
        }
    }
}
