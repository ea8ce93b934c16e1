import Foundation
import Hummingbird
import StarlingCore

/// Image uploads: made first, then attached to a status with `media_ids[]`.
struct MediaAPI {
    let starling: Starling
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        for path in ["/v1/media", "/v2/media"] {
            api.post(RouterPath(stringLiteral: path)) { request, context in
                let viewer = try context.requireUser("write:media")
                let p = try await APIParameters.read(request, context: context)
                guard let file = p.file("file") else { throw DomainError.invalid(field: "file", message: "file is required: upload an image.") }
                let media = try await starling.media.upload(file.bytes, description: p["description"], focus: p["focus"], by: viewer)
                return APIResponse.json { mapper.media(media, into: &$0) }
            }
        }
        api.get("/v1/media/:id") { _, context in
            let viewer = try context.requireUser("write:media")
            let media = try await starling.media.media(try WebPages.idParameter(context), owner: viewer)
            return APIResponse.json { mapper.media(media, into: &$0) }
        }
        api.put("/v1/media/:id") { request, context in
            let viewer = try context.requireUser("write:media")
            let p = try await APIParameters.read(request, context: context)
            let media = try await starling.media.update(try WebPages.idParameter(context), description: p.raw("description"), focus: p["focus"],
                                                  by: viewer)
            return APIResponse.json { mapper.media(media, into: &$0) }
        }
    }
}
