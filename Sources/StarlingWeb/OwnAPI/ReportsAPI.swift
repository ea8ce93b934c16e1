import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1/reports`: reporting a person or their posts, and the moderators' queues (the
/// organization's, or one program's for its facilitators and moderators) with the reported posts.
struct ReportsAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let reports = api.group("starling/v1/reports")
        reports.post("/") { request, context in
            let reporter = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            guard let target = try p.id("account_id") else {
                throw DomainError.invalid(field: "account_id", message: "account_id: the person reported.")
            }
            let report = try await starling.reports.report(target, posts: try p.ids("status_ids[]"), comment: p.raw("comment") ?? "",
                                                     category: p["category"], by: reporter)
            return try await response(report, status: .created, viewer: reporter)
        }
        reports.get("/") { request, context in
            let moderator = try context.requireUser("read")
            let p = try await APIParameters.read(request, context: context)
            let open = try await starling.reports.openReports(for: moderator, programID: try p.id("program_id"))
            let statuses = try await open.asyncMap { try await posts($0, viewer: moderator) }
            return APIResponse.json { json in
                json.array(Array(zip(open, statuses))) { serializer.report($1.0, statuses: $1.1, into: &$0) }
            }
        }
        reports.post("/:id/resolve") { request, context in
            let moderator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            try await starling.reports.resolve(try WebPages.idParameter(context), programID: try p.id("program_id"), by: moderator)
            return APIResponse.emptyObject()
        }
    }

    /// The reported posts the viewer may see, in the report's order.
    private func posts(_ report: Report, viewer: Account) async throws -> [PostView] {
        await report.postIDs.asyncCompactMap { try? await starling.reads.post($0, viewer: viewer) }
    }

    private func response(_ report: Report, status: HTTPResponse.Status, viewer: Account) async throws -> Response {
        let statuses = try await posts(report, viewer: viewer)
        return APIResponse.json(status: status) { serializer.report(report, statuses: statuses, into: &$0) }
    }
}
