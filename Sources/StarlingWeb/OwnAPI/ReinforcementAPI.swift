import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: reinforcement plans and their nuggets (facilitators), and a learner's reviews
/// with their FSRS log.
struct ReinforcementAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }
    var reinforcement: ReinforcementService { starling.reinforcement }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.get("/programs/:id/plans") { _, context in
            let viewer = try context.requireUser("read")
            let plans = try await reinforcement.plans(in: try WebPages.idParameter(context), viewer: viewer)
            let views = try await plans.asyncMap { try await reinforcement.plan($0.id, viewer: viewer, now: starling.clock.now()) }
            return APIResponse.json { json in json.array(views) { serializer.plan($1, into: &$0) } }
        }
        v1.post("/programs/:id/plans") { request, context in
            let facilitator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let plan = try await reinforcement.createPlan(in: try WebPages.idParameter(context), try planDraft(p, zone: starling.settings.timeZone),
                                                    by: facilitator, at: starling.clock.now())
            return try await planResponse(plan.id, facilitator)
        }
        v1.get("/plans/:id") { _, context in try await planResponse(try WebPages.idParameter(context), try context.requireUser("read")) }
        v1.patch("/plans/:id") { request, context in
            let facilitator = try context.requireUser("write")
            let id = try WebPages.idParameter(context)
            let p = try await APIParameters.read(request, context: context)
            let current = try await reinforcement.plan(id, viewer: facilitator).plan
            _ = try await reinforcement.updatePlan(id, try planDraft(p, current: current), by: facilitator, at: starling.clock.now())
            return try await planResponse(id, facilitator)
        }
        for (action, paused) in [("pause", true), ("resume", false)] {
            v1.post("/plans/:id/\(action)") { _, context in
                let facilitator = try context.requireUser("write")
                let plan = try await reinforcement.setPaused(try WebPages.idParameter(context), paused, by: facilitator, at: starling.clock.now())
                return try await planResponse(plan.id, facilitator)
            }
        }
        v1.post("/plans/:id/nuggets") { request, context in
            let facilitator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let nugget = try await reinforcement.addNugget(to: try WebPages.idParameter(context), try nuggetDraft(p), by: facilitator, at: starling.clock.now())
            return try await nuggetResponse(nugget, facilitator)
        }
        v1.patch("/nuggets/:id") { request, context in
            let facilitator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let nugget = try await reinforcement.updateNugget(try WebPages.idParameter(context), try nuggetDraft(p), by: facilitator, at: starling.clock.now())
            return try await nuggetResponse(nugget, facilitator)
        }
        v1.delete("/nuggets/:id") { _, context in
            try await reinforcement.deleteNugget(try WebPages.idParameter(context), by: try context.requireUser("write"), at: starling.clock.now())
            return APIResponse.emptyObject()
        }
        v1.get("/reviews") { _, context in
            let learner = try context.requireUser("read")
            let now = starling.clock.now()
            let due = try await starling.reviews.queue(of: learner, now: now)
            return APIResponse.json { json in json.array(due) { serializer.review($1, log: nil, now: now, into: &$0) } }
        }
        v1.get("/reviews/:id") { _, context in
            let learner = try context.requireUser("read")
            let id = try WebPages.idParameter(context)
            let item = try await starling.reviews.item(id, of: learner)
            let log = try await starling.reviews.log(id, of: learner)
            return APIResponse.json { serializer.review(item, log: log, now: starling.clock.now(), into: &$0) }
        }
        v1.post("/reviews/:id/answer") { request, context in
            let learner = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let choices = try p.values("choices[]").map { raw in
                guard let choice = Int(raw) else { throw DomainError.invalid(field: "choices", message: "choices are option positions (0, 1, ...).") }
                return choice
            }
            let rating: FSRS.Rating?
            switch p["rating"] {
            case nil: rating = nil
            case "hard": rating = .hard
            case "good": rating = .good
            case "easy": rating = .easy
            default: throw DomainError.invalid(field: "rating", message: "rating is hard, good or easy (it counts when the answer is right).")
            }
            let outcome = try await starling.reviews.answer(try WebPages.idParameter(context), choices: choices, rating: rating, by: learner,
                                                      at: starling.clock.now())
            return APIResponse.json { serializer.reviewOutcome(outcome, into: &$0) }
        }
    }

    private func planResponse(_ id: ID, _ viewer: Account) async throws -> Response {
        let view = try await reinforcement.plan(id, viewer: viewer, now: starling.clock.now())
        return APIResponse.json { serializer.plan(view, into: &$0) }
    }

    private func nuggetResponse(_ nugget: Nugget, _ viewer: Account) async throws -> Response {
        let view = try await reinforcement.plan(nugget.planID, viewer: viewer, now: starling.clock.now())
        let current = view.nuggets.first { $0.id == nugget.id } ?? nugget
        return APIResponse.json { serializer.nugget(current, upcoming: view.upcoming[nugget.id], into: &$0) }
    }

    /// A plan's fields; on a change, absent ones keep their value from `current`.
    private func planDraft(_ p: APIParameters, current: ReinforcementPlan? = nil, zone: String = "UTC") throws -> ReinforcementService.PlanDraft {
        func int(_ name: String, _ fallback: Int) throws -> Int {
            guard let raw = p[name] else { return fallback }
            guard let value = Int(raw) else { throw DomainError.invalid(field: name, message: "\(name) is a whole number.") }
            return value
        }
        let cadence = current?.cadence
        let start = cadence.map { String(format: "%04d-%02d-%02d", $0.startDay.year ?? 0, $0.startDay.month ?? 0, $0.startDay.day ?? 0) }
        let time = cadence.map { String(format: "%02d:%02d", $0.minuteOfDay / 60, $0.minuteOfDay % 60) } ?? "09:00"
        var weekdays = cadence?.weekdays ?? []
        if !p.values("weekdays[]").isEmpty || p.raw("weekdays") != nil {
            weekdays = Set(try p.values("weekdays[]").filter { !$0.isEmpty }.map { raw in
                guard let day = Int(raw) else { throw DomainError.invalid(field: "weekdays", message: "Weekdays are 1 (Monday) to 7 (Sunday).") }
                return day
            })
        }
        var retention = current?.desiredRetention ?? 0.9
        if let raw = p["desired_retention"] {
            guard let value = Double(raw), value.isFinite else {
                throw DomainError.invalid(field: "desired_retention", message: "desired_retention is a number like 0.9.")
            }
            retention = value
        }
        guard let startDay = p["start_day"] ?? start else { throw DomainError.invalid(field: "start_day", message: "start_day is required.") }
        return .init(title: p.raw("title") ?? current?.title ?? "", startDay: startDay, releaseTime: p["release_time"] ?? time,
                     everyDays: try int("every_days", cadence?.everyDays ?? 2), weekdays: weekdays,
                     horizonDays: try int("horizon_days", current?.horizonDays ?? 90),
                     timeZone: p["time_zone"] ?? cadence?.zoneName ?? zone, desiredRetention: retention)
    }

    /// A nugget's fields: `text`, `link`, `media_id` (an upload of the plan's facilitator) and a check
    /// (`check_question`, `check_options[]`, `check_correct[]`, `check_explanation`).
    private func nuggetDraft(_ p: APIParameters) throws -> ReinforcementService.NuggetDraft {
        let options = p.values("check_options[]")
        let question = p.raw("check_question") ?? ""
        let correct = try p.values("check_correct[]").map { raw in
            guard let index = Int(raw) else { throw DomainError.invalid(field: "check_correct", message: "check_correct holds option positions.") }
            return index
        }
        let check = question.isEmpty && options.isEmpty
            ? nil : RecallCheck(question: question, options: options, correct: Set(correct), explanation: p.raw("check_explanation") ?? "")
        return .init(text: p.raw("text") ?? "", link: p.raw("link") ?? "", mediaID: try p.id("media_id"), check: check)
    }
}
