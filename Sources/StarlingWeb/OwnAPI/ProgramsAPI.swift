import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1/programs`: programs, their members and their stream.
struct ProgramsAPI {
    let starling: Starling
    let timelines: TimelinesAPI
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let programs = api.group("starling/v1/programs")
        programs.get("/") { _, context in
            let viewer = try context.requireUser("read")
            let list = try await starling.programs.programs(viewer: viewer)
            let details = try await list.asyncMap { (try await starling.programs.membership($0.id, of: viewer), try await starling.programs.threads($0.id, viewer: viewer)) }
            return APIResponse.json { json in
                json.array(Array(zip(list, details))) { serializer.program($1.0, membership: $1.1.0, threads: $1.1.1, into: &$0) }
            }
        }
        programs.post("/") { request, context in
            let viewer = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let program: Program
            if let raw = p["template"] {
                guard let template = ProgramService.Template(rawValue: raw) else {
                    throw DomainError.invalid(field: "template", message: "template is social-learning (or none).")
                }
                program = try await starling.programs.create(try draft(p), template: template, by: viewer)
            } else {
                program = try await starling.programs.create(try draft(p), by: viewer)
            }
            return try await programResponse(program, viewer)
        }
        programs.get("/:id") { _, context in
            let viewer = try context.requireUser("read")
            return try await programResponse(try starling.programs.program(try id(context), viewer: viewer), viewer)
        }
        programs.patch("/:id") { request, context in
            let viewer = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            return try await programResponse(try starling.programs.update(try id(context), try draft(p), by: viewer), viewer)
        }
        for (path, on) in [("/:id/archive", true), ("/:id/unarchive", false)] {
            programs.post(RouterPath(path)) { _, context in
                let viewer = try context.requireUser("write")
                return try await programResponse(try starling.programs.archive(try id(context), by: viewer, on), viewer)
            }
        }
        programs.post("/:id/join") { request, context in
            let viewer = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            guard let raw = p["agreement_version"], let version = Int(raw) else {
                throw DomainError.invalid(field: "agreement_version", message: "agreement_version: the version of the agreement accepted.")
            }
            let membership = try await starling.programs.join(try id(context), by: viewer, agreementVersion: version)
            return APIResponse.json { serializer.membership(membership, into: &$0) }
        }
        programs.post("/:id/leave") { _, context in
            let viewer = try context.requireUser("write")
            try await starling.programs.remove(try id(context), account: viewer, by: viewer)
            return APIResponse.emptyObject()
        }
        programs.get("/:id/members") { _, context in
            let viewer = try context.requireUser("read")
            let members = try await starling.programs.members(try id(context), viewer: viewer)
            return APIResponse.json { json in
                json.array(members) { serializer.membership($1.1, account: $1.0, into: &$0) }
            }
        }
        programs.put("/:id/members/:account_id") { request, context in
            let viewer = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            guard let raw = p["role"], let role = ProgramRole(rawValue: raw) else {
                throw DomainError.invalid(field: "role", message: "role is facilitator, moderator, learner or expert.")
            }
            let account = try await member(context)
            let membership = try await starling.programs.setMember(try id(context), account: account, role: role, by: viewer)
            return APIResponse.json { serializer.membership(membership, account: account, into: &$0) }
        }
        programs.delete("/:id/members/:account_id") { _, context in
            let viewer = try context.requireUser("write")
            try await starling.programs.remove(try id(context), account: try member(context), by: viewer)
            return APIResponse.emptyObject()
        }
        programs.post("/:id/guest_invitations") { _, context in
            let viewer = try context.requireUser("write")
            let invitation = try await starling.programs.inviteGuest(try id(context), by: viewer)
            return APIResponse.json(status: .created) { serializer.invitation(invitation, url: starling.accounts.invitationURL(invitation), into: &$0) }
        }
        programs.get("/:id/dashboard") { _, context in
            let viewer = try context.requireUser("read")
            let id = try id(context)
            let stats = try await starling.programs.stats(id, viewer: viewer)
            let unintroduced = try await starling.programs.withoutIntroduction(id, viewer: viewer)
            return APIResponse.json { json in
                json.object { json in
                    json.field("open_questions", stats.openQuestions)
                    json.field("unanswered_questions", stats.unansweredQuestions)
                    json.field("oldest_unanswered_at", stats.oldestUnansweredAt)
                    json.field("open_reports", stats.openReports)
                    json.field("without_introduction", unintroduced.count)
                    for (key, activity) in [("last_7_days", stats.lastWeek), ("last_30_days", stats.lastMonth)] {
                        json.dynamicKey(key)
                        json.object { json in
                            json.field("posts", activity.posts)
                            json.field("active_members", activity.activeMembers)
                        }
                    }
                }
            }
        }
        programs.get("/:id/unintroduced") { _, context in
            let viewer = try context.requireUser("read")
            let accounts = try await starling.programs.withoutIntroduction(try id(context), viewer: viewer)
            return APIResponse.json { json in json.array(accounts) { serializer.mastodon.account($1, into: &$0) } }
        }
        programs.get("/:id/statuses") { request, context in
            let viewer = try context.requireUser("read")
            let program = try await starling.programs.program(try id(context), viewer: viewer)
            return try await timelines.timeline(.program(program.id), request, context)
        }
    }

    private func programResponse(_ program: Program, _ viewer: Account) async throws -> Response {
        let membership = try await starling.programs.membership(program.id, of: viewer)
        let threads = try await starling.programs.threads(program.id, viewer: viewer)
        return APIResponse.json { serializer.program(program, membership: membership, threads: threads, into: &$0) }
    }

    private func id(_ context: WebContext) throws -> ID { try WebPages.idParameter(context) }

    private func member(_ context: WebContext) async throws -> Account {
        guard let account = try await starling.store.account(id: try WebPages.idParameter(context, "account_id")) else { throw DomainError.notFound }
        return account
    }

    private func draft(_ p: APIParameters) throws -> ProgramService.Draft {
        ProgramService.Draft(title: p.raw("title"), hashtag: p.raw("hashtag"), description: p.raw("description"), agreement: p.raw("agreement"),
                             visibility: p.raw("visibility"), startsAt: try p.date("starts_at"), endsAt: try p.date("ends_at"),
                             anonymousQuestions: try p.bool("anonymous_questions"))
    }
}
