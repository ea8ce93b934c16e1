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
}

/// The page shell: header with search, navigation, main column, and an aside.
enum Layout {
    static func page(_ title: String, _ context: PageContext, aside: HTML = .empty, _ main: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · \(context.instanceName)</title>
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
            <input id="site-search" type="search" name="q" placeholder="Search posts, people and #hashtags">
          </form>
          """))
        </div></header>
        <div class="layout">
          \(navigation(context))
          <main id="main" tabindex="-1">\(main)</main>
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
                  <li><a href="/signin">Sign in</a></li>
                </ul></nav>
                """
        }
        func link(_ path: String, _ icon: String, _ label: String, badge: Int = 0) -> HTML {
            let current: HTML = context.currentPath == path ? " aria-current=\"page\"" : ""
            let count: HTML = badge > 0 ? "<span class=\"badge\" aria-label=\"\(badge) unread\">\(badge)</span>" : ""
            return "<li><a href=\"\(path)\"\(current)><span aria-hidden=\"true\">\(icon)</span><span class=\"label-long\">\(label)</span>\(count)</a></li>"
        }
        return """
            <nav class="sidenav" aria-label="Main"><ul>
              \(link("/", "⌂", "Home"))
              \(link("/organization", "◎", "Organization"))
              \(link("/programs", "❖", "Programs"))
              \(link("/events", "◷", "Events"))
              \(link("/notifications", "◔", "Notifications", badge: context.unreadCount))
              \(link("/search", "⌕", "Search"))
              \(link("/bookmarks", "⚑", "Bookmarks"))
              \(link("/likes", "♥", "Likes"))
              \(link("/@\(viewer.username)", "☺", "Profile"))
              \(link("/settings/profile", "⚙", "Settings"))
              \(HTML.when(viewer.role == .admin, link("/admin/users", "⚒", "Admin")))
              <li><form method="post" action="/signout">\(csrfField(context.csrfToken))<button type="submit"><span aria-hidden="true">→</span><span class="label-long">Sign out</span></button></form></li>
            </ul></nav>
            """
    }

    static func csrfField(_ token: String) -> HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(token)\">" }

    /// A bare page for errors, which may happen before anyone is known to be signed in.
    static func errorPage(status: HTTPResponse.Status, message: String, instanceName: String) -> HTML {
        let context = PageContext(instanceName: instanceName, viewer: nil, csrfToken: "", unreadCount: 0, currentPath: "")
        return page(status.reasonPhrase, context, """
            <section class="card" aria-labelledby="error-title">
              <h1 id="error-title">\(status.code) · \(status.reasonPhrase)</h1>
              <p>\(message)</p>
              <p><a class="button" href="/">Go to the home page</a></p>
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
