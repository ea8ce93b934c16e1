import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: ask-the-expert sessions: an occurrence's questions (ask, list, upvote,
/// approve or turn down, answer), its summary, handing unanswered questions on, and guest experts.
struct ExpertsAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }
    var events: EventService { starling.liveEvents }
    var now: Date { starling.clock.now() }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.get("/occurrences/:id/questions") { _, context in
            let viewer = try context.requireUser("read")
            let queue = try await events.expertQueue(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { json in json.array(queue) { serializer.expertQuestion($1, into: &$0) } }
        }
        v1.post("/occurrences/:id/questions") { request, context in
            let asker = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let question = try await events.ask(try WebPages.idParameter(context), p.raw("text") ?? "", by: asker, now: now)
            return APIResponse.json(status: .created) { serializer.expertQuestion(question, into: &$0) }
        }
        // Each answers with the question as it is afterwards.
        let actions: [(HTTPRequest.Method, String, @Sendable (ID, Account, APIParameters) async throws -> Void)] = [
            (.post, "vote", { id, voter, _ in try await events.vote(id, by: voter) }),
            (.delete, "vote", { id, voter, _ in try await events.vote(id, false, by: voter) }),
            (.post, "approve", { id, host, _ in try await events.moderate(id, approve: true, by: host) }),
            (.post, "reject", { id, host, _ in try await events.moderate(id, approve: false, by: host) }),
            (.post, "answer", { id, expert, p in _ = try await events.answer(id, p.raw("text") ?? "", by: expert, now: starling.clock.now()) }),
        ]
        for (method, name, act) in actions {
            v1.on(RouterPath("/expert_questions/:id/\(name)"), method: method) { request, context in
                let viewer = try context.requireUser("write")
                let id = try WebPages.idParameter(context)
                try await act(id, viewer, try await APIParameters.read(request, context: context))
                let question = try await events.question(id, viewer: viewer)
                return APIResponse.json { serializer.expertQuestion(question, into: &$0) }
            }
        }
        v1.get("/occurrences/:id/summary") { _, context in
            let viewer = try context.requireUser("read")
            let (answered, unanswered) = try await events.summary(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { json in
                json.object { json in
                    json.field("answered") { json in json.array(answered) { serializer.expertQuestion($1, into: &$0) } }
                    json.field("unanswered") { json in json.array(unanswered) { serializer.expertQuestion($1, into: &$0) } }
                }
            }
        }
        v1.post("/occurrences/:id/hand_off") { _, context in
            let host = try context.requireUser("write")
            let posts = try await events.handOff(try WebPages.idParameter(context), by: host, now: now)
            return APIResponse.json { json in json.object { $0.field("status_ids", posts.map(\.id.description)) } }
        }
        v1.post("/events/:id/expert_invitations") { _, context in
            let host = try context.requireUser("write")
            let invitation = try await events.inviteExpert(try WebPages.idParameter(context), by: host, now: now)
            return APIResponse.json(status: .created) { serializer.invitation(invitation, url: starling.accounts.invitationURL(invitation), into: &$0) }
        }
    }
}
