import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: how-to guides (ordered photo steps with captions), written and read.
struct GuidesAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.post("/guides") { request, context in
            let viewer = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let mediaIDs = try p.ids("media_ids[]"), captions = p.values("captions[]")
            guard mediaIDs.count == captions.count else {
                throw DomainError.invalid(field: "captions", message: "Give one caption per photo: media_ids and captions pair up in order.")
            }
            let visibility = try p["visibility"].map { raw in
                guard let visibility = Visibility(rawValue: raw) else {
                    throw DomainError.invalid(field: "visibility", message: "visibility is public, organization, followers or direct.")
                }
                return visibility
            } ?? .organization
            let post = try await starling.guides.create(title: p.raw("title") ?? "", steps: zip(mediaIDs, captions).map { .init(mediaID: $0, caption: $1) },
                                                  programID: try p.id("program_id"), visibility: visibility, by: viewer)
            let view = try await starling.reads.post(post.id, viewer: viewer)
            return APIResponse.json(status: .created) { serializer.guide(view, into: &$0) }
        }
        v1.get("/guides/:id") { _, context in
            let viewer = try context.requireUser("read")
            let view = try await starling.reads.post(try WebPages.idParameter(context), viewer: viewer)
            guard view.post.guide != nil else { throw DomainError.notFound }
            return APIResponse.json { serializer.guide(view, into: &$0) }
        }
        v1.get("/programs/:id/guides") { request, context in
            let viewer = try context.requireUser("read")
            let program = try await starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            let p = try await APIParameters.read(request, context: context)
            let entries = try await starling.reads.timeline(.guides(program: program.id, author: nil), viewer: viewer, page: try p.page())
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: entries.first?.id, oldest: entries.last?.id)) { json in
                json.array(entries) { serializer.guide($1.post, into: &$0) }
            }
        }
    }
}
