import Foundation
import Hummingbird
import StarlingCore

/// The admins' view of timed work: how many jobs wait, the ones that failed for good (with why, each
/// with a button to try it again), and the nightly backups.
struct JobPages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/admin/jobs") { request, context in
            let admin = try context.requireViewer()
            let failed = try await pages.starling.jobs.failed(viewer: admin)
            let depth = try await pages.starling.jobs.depth(viewer: admin, now: pages.starling.clock.now())
            let pending = depth.due + depth.scheduled
            let rows = failed.map { job -> HTML in
                """
                <tr><td>\(job.kind)<br><span class="muted small">\(job.key)</span></td><td>\(job.attempts)</td>
                <td>\(job.lastError ?? "")</td><td>\(job.failedAt.map { Layout.age($0) } ?? "")</td>
                <td><form method="post" action="/admin/jobs/\(job.id)/retry">\(Layout.csrfField(context.csrfToken))
                <button class="button secondary" type="submit">Try again</button></form></td></tr>
                """
            }
            return await HTMLPage(status: .ok, body: Layout.page("Jobs", try pages.pageContext(request, context), """
                <h1>Background jobs</h1>
                <p>\(pending) \(pending == 1 ? "job waits" : "jobs wait") for their time. Jobs that fail are tried again after
                10 seconds, then twice as long each time; after \(RetryPolicy.standard.attempts) attempts they stop here (emails are
                tried \(RetryPolicy.email.attempts) times over about \(Int(RetryPolicy.email.span / 3600)) hours, as a mail server may be away a while).</p>
                <section class="card">\(failed.isEmpty ? "<p class=\"muted\">No failed jobs.</p>" as HTML : """
                  <table class="admin"><thead><tr><th scope="col">Job</th><th scope="col">Attempts</th><th scope="col">Last error</th>
                  <th scope="col">Failed</th><th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table>
                  """)</section>
                \(try backups())
                """)).response()
        }
        router.post("/admin/jobs/:id/retry") { _, context in
            try await pages.starling.jobs.retry(try WebPages.idParameter(context), by: try context.requireViewer())
            return Response.redirect(to: "/admin/jobs")
        }
    }

    /// Where the nightly backups go and which are kept, or how to turn them on.
    private func backups() throws -> HTML {
        guard let nightly = pages.starling.nightlyBackups else {
            return """
                <section class="card"><h2>Backups</h2><p class="muted">Nightly backups are off. Start the server with
                <code>--backup-dir</code>, or run <code>starling admin backup DIR</code> while it serves.</p></section>
                """
        }
        let kept = try nightly.finished()
        return """
            <section class="card"><h2>Backups</h2>
            <p>Every night at \(nightly.plan.hour):00 into <code>\(nightly.plan.root)</code>; the newest \(nightly.plan.keep) are kept.</p>
            \(kept.isEmpty ? "<p class=\"muted\">None made yet.</p>" as HTML : "<ul>\(kept.map { "<li><code>\($0)</code></li>" as HTML })</ul>")
            </section>
            """
    }
}
