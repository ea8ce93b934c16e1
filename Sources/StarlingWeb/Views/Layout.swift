import Foundation
import Hummingbird
import StarlingCore

/// What every page's shell needs to know about the request.
struct PageContext {
    var instanceName: String
    var viewer: Account?
    var csrfToken: String
    var unreadCount: Int
    var currentPath: String
    /// Recall checks due for the reader (the count beside Reviews in the menu).
    var dueReviews = 0
    /// The zone the reader reads times in: their own, else the organization's.
    var timeZone: TimeZone = .gmt
    /// A form on this page that was sent and refused: the page shows it refilled, with the message.
    var rejectedForm: RejectedForm? = nil
    /// What the previous action did ("Your question was posted."), shown once at the top.
    var notice: String? = nil
}

/// The page shell: header with search, navigation, main column, and an aside.
enum Layout {
    static func page(_ title: String, _ context: PageContext, aside: HTML = .empty, _ main: HTML) -> HTML {
        let notice: HTML = context.notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? .empty
        let main = context.rejectedForm.map { HTML(raw: FormRefill.apply($0, to: main.raw)) } ?? main
        let title = context.rejectedForm == nil ? title : "Not saved: \(title)"
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · \(context.instanceName)</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="\(Assets.stylesheetPath)">
        <script src="\(Assets.scriptPath)" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="topbar"><div class="topbar-inner">
          <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">✦</span>\(context.instanceName)</a>
          \(HTML.when(context.viewer != nil, """
          <form class="search" role="search" action="/search" method="get">
            <label class="visually-hidden" for="site-search">Search</label>
            <input id="site-search" type="search" name="q" placeholder="Search posts, people, programs, events…">
          </form>
          """))
        </div></header>
        <div class="layout">
          \(navigation(context))
          <main id="main" tabindex="-1">\(notice)\(main)</main>
          <aside class="aside" aria-label="More">\(aside)</aside>
        </div>
        </body>
        </html>
        """
    }

    private static func navigation(_ context: PageContext) -> HTML {
        guard let viewer = context.viewer else {
            return """
                <nav class="sidenav" aria-label="Main"><ul>
                  <li class="primary"><a href="/signin"><span aria-hidden="true">→</span><span class="label">Sign in</span></a></li>
                </ul></nav>
                """
        }
        let items = menu(for: viewer, unreadCount: context.unreadCount, dueReviews: context.dueReviews).map { item -> HTML in
            let current: HTML = item.isCurrent(context.currentPath) ? " aria-current=\"page\"" : ""
            let count: HTML = item.badge > 0 ? "<span class=\"badge\" aria-label=\"\(item.badge) \(item.badgeNoun)\">\(item.badge)</span>" : ""
            return "<li class=\"\(item.onPhoneBar ? "primary" : "secondary")\"><a href=\"\(item.path)\"\(current)><span class=\"icon\" aria-hidden=\"true\">\(item.icon)</span><span class=\"label\">\(item.label)</span>\(count)</a></li>"
        }
        let onMore = menu(for: viewer, unreadCount: 0).contains { !$0.onPhoneBar && $0.isCurrent(context.currentPath) } || context.currentPath == "/more"
        return """
            <nav class="sidenav" aria-label="Main"><ul>
              \(items)
              <li class="more"><a href="/more"\(HTML.when(onMore, " aria-current=\"page\""))><span class="icon" aria-hidden="true">☰</span><span class="label">More</span></a></li>
              <li class="secondary signout"><form method="post" action="/signout">\(csrfField(context.csrfToken))<button type="submit"><span class="icon" aria-hidden="true">→</span><span class="label">Sign out</span></button></form></li>
            </ul></nav>
            """
    }

    /// A destination of the main menu. On phones only those `onPhoneBar` are in the bottom bar; the
    /// others are under "More" (`/more`), with signing out.
    struct MenuItem {
        var path: String
        var icon: String
        var label: String
        var badge = 0
        /// What the badge counts, for screen readers: "5 unread", "2 due".
        var badgeNoun = "unread"
        var onPhoneBar = false

        /// This item's area holds the page: `/programs` is current on `/programs/12/questions` too.
        func isCurrent(_ current: String) -> Bool {
            let area = path == "/admin/users" ? "/admin" : path == "/settings/profile" ? "/settings" : path
            if area == "/" { return current == "/" }
            if area == "/events" && current.hasPrefix("/occurrences/") { return true }
            return current == area || current.hasPrefix(area + "/")
        }
    }

    /// The main menu of a signed-in person, in order.
    static func menu(for viewer: Account, unreadCount: Int, dueReviews: Int = 0) -> [MenuItem] {
        [
            MenuItem(path: "/", icon: "⌂", label: "Home", onPhoneBar: true),
            MenuItem(path: "/organization", icon: "◎", label: "Organization"),
            MenuItem(path: "/programs", icon: "❖", label: "Programs", onPhoneBar: true),
            MenuItem(path: "/events", icon: "◷", label: "Events", onPhoneBar: true),
            MenuItem(path: "/notifications", icon: "◔", label: "Notifications", badge: unreadCount, onPhoneBar: true),
            MenuItem(path: "/reviews", icon: "✓", label: "Reviews", badge: dueReviews, badgeNoun: "due"),
            MenuItem(path: "/search", icon: "⌕", label: "Search"),
            MenuItem(path: "/bookmarks", icon: "⚑", label: "Bookmarks"),
            MenuItem(path: "/likes", icon: "♥", label: "Likes"),
            MenuItem(path: "/@\(viewer.username)", icon: "☺", label: "Profile"),
            MenuItem(path: "/settings/profile", icon: "⚙", label: "Settings"),
        ] + (viewer.role == .admin ? [MenuItem(path: "/analytics", icon: "▤", label: "Analytics"), MenuItem(path: "/admin/users", icon: "⚒", label: "Admin")] : [])
    }

    static func csrfField(_ token: String) -> HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(token)\">" }

    /// A page for an error, in the shell of whoever is signed in (their own menu and search).
    static func errorPage(status: HTTPResponse.Status, message: String, _ context: PageContext) -> HTML {
        page(status.reasonPhrase, context, """
            <section class="card" aria-labelledby="error-title">
              <h1 id="error-title">\(status.code) · \(status.reasonPhrase)</h1>
              <p>\(message)</p>
              <p><a class="button" href="/">Go to the home page</a>\(HTML.when(context.viewer != nil, " <a class=\"button secondary\" href=\"/search\">Search</a>"))</p>
            </section>
            """)
    }

    /// A short, readable age: "now", "5m", "3h", "2d", or a date.
    static func age(_ date: Date, now: Date = Date()) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86400: return "\(seconds / 3600)h"
        case ..<(7 * 86400): return "\(seconds / 86400)d"
        default:
            let formatter = DateFormatter()
            formatter.dateFormat = "d MMM yyyy"
            formatter.locale = Locale(identifier: "en_US_POSIX")
            return formatter.string(from: date)
        }
    }

    static func isoDate(_ date: Date) -> String { date.formatted(.iso8601) }
}
