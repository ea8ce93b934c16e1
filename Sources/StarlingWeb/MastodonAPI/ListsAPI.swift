import Foundation
import Hummingbird
import StarlingCore

/// Lists of people: CRUD, members, and the list timeline.
struct ListsAPI {
    let starling: Starling
    let timelines: TimelinesAPI
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let lists = starling.lists
        api.get("/v1/lists") { _, context in
            let viewer = try context.requireUser("read:lists")
            let all = try await lists.lists(of: viewer)
            return APIResponse.json { json in json.array(all) { mapper.list($1, into: &$0) } }
        }
        api.get("/v1/accounts/:id/lists") { _, context in
            let viewer = try context.requireUser("read:lists")
            let containing = try await lists.lists(of: viewer, containing: try WebPages.idParameter(context))
            return APIResponse.json { json in json.array(containing) { mapper.list($1, into: &$0) } }
        }
        api.post("/v1/lists") { request, context in
            let viewer = try context.requireUser("write:lists")
            let p = try await APIParameters.read(request, context: context)
            let list = try await lists.create(title: p.raw("title") ?? "", repliesPolicy: p["replies_policy"], exclusive: try p.bool("exclusive"), by: viewer)
            return APIResponse.json { mapper.list(list, into: &$0) }
        }
        api.get("/v1/lists/:id") { _, context in
            let viewer = try context.requireUser("read:lists")
            let list = try await lists.list(try WebPages.idParameter(context), owner: viewer)
            return APIResponse.json { mapper.list(list, into: &$0) }
        }
        api.put("/v1/lists/:id") { request, context in
            let viewer = try context.requireUser("write:lists")
            let p = try await APIParameters.read(request, context: context)
            let list = try await lists.update(try WebPages.idParameter(context), title: p.raw("title"), repliesPolicy: p["replies_policy"],
                                        exclusive: try p.bool("exclusive"), by: viewer)
            return APIResponse.json { mapper.list(list, into: &$0) }
        }
        api.delete("/v1/lists/:id") { _, context in
            let viewer = try context.requireUser("write:lists")
            try await lists.delete(try WebPages.idParameter(context), by: viewer)
            return APIResponse.emptyObject()
        }
        api.get("/v1/lists/:id/accounts") { request, context in
            let viewer = try context.requireUser("read:lists")
            let p = try await APIParameters.read(request, context: context)
            let people = try await lists.members(of: try WebPages.idParameter(context), owner: viewer, page: try p.page(defaultLimit: 40))
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: people.first?.id, oldest: people.last?.id)) {
                mapper.accounts(people, into: &$0)
            }
        }
        api.post("/v1/lists/:id/accounts") { request, context in
            let viewer = try context.requireUser("write:lists")
            let p = try await APIParameters.read(request, context: context)
            try await lists.add(try p.ids("account_ids[]") + p.ids("account_ids"), to: try WebPages.idParameter(context), by: viewer)
            return APIResponse.emptyObject()
        }
        api.delete("/v1/lists/:id/accounts") { request, context in
            let viewer = try context.requireUser("write:lists")
            let p = try await APIParameters.read(request, context: context)
            try await lists.remove(try p.ids("account_ids[]") + p.ids("account_ids"), from: try WebPages.idParameter(context), by: viewer)
            return APIResponse.emptyObject()
        }
        api.get("/v1/timelines/list/:id") { request, context in
            let viewer = try context.requireUser("read:lists")
            let list = try await lists.list(try WebPages.idParameter(context), owner: viewer)
            return try await timelines.timeline(.list(list.id), request, context)
        }
    }
}
