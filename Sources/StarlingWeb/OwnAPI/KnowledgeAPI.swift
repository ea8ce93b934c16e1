import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: a program's knowledge base.
struct KnowledgeAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.get("/programs/:id/knowledge") { _, context in
            let viewer = try context.requireUser("read")
            let pages = try await starling.knowledge.pages(programID: try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { json in json.array(pages) { serializer.knowledgePage($1, into: &$0) } }
        }
        v1.post("/programs/:id/knowledge") { request, context in
            let viewer = try context.requireUser("write")
            let program = try await starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            let p = try await APIParameters.read(request, context: context)
            guard let raw = p["status_id"], let statusID = ID(raw) else {
                throw DomainError.invalid(field: "status_id", message: "status_id: the question or thread to save.")
            }
            guard try await starling.reads.post(statusID, viewer: viewer).post.programID == program.id else {
                throw DomainError.invalid(field: "status_id", message: "That status is not in this program.")
            }
            let page = try await starling.knowledge.promote(statusID, title: p["title"], by: viewer)
            return APIResponse.json { serializer.knowledgePage(page, into: &$0) }
        }
        v1.get("/programs/:id/knowledge/export.{format}") { _, context in
            let export = try await KnowledgeExport(try WebPages.idParameter(context), viewer: try context.requireUser("read"), starling: starling)
            return try KnowledgeExport.response(export, format: context.parameters.get("format") ?? "")
        }
        v1.get("/knowledge/:id") { _, context in
            let viewer = try context.requireUser("read")
            let page = try await starling.knowledge.page(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { serializer.knowledgePage(page, into: &$0) }
        }
        v1.patch("/knowledge/:id") { request, context in
            let viewer = try context.requireUser("write")
            let id = try WebPages.idParameter(context)
            let current = try await starling.knowledge.page(id, viewer: viewer)
            let p = try await APIParameters.read(request, context: context)
            let page = try await starling.knowledge.edit(id, title: p.raw("title") ?? current.title, body: p.raw("body") ?? current.body, by: viewer)
            return APIResponse.json { serializer.knowledgePage(page, into: &$0) }
        }
        v1.get("/knowledge/:id/revisions") { _, context in
            let viewer = try context.requireUser("read")
            let revisions = try await starling.knowledge.revisions(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { json in
                json.array(revisions) { json, r in
                    json.object { json in
                        json.field("title", r.title)
                        json.field("body", r.body)
                        json.field("edited_by", r.editedBy?.description)
                        json.field("edited_at", r.editedAt)
                    }
                }
            }
        }
    }
}
