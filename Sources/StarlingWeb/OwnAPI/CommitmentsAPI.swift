import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: commitments with their check-ins, accountability partners, and the
/// facilitators' board.
struct CommitmentsAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }
    var commitments: CommitmentService { starling.commitments }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.get("/programs/:id/commitments") { _, context in
            let viewer = try context.requireUser("read")
            let list = try await commitments.commitments(in: try WebPages.idParameter(context), viewer: viewer)
            let now = starling.clock.now()
            return APIResponse.json { json in json.array(list) { serializer.commitment($1, checkIns: nil, now: now, into: &$0) } }
        }
        v1.post("/programs/:id/commitments") { request, context in
            let author = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            var every = 7
            if let raw = p["reminder_every_days"] {
                guard let value = Int(raw) else { throw DomainError.invalid(field: "reminder_every_days", message: "reminder_every_days is a whole number.") }
                every = value
            }
            let commitment = try await commitments.commit(in: try WebPages.idParameter(context),
                                                    .init(text: p.raw("text") ?? "", dueOn: p["due_on"] ?? "", isPrivate: try p.bool("private") ?? false,
                                                          reminderEveryDays: every),
                                                    by: author, at: starling.clock.now())
            return try await commitmentResponse(commitment.id, author)
        }
        v1.get("/commitments/:id") { _, context in try await commitmentResponse(try WebPages.idParameter(context), try context.requireUser("read")) }
        v1.post("/commitments/:id/check_ins") { request, context in
            let author = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            var state: Commitment.State?
            if let raw = p["state"] {
                guard let value = Commitment.State(rawValue: raw) else { throw DomainError.invalid(field: "state", message: "state is open, done or dropped.") }
                state = value
            }
            let checkIn = try await commitments.checkIn(try WebPages.idParameter(context), text: p.raw("text") ?? "", state: state, by: author,
                                                  at: starling.clock.now())
            return APIResponse.json { serializer.checkIn(checkIn, into: &$0) }
        }
        v1.get("/programs/:id/partners") { _, context in
            let rounds = try await starling.partners.rounds(in: try WebPages.idParameter(context), viewer: try context.requireUser("read"))
            return APIResponse.json { json in json.array(rounds) { serializer.partnerRound($1, into: &$0) } }
        }
        v1.post("/programs/:id/partners") { request, context in
            let facilitator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            // Groups by hand: `groups[]` entries of comma-separated account ids ("12,34").
            let groups = try p.values("groups[]").map { group in
                try group.split(separator: ",").map { raw in
                    guard let id = ID(raw.trimmingCharacters(in: .whitespaces)) else {
                        throw DomainError.invalid(field: "groups", message: "Each group is account ids separated by commas.")
                    }
                    return id
                }
            }
            var weeks = 2
            if let raw = p["weeks"] {
                guard let value = Int(raw) else { throw DomainError.invalid(field: "weeks", message: "weeks is a whole number.") }
                weeks = value
            }
            let round = try await starling.partners.pair(in: try WebPages.idParameter(context), groups: groups.isEmpty ? nil : groups, weeks: weeks,
                                                   recurring: try p.bool("recurring") ?? false, by: facilitator, at: starling.clock.now())
            return APIResponse.json { serializer.partnerRound(round, into: &$0) }
        }
        v1.get("/programs/:id/board") { _, context in
            let now = starling.clock.now()
            let rows = try await commitments.board(of: try WebPages.idParameter(context), viewer: try context.requireUser("read"), now: now)
            return APIResponse.json { json in json.array(rows) { serializer.boardRow($1, now: now, into: &$0) } }
        }
    }

    private func commitmentResponse(_ id: ID, _ viewer: Account) async throws -> Response {
        let (commitment, checkIns) = try await commitments.commitment(id, viewer: viewer)
        return APIResponse.json { serializer.commitment(commitment, checkIns: checkIns, now: starling.clock.now(), into: &$0) }
    }
}
