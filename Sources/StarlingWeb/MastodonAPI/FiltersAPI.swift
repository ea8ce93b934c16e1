import Foundation
import Hummingbird
import StarlingCore

/// Content filters (Mastodon's filters v2): filters, their keywords and their filtered statuses.
struct FiltersAPI {
    let starling: Starling
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let filters = starling.filters
        api.get("/v2/filters") { _, context in
            let viewer = try context.requireUser("read:filters")
            let all = try await filters.filters(of: viewer)
            return APIResponse.json { json in json.array(all) { mapper.filter($1, into: &$0) } }
        }
        api.post("/v2/filters") { request, context in
            let viewer = try context.requireUser("write:filters")
            let filter = try await filters.create(try draft(try await APIParameters.read(request, context: context)), by: viewer)
            return APIResponse.json { mapper.filter(filter, into: &$0) }
        }
        api.get("/v2/filters/:id") { _, context in
            let viewer = try context.requireUser("read:filters")
            let filter = try await filters.filter(try WebPages.idParameter(context), owner: viewer)
            return APIResponse.json { mapper.filter(filter, into: &$0) }
        }
        api.put("/v2/filters/:id") { request, context in
            let viewer = try context.requireUser("write:filters")
            let p = try await APIParameters.read(request, context: context)
            let filter = try await filters.update(try WebPages.idParameter(context), with: try draft(p), by: viewer)
            return APIResponse.json { mapper.filter(filter, into: &$0) }
        }
        api.delete("/v2/filters/:id") { _, context in
            try await filters.delete(try WebPages.idParameter(context), by: try context.requireUser("write:filters"))
            return APIResponse.emptyObject()
        }
        api.get("/v2/filters/:id/keywords") { _, context in
            let filter = try await filters.filter(try WebPages.idParameter(context), owner: try context.requireUser("read:filters"))
            return APIResponse.json { json in json.array(filter.keywords) { mapper.filterKeyword($1, into: &$0) } }
        }
        api.post("/v2/filters/:id/keywords") { request, context in
            let viewer = try context.requireUser("write:filters")
            let p = try await APIParameters.read(request, context: context)
            let keyword = try await filters.addKeyword(p.raw("keyword") ?? "", wholeWord: try p.bool("whole_word") ?? true,
                                                 to: try WebPages.idParameter(context), by: viewer)
            return APIResponse.json { mapper.filterKeyword(keyword, into: &$0) }
        }
        api.get("/v2/filters/keywords/:id") { _, context in
            let (_, keyword) = try await filters.keyword(try WebPages.idParameter(context), owner: try context.requireUser("read:filters"))
            return APIResponse.json { mapper.filterKeyword(keyword, into: &$0) }
        }
        api.put("/v2/filters/keywords/:id") { request, context in
            let viewer = try context.requireUser("write:filters")
            let p = try await APIParameters.read(request, context: context)
            let keyword = try await filters.updateKeyword(try WebPages.idParameter(context), text: p.raw("keyword"), wholeWord: try p.bool("whole_word"),
                                                    by: viewer)
            return APIResponse.json { mapper.filterKeyword(keyword, into: &$0) }
        }
        api.delete("/v2/filters/keywords/:id") { _, context in
            try await filters.deleteKeyword(try WebPages.idParameter(context), by: try context.requireUser("write:filters"))
            return APIResponse.emptyObject()
        }
        api.get("/v2/filters/:id/statuses") { _, context in
            let filter = try await filters.filter(try WebPages.idParameter(context), owner: try context.requireUser("read:filters"))
            return APIResponse.json { json in json.array(filter.posts) { mapper.filterStatus($1, into: &$0) } }
        }
        api.post("/v2/filters/:id/statuses") { request, context in
            let viewer = try context.requireUser("write:filters")
            let p = try await APIParameters.read(request, context: context)
            guard let postID = try p.id("status_id") else { throw DomainError.invalid(field: "status_id", message: "status_id is required.") }
            let entry = try await filters.addPost(postID, to: try WebPages.idParameter(context), by: viewer)
            return APIResponse.json { mapper.filterStatus(entry, into: &$0) }
        }
        api.get("/v2/filters/statuses/:id") { _, context in
            let entry = try await filters.postEntry(try WebPages.idParameter(context), owner: try context.requireUser("read:filters"))
            return APIResponse.json { mapper.filterStatus(entry, into: &$0) }
        }
        api.delete("/v2/filters/statuses/:id") { _, context in
            try await filters.deletePostEntry(try WebPages.idParameter(context), by: try context.requireUser("write:filters"))
            return APIResponse.emptyObject()
        }
    }

    /// A filter's fields from `title`, `context[]`, `filter_action`, `expires_in` and
    /// `keywords_attributes[][keyword]` / `[whole_word]` (paired in order).
    private func draft(_ p: APIParameters) throws -> FilterService.Draft {
        let contexts = p.values("context[]") + p.values("context")
        let wholeWords = p.values("keywords_attributes[][whole_word]")
        let keywords = p.values("keywords_attributes[][keyword]").enumerated().map { index, keyword in
            (keyword: keyword, wholeWord: index < wholeWords.count ? ["true", "1", "on"].contains(wholeWords[index].lowercased()) : true)
        }
        var expiresIn: Double?
        if let raw = p.raw("expires_in") {
            guard raw.isEmpty || Double(raw) != nil else {
                throw DomainError.invalid(field: "expires_in", message: "expires_in must be a number of seconds.")
            }
            expiresIn = Double(raw) ?? 0
        }
        return FilterService.Draft(title: p.raw("title"), contexts: contexts.isEmpty ? nil : contexts, action: p["filter_action"],
                                   expiresIn: expiresIn, keywords: keywords)
    }
}
