import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore

/// Statuses: posting, reading, deleting, and acting on them.
struct StatusesAPI {
    let starling: Starling
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        api.post("/v1/statuses") { request, context in
            let viewer = try context.requireUser("write:statuses")
            let p = try await APIParameters.read(request, context: context)
            let visibility = try mapper.visibility(mastodon: p["visibility"], localOnly: try p.bool("local_only") ?? false)
            let draft = PostService.Draft(text: p["status"] ?? "", contentWarning: p["spoiler_text"] ?? "", visibility: visibility,
                                          inReplyToID: try p.id("in_reply_to_id"), mediaIDs: try p.ids("media_ids[]") + p.ids("media_ids"),
                                          poll: try pollDraft(p), language: p["language"])
            if let when = try p.date("scheduled_at") {
                let scheduled = try await starling.schedule.schedule(draft, at: when, by: viewer, app: context.grant?.appID)
                let media = try? await scheduledMedia(scheduled)
                return APIResponse.json { mapper.scheduledStatus(scheduled, media: media, into: &$0) }
            }
            let post = try await starling.posts.compose(draft, by: viewer, idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!])
            let view = try await starling.reads.post(post.id, viewer: viewer)
            return APIResponse.json { mapper.status(view, into: &$0) }
        }
        api.get("/v1/statuses/:id") { _, context in
            if context.grant != nil { _ = try context.requireScope("read:statuses") }
            let view = try await starling.reads.post(try WebPages.idParameter(context), viewer: context.viewer)
            return APIResponse.json { mapper.status(view, into: &$0) }
        }
        api.delete("/v1/statuses/:id") { _, context in
            let viewer = try context.requireUser("write:statuses")
            let view = try await starling.reads.post(try WebPages.idParameter(context), viewer: viewer)
            try await starling.posts.delete(view.id, by: viewer)
            return APIResponse.json { mapper.status(view, source: true, into: &$0) }
        }
        api.put("/v1/statuses/:id") { request, context in
            let viewer = try context.requireUser("write:statuses")
            let p = try await APIParameters.read(request, context: context)
            let id = try WebPages.idParameter(context)
            let current = try await starling.reads.post(id, viewer: viewer)
            let edited = try await starling.posts.edit(id, text: p.raw("status") ?? current.post.source,
                                                 contentWarning: p.raw("spoiler_text") ?? current.post.contentWarning, by: viewer)
            return APIResponse.json { mapper.status(edited, into: &$0) }
        }
        api.get("/v1/statuses/:id/history") { _, context in
            if context.grant != nil { _ = try context.requireScope("read:statuses") }
            let (view, versions) = try await starling.reads.history(try WebPages.idParameter(context), viewer: context.viewer)
            return APIResponse.json { json in json.array(versions) { mapper.statusEdit($1, of: view, into: &$0) } }
        }
        api.get("/v1/statuses/:id/source") { _, context in
            let viewer = try context.requireUser("read:statuses")
            let view = try await starling.reads.post(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { json in
                json.object { json in
                    json.field("id", view.id.description)
                    json.field("text", view.post.source)
                    json.field("spoiler_text", view.post.contentWarning)
                }
            }
        }
        api.get("/v1/scheduled_statuses") { request, context in
            let viewer = try context.requireUser("read:statuses")
            let p = try await APIParameters.read(request, context: context)
            let all = try await starling.schedule.scheduled(of: viewer, page: try p.page(defaultLimit: 20))
            let media = await all.asyncMap { try? await scheduledMedia($0) }
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: all.first?.id, oldest: all.last?.id)) { json in
                json.array(Array(zip(all, media))) { mapper.scheduledStatus($1.0, media: $1.1, into: &$0) }
            }
        }
        api.get("/v1/scheduled_statuses/:id") { _, context in
            let viewer = try context.requireUser("read:statuses")
            let scheduled = try await starling.schedule.scheduled(try WebPages.idParameter(context), owner: viewer)
            let media = try? await scheduledMedia(scheduled)
            return APIResponse.json { mapper.scheduledStatus(scheduled, media: media, into: &$0) }
        }
        api.put("/v1/scheduled_statuses/:id") { request, context in
            let viewer = try context.requireUser("write:statuses")
            let p = try await APIParameters.read(request, context: context)
            guard let when = try p.date("scheduled_at") else {
                throw DomainError.invalid(field: "scheduled_at", message: "scheduled_at is required.")
            }
            let scheduled = try await starling.schedule.reschedule(try WebPages.idParameter(context), to: when, by: viewer)
            let media = try? await scheduledMedia(scheduled)
            return APIResponse.json { mapper.scheduledStatus(scheduled, media: media, into: &$0) }
        }
        api.delete("/v1/scheduled_statuses/:id") { _, context in
            let viewer = try context.requireUser("write:statuses")
            try await starling.schedule.cancel(try WebPages.idParameter(context), by: viewer)
            return APIResponse.emptyObject()
        }
        api.get("/v1/polls/:id") { _, context in
            if context.grant != nil { _ = try context.requireScope("read:statuses") }
            let view = try await starling.reads.post(try WebPages.idParameter(context), viewer: context.viewer)
            guard let poll = view.poll else { throw DomainError.notFound }
            return APIResponse.json { mapper.poll(poll, into: &$0) }
        }
        api.post("/v1/polls/:id/votes") { request, context in
            let viewer = try context.requireUser("write:statuses")
            let p = try await APIParameters.read(request, context: context)
            let choices = try (p.values("choices[]") + p.values("choices")).map { value in
                guard let choice = Int(value) else { throw DomainError.invalid(field: "choices", message: "choices must be numbers.") }
                return choice
            }
            let poll = try await starling.reviews.vote(try WebPages.idParameter(context), choices: choices, by: viewer)
            return APIResponse.json { mapper.poll(poll, into: &$0) }
        }
        api.get("/v1/statuses/:id/context") { _, context in
            if context.grant != nil { _ = try context.requireScope("read:statuses") }
            let thread = try await starling.reads.thread(try WebPages.idParameter(context), viewer: context.viewer)
            let filters = try await starling.filters.active(for: context.viewer, in: .thread)
            return APIResponse.json { json in
                json.object { json in
                    json.field("ancestors") { mapper.statuses(thread.ancestors, filters: filters, into: &$0) }
                    json.field("descendants") { mapper.statuses(thread.descendants, filters: filters, into: &$0) }
                }
            }
        }
        let actions: [(String, String, @Sendable (ID, Account, Bool) async throws -> Void)] = [
            ("favourite", "write:favourites", { try await starling.posts.like($0, by: $1, $2) }),
            ("reblog", "write:statuses", { try await starling.posts.repost($0, by: $1, $2) }),
            ("bookmark", "write:bookmarks", { try await starling.posts.bookmark($0, by: $1, $2) }),
            ("pin", "write:accounts", { try await starling.posts.pin($0, by: $1, $2) }),
        ]
        for (name, scope, action) in actions {
            for on in [true, false] {
                api.post("/v1/statuses/:id/\(on ? "" : "un")\(name)") { _, context in
                    let viewer = try context.requireUser(scope)
                    let id = try WebPages.idParameter(context)
                    try await action(id, viewer, on)
                    let view = try await starling.reads.post(id, viewer: viewer)
                    return APIResponse.json { mapper.status(view, into: &$0) }
                }
            }
        }
    }

    /// The uploads a scheduled post will carry.
    private func scheduledMedia(_ scheduled: ScheduledPost) async throws -> [MediaAttachment] {
        try await scheduled.draft.mediaIDs.asyncCompactMap { try await starling.store.media(id: $0) }
    }

    /// `poll[options][]`, `poll[expires_in]` and `poll[multiple]`, when a poll is sent.
    private func pollDraft(_ p: APIParameters) throws -> PollDraft? {
        let options = p.values("poll[options][]")
        guard !options.isEmpty || p["poll[expires_in]"] != nil else { return nil }
        guard let seconds = p["poll[expires_in]"].flatMap(Double.init) else {
            throw DomainError.invalid(field: "poll[expires_in]", message: "poll[expires_in] is required: the poll's duration in seconds.")
        }
        return PollDraft(options: options, expiresIn: seconds, multiple: try p.bool("poll[multiple]") ?? false)
    }
}
