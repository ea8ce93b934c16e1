import Foundation
import Hummingbird
import NIOCore
import StarlingCore

/// A person's own settings: profile, password, and their data to take with them.
struct SettingsPages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/settings/profile") { request, context in try await settingsPage(request, context) }
        router.get("/settings/archive") { _, context in
            let viewer = try context.requireViewer()
            let archive = await PersonalArchive(data: try pages.starling.personalData.gather(for: viewer), baseURL: pages.settings.baseURL,
                                          files: pages.starling.files, now: pages.starling.clock.now())
            return Response(status: .ok, headers: [
                .contentType: "application/x-tar",
                .contentDisposition: "attachment; filename=\"\(archive.fileName)\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(bytes: try await archive.build())))
        }
        // Refused changes come back refilled (`FormRefill`); saved ones say so.
        router.post("/settings/profile") { _, context in
            let viewer = try context.requireViewer()
            let form = context.form
            try await pages.starling.accounts.updateProfile(viewer, displayName: form.text("display_name"), bio: form.text("bio"), timeZone: form.text("time_zone"))
            return pages.redirect(to: "/settings/profile", notice: "Your profile was saved.")
        }
        router.post("/settings/avatar") { _, context in
            let viewer = try context.requireViewer()
            if context.form["remove"] == "1" {
                try await pages.starling.accounts.removeAvatar(viewer)
            } else {
                try await pages.starling.accounts.setAvatar(viewer, bytes: context.form.files["avatar"]?.bytes ?? [])
            }
            return pages.redirect(to: "/settings/profile", notice: "Your picture was saved.")
        }
        router.post("/settings/federation") { _, context in
            let viewer = try context.requireViewer()
            try await pages.starling.accounts.setFederationChoices(viewer, discoverable: context.form["discoverable"] == "1",
                                                                   locked: context.form["locked"] == "1")
            return pages.redirect(to: "/settings/profile", notice: "Your choices about people outside were saved.")
        }
        router.post("/settings/password") { _, context in
            let viewer = try context.requireViewer()
            try await pages.starling.accounts.changePassword(viewer, current: context.form.text("current_password"), new: context.form.text("new_password"))
            var response = pages.redirect(to: "/signin", notice: "Your password was changed. Sign in with the new one.")
            response.setCookie(Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
            return response
        }
    }

    private func settingsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let federation = try await pages.starling.federation.mode()
        let html = Layout.page("Settings", page, """
            <h1>Settings</h1>
            <p><a href="/settings/activity">Your activity</a>: the days you were active, as the organization's analytics count them.</p>
            <p><a href="/settings/email">Email</a>: what Starling emails you about.</p>
            <section class="card form" aria-labelledby="profile-settings">
              <h2 id="profile-settings">Profile</h2>
              <div class="profile-head">\(PostViews.avatar(viewer, big: true))
                <form method="post" action="/settings/avatar" enctype="multipart/form-data">\(Layout.csrfField(context.csrfToken))
                  <label for="avatar">Picture</label>
                  <input type="file" id="avatar" name="avatar" accept="image/jpeg,image/png,image/gif,image/webp">
                  <p class="hint">JPEG, PNG, GIF or WebP, up to 2 MB. Location data is removed from photos.</p>
                  <div class="compose-row"><button class="button secondary" type="submit">Upload picture</button>
                  \(HTML.when(viewer.avatarPath != nil, "<button class=\"button secondary\" type=\"submit\" name=\"remove\" value=\"1\">Use initials</button>"))</div>
                </form>
              </div>
              <form method="post" action="/settings/profile">\(Layout.csrfField(context.csrfToken))
                <label for="display_name">Display name</label>
                <input type="text" id="display_name" name="display_name" value="\(viewer.displayName)" maxlength="50">
                <label for="bio">Bio</label>
                <textarea id="bio" name="bio" rows="4" data-max="500">\(viewer.bio)</textarea>
                <p class="hint"><span id="bio-counter" aria-live="polite"></span></p>
                <label for="time_zone">Time zone</label>
                \(TimeViews.zoneSelect(id: "time_zone", name: "time_zone", selected: viewer.timeZone ?? "", suggested: [viewer.timeZone ?? "", pages.settings.timeZone],
                                      allowNone: "The organization's (\(pages.settings.timeZone))"))
                <p class="hint">Event times are shown in it.</p>
                <div class="actions-row"><button class="button" type="submit">Save profile</button></div>
              </form>
            </section>
            \(HTML.when(!viewer.isGuest, outsideSection(viewer, federation: federation, context: context)))
            <section class="card form" aria-labelledby="password-settings">
              <h2 id="password-settings">Password</h2>
              <form method="post" action="/settings/password">\(Layout.csrfField(context.csrfToken))
                <label for="current_password">Current password</label>
                <input type="password" id="current_password" name="current_password" autocomplete="current-password" required>
                <label for="new_password">New password</label>
                <input type="password" id="new_password" name="new_password" autocomplete="new-password" required minlength="8">
                <p class="hint">Changing it signs you out everywhere.</p>
                <div class="actions-row"><button class="button" type="submit">Change password</button></div>
              </form>
            </section>
            <section class="card" aria-labelledby="data-settings">
              <h2 id="data-settings">Your data</h2>
              <p>Download everything you wrote and kept here: your profile, posts with their images and reposts, who you follow,
              bookmarks, likes, lists, commitments with check-ins, and reviews with your answers. It is a tar archive laid out as
              a Mastodon archive (<code>actor.json</code>, <code>outbox.json</code>), so other servers' tools can read it.</p>
              <p><a class="button secondary" href="/settings/archive" download>Download my archive</a></p>
              <p>\(viewer.deletionRequestedAt == nil ? "Leaving?" : "You asked to delete your account.") <a href="/settings/delete">Delete your account</a>.</p>
            </section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// Whether people outside the organization (other servers of the social web) may find and follow the viewer.
    private func outsideSection(_ viewer: Account, federation: FederationMode, context: WebContext) -> HTML {
        """
        <section class="card form" aria-labelledby="outside-settings">
          <h2 id="outside-settings">People outside the organization</h2>
          <p class="hint">\(federation == .off
              ? "The organization does not connect with other servers now; these choices apply once it does."
              : "The organization connects with some other servers of the social web (ActivityPub, as Mastodon).")
          Only posts you make public, or for followers you approved, ever leave; posts for the organization and in programs never do.</p>
          <form method="post" action="/settings/federation">\(Layout.csrfField(context.csrfToken))
            <label class="check"><input type="checkbox" name="discoverable" value="1"\(HTML.when(viewer.discoverable, " checked"))>
              Let people outside find and follow me</label>
            <label class="check"><input type="checkbox" name="locked" value="1"\(HTML.when(viewer.locked, " checked"))>
              Approve each follower from outside myself</label>
            <div class="actions-row"><button class="button" type="submit">Save</button></div>
          </form>
          <p><a href="/follow-requests">Follow requests from outside</a></p>
        </section>
        """
    }
}
