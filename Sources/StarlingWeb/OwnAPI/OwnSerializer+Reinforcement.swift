import Foundation
import StarlingCore

/// Reinforcement's entities as JSON: plans with their nuggets, reviews with their FSRS log,
/// commitments with check-ins, partner rounds and the facilitators' board.
extension OwnSerializer {
    func plan(_ view: ReinforcementService.PlanView, into json: inout JSONWriter) {
        let plan = view.plan, cadence = plan.cadence
        json.object { json in
            json.field("id", plan.id.description)
            json.field("program_id", plan.programID.description)
            json.field("title", plan.title)
            json.field("author_id", plan.authorID.description)
            json.field("url", settings.baseURL + "/plans/" + plan.id.description)
            json.field("start_day", String(format: "%04d-%02d-%02d", cadence.startDay.year ?? 0, cadence.startDay.month ?? 0, cadence.startDay.day ?? 0))
            json.field("release_time", String(format: "%02d:%02d", cadence.minuteOfDay / 60, cadence.minuteOfDay % 60))
            json.field("time_zone", cadence.zoneName)
            json.field("every_days", cadence.everyDays)
            json.field("weekdays") { json in json.array(cadence.weekdays.sorted()) { $0.int($1) } }
            json.field("horizon_days", plan.horizonDays)
            json.field("ends_at", plan.endsAt)
            json.field("desired_retention", plan.desiredRetention)
            json.field("paused", plan.isPaused)
            json.field("created_at", plan.createdAt)
            json.field("nuggets") { json in json.array(view.nuggets) { nugget($1, upcoming: view.upcoming[$1.id], into: &$0) } }
        }
    }

    /// A nugget; `upcoming` is its planned release (absent: released; nil inside: the horizon leaves no day).
    func nugget(_ nugget: Nugget, upcoming: Date??, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", nugget.id.description)
            json.field("plan_id", nugget.planID.description)
            json.field("position", nugget.position)
            json.field("text", nugget.text)
            json.field("link", nugget.link)
            json.field("media_id", nugget.mediaID?.description)
            json.key("check")
            if let check = nugget.check { recallCheck(check, revealing: true, into: &json) } else { json.null() }
            json.field("released_at", nugget.release?.releasedAt)
            json.field("status_id", nugget.release?.postID?.description)
            json.field("release_at", nugget.isReleased ? nil : upcoming ?? nil)
        }
    }

    /// A check; the right options and explanation only when `revealing` (to its writers, or after answering).
    func recallCheck(_ check: RecallCheck, revealing: Bool, into json: inout JSONWriter) {
        json.object { json in
            json.field("question", check.question)
            json.field("options", check.options)
            json.field("multiple", check.correct.count > 1)
            json.key("correct")
            if revealing { json.array(check.correct.sorted()) { $0.int($1) } } else { json.null() }
            json.field("explanation", revealing ? check.explanation : nil)
        }
    }

    /// A learner's review of one check: the check (answers hidden while it is due), its state, and optionally its log.
    func review(_ item: ReviewItem, log: [ReviewLogEntry]?, now: Date, into json: inout JSONWriter) {
        let state = item.state
        json.object { json in
            json.field("nugget_id", item.nugget.id.description)
            json.field("program_id", item.programID.description)
            json.field("plan_id", state.planID.description)
            json.field("nugget_text", item.nugget.text)
            json.field("check") { recallCheck(item.check, revealing: state.reviews > 0 && !state.isDue(at: now), into: &$0) }
            json.field("due_at", state.dueAt)
            json.field("due", state.isDue(at: now))
            json.field("reviews", state.reviews)
            json.field("lapses", state.lapses)
            json.field("right_streak", state.rightStreak)
            json.field("mastered_at", state.masteredAt)
            json.key("stability")
            if let stability = state.stability { json.double(stability) } else { json.null() }
            json.key("difficulty")
            if let difficulty = state.difficulty { json.double(difficulty) } else { json.null() }
            json.field("status_id", state.deliveredPostID?.description)
            json.field("url", settings.baseURL + "/reviews/" + item.nugget.id.description)
            if let log { json.field("log") { json in json.array(log) { reviewLogEntry($1, into: &$0) } } }
        }
    }

    func reviewLogEntry(_ entry: ReviewLogEntry, into json: inout JSONWriter) {
        json.object { json in
            json.field("reviewed_at", entry.reviewedAt)
            json.field("choices") { json in json.array(entry.choices) { $0.int($1) } }
            json.field("right", entry.right)
            json.field("rating", String(describing: entry.rating))
            json.field("stability", entry.stability)
            json.field("difficulty", entry.difficulty)
            json.field("due_at", entry.dueAt)
            json.field("interval_days", entry.intervalDays)
            json.field("mastered", entry.mastered)
        }
    }

    func reviewOutcome(_ outcome: ReviewOutcome, into json: inout JSONWriter) {
        json.object { json in
            json.field("right", outcome.entry.right)
            json.field("correct") { json in json.array(outcome.check.correct.sorted()) { $0.int($1) } }
            json.field("explanation", outcome.check.explanation)
            json.field("entry") { reviewLogEntry(outcome.entry, into: &$0) }
            json.field("due_at", outcome.state.dueAt)
            json.field("mastered", outcome.state.isMastered)
        }
    }

    func commitment(_ commitment: Commitment, checkIns: [CheckIn]?, now: Date, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", commitment.id.description)
            json.field("program_id", commitment.programID.description)
            json.field("author_id", commitment.authorID.description)
            json.field("text", commitment.text)
            json.field("due_at", commitment.dueAt)
            json.field("private", commitment.isPrivate)
            json.field("state", commitment.state.rawValue)
            json.field("overdue", commitment.isOverdue(at: now))
            json.field("status_id", commitment.postID?.description)
            json.field("reminder_every_days", commitment.reminderEveryDays)
            json.field("created_at", commitment.createdAt)
            json.field("updated_at", commitment.updatedAt)
            json.field("url", settings.baseURL + "/commitments/" + commitment.id.description)
            if let checkIns { json.field("check_ins") { json in json.array(checkIns) { checkIn($1, into: &$0) } } }
        }
    }

    func checkIn(_ checkIn: CheckIn, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", checkIn.id.description)
            json.field("text", checkIn.text)
            json.field("state", checkIn.newState?.rawValue)
            json.field("status_id", checkIn.postID?.description)
            json.field("created_at", checkIn.createdAt)
        }
    }

    func partnerRound(_ round: PartnerRound, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", round.id.description)
            json.field("program_id", round.programID.description)
            json.field("started_at", round.startedAt)
            json.field("ends_at", round.endsAt)
            json.key("recur_every_weeks")
            if let weeks = round.recurEveryWeeks { json.int(weeks) } else { json.null() }
            json.field("groups") { json in
                json.array(round.groups.enumerated()) { json, group in
                    json.object { json in
                        json.field("account_ids", group.element.map(\.description))
                        json.field("thread_status_id", round.threadPostIDs[group.offset]?.description)
                        json.field("check_back_status_id", round.checkBackPostIDs[group.offset]?.description)
                    }
                }
            }
        }
    }

    func boardRow(_ row: CommitmentService.BoardRow, now: Date, into json: inout JSONWriter) {
        json.object { json in
            json.field("account") { mastodon.account(row.learner, into: &$0) }
            json.field("commitments") { json in json.array(row.commitments) { commitment($1, checkIns: nil, now: now, into: &$0) } }
            json.field("last_check_in_at", row.lastCheckIn)
            json.field("partner_ids", row.partners.map(\.id.description))
            json.field("last_active_at", row.lastActive)
            json.field("quiet", row.isQuiet)
            json.field("check_back", row.checkBack)
        }
    }
}
