import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: questions and answers (marking questions, upvoting and accepting answers,
/// a program's questions).
struct QuestionsAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.get("/programs/:id/questions") { request, context in
            let viewer = try context.requireUser("read")
            let program = try await starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            let p = try await APIParameters.read(request, context: context)
            let raw = p["show"] ?? QuestionFilter.open.rawValue
            guard let shown = QuestionFilter(rawValue: raw) else {
                throw DomainError.invalid(field: "show", message: "show is open, answered or all.")
            }
            let entries = try await starling.reads.timeline(.questions(program: program.id, shown), viewer: viewer, page: try p.page())
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: entries.first?.id, oldest: entries.last?.id)) { json in
                json.array(entries) { serializer.questionStatus($1.post, into: &$0) }
            }
        }
        v1.post("/programs/:id/questions") { request, context in
            let viewer = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            guard let text = p["status"] else { throw DomainError.invalid(field: "status", message: "status: the question's text.") }
            let post = try await starling.programs.ask(try WebPages.idParameter(context), text: text, anonymous: try p.bool("anonymous") ?? false, by: viewer)
            let view = try await starling.reads.post(post.id, viewer: viewer)
            return APIResponse.json(status: .created) { serializer.questionStatus(view, into: &$0) }
        }
        v1.post("/statuses/:id/reveal_author") { _, context in
            let viewer = try context.requireUser("write")
            let author = try await starling.moderation.revealAuthor(try WebPages.idParameter(context), by: viewer)
            return APIResponse.json { json in json.object { json in json.field("account") { serializer.mastodon.account(author, into: &$0) } } }
        }
        v1.get("/statuses/:id/qa") { _, context in
            let viewer = try context.requireUser("read")
            let view = try await starling.reads.post(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { serializer.questionStatus(view, into: &$0) }
        }
        let actions: [(String, @Sendable (ID, Account, Bool) async throws -> PostView)] = [
            ("question", { try await starling.questions.mark($0, by: $1, $2) }),
            ("upvote", { try await starling.questions.vote($0, by: $1, $2) }),
            ("accept", { try await starling.questions.accept($0, by: $1, $2) }),
        ]
        for (name, act) in actions {
            for (method, on) in [(HTTPRequest.Method.post, true), (.delete, false)] {
                v1.on(RouterPath("/statuses/:id/\(name)"), method: method) { _, context in
                    let viewer = try context.requireUser("write")
                    let view = try await act(try WebPages.idParameter(context), viewer, on)
                    return APIResponse.json { serializer.questionStatus(view, into: &$0) }
                }
            }
        }
    }
}
