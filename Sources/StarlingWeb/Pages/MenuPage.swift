import Hummingbird
import StarlingCore

/// `/more`: the whole main menu as a page, where the phone's bottom bar sends "More" (the
/// destinations that do not fit in it, and signing out, away from the frequently used ones).
struct MenuPage {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/more") { request, context in
            let viewer = try context.requireViewer()
            let page = try await pages.pageContext(request, context)
            let items = Layout.menu(for: viewer, unreadCount: page.unreadCount).map { item -> HTML in
                "<li><a href=\"\(item.path)\"><span class=\"icon\" aria-hidden=\"true\">\(item.icon)</span>\(item.label)\(HTML.when(item.badge > 0, " (\(item.badge) unread)"))</a></li>"
            }
            return Layout.page("Menu", page, """
                <h1>Menu</h1>
                <nav class="card menu-page" aria-label="Everything"><ul class="plain">\(items)</ul></nav>
                <form method="post" action="/signout" class="card">\(Layout.csrfField(page.csrfToken))
                  <button class="button secondary" type="submit">Sign out</button></form>
                """)
        }
    }
}
