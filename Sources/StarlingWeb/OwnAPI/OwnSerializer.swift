import Foundation
import StarlingCore

extension ProgramThread {
    /// The key of this thread's status id in a Program entity's `threads`.
    var jsonKey: StaticString {
        switch self {
        case .introductions: "introductions"
        case .challenges: "challenges"
        case .commitments: "commitments"
        }
    }
}

/// Writes Starling's own entities (what Mastodon has no word for) as JSON: the one place their
/// shapes are defined, matching the schemas in `OpenAPIDocument`.
struct OwnSerializer {
    let settings: InstanceSettings
    var mastodon: MastodonSerializer { MastodonSerializer(settings: settings) }

    func program(_ p: Program, membership: ProgramMembership?, threads: [ProgramThread: ID], into json: inout JSONWriter) {
        json.object { json in
            json.field("id", p.id.description)
            json.field("title", p.title)
            json.field("hashtag", p.hashtag)
            json.field("url", settings.baseURL + "/programs/" + p.id.description)
            json.field("description", p.description)
            json.field("agreement", p.agreement)
            json.field("agreement_version", p.agreementVersion)
            json.field("visibility", p.visibility.rawValue)
            json.field("starts_at", p.startsAt)
            json.field("ends_at", p.endsAt)
            json.field("archived_at", p.archivedAt)
            json.field("anonymous_questions", p.anonymousQuestions)
            json.field("created_at", p.createdAt)
            json.key("membership")
            if let membership { self.membership(membership, into: &json) } else { json.null() }
            json.field("threads") { json in
                json.object { json in
                    for kind in ProgramThread.allCases { json.field(kind.jsonKey, threads[kind]?.description) }
                }
            }
        }
    }

    /// A status with what Q&A adds to it: whether it is a question, and an answer's votes and acceptance.
    func questionStatus(_ view: PostView, into json: inout JSONWriter) {
        json.object { json in
            json.field("status") { mastodon.status(view, into: &$0) }
            json.field("is_question", view.post.isQuestion)
            json.field("first_answer_at", view.post.firstAnswerAt)
            json.field("answered_at", view.post.answeredAt)
            json.field("accepted_at", view.post.acceptedAt)
            json.field("votes_count", view.post.votesCount)
            json.field("voted", view.votedByViewer)
            json.field("anonymous", view.post.isAnonymous)
        }
    }

    /// A how-to guide: the status it is published as, its title, and its steps in order, each a photo
    /// (a Mastodon MediaAttachment, whose description is the alt text) with its caption.
    func guide(_ view: PostView, into json: inout JSONWriter) {
        let guide = view.post.guide ?? Guide(title: "", captions: [])
        json.object { json in
            json.field("id", view.id.description)
            json.field("title", guide.title)
            json.field("program_id", view.post.programID?.description)
            json.field("steps") { json in
                json.array(Array(zip(guide.captions, view.media).enumerated())) { json, step in
                    json.object { json in
                        json.field("position", step.offset + 1)
                        json.field("caption", step.element.0)
                        json.field("media") { mastodon.media(step.element.1, into: &$0) }
                    }
                }
            }
            json.field("status") { mastodon.status(view, into: &$0) }
        }
    }

    /// A report with the reported posts the caller may see, as Mastodon statuses.
    func report(_ r: Report, statuses: [PostView], into json: inout JSONWriter) {
        json.object { json in
            json.field("id", r.id.description)
            json.field("category", r.category.rawValue)
            json.field("comment", r.comment)
            json.field("created_at", r.createdAt)
            json.field("target_account") { mastodon.account(r.target, into: &$0) }
            json.field("status_ids") { json in json.array(r.postIDs) { $0.string($1.description) } }
            json.field("statuses") { json in json.array(statuses) { mastodon.status($1, into: &$0) } }
        }
    }

    /// An event with its occurrences; `coming` marks those the caller said they would come to.
    func event(_ e: Event, occurrences: [EventOccurrence], coming: Set<ID>, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", e.id.description)
            json.field("kind", e.kind.rawValue)
            json.field("title", e.title)
            json.field("hashtag", e.hashtag)
            json.field("program_id", e.programID?.description)
            json.field("url", settings.baseURL + "/events/" + e.id.description)
            json.field("starts_at", e.startsAt)
            json.field("time_zone", e.timeZone)
            json.field("duration_minutes", Int(e.duration / 60))
            json.field("recurrence", e.recurrence.rawValue)
            json.field("reminder_minutes", Int(e.reminderLead / 60))
            json.field("requires_approval", e.requiresApproval)
            json.field("open_to_outside", e.openToOutside)
            json.field("occurrences") { json in
                json.array(occurrences) { json, o in
                    json.object { json in
                        json.field("id", o.id.description)
                        json.field("starts_at", o.startsAt)
                        json.field("ends_at", o.endsAt)
                        json.field("started_at", o.startedAt)
                        json.field("ended_at", o.endedAt)
                        json.field("coming", coming.contains(o.id))
                    }
                }
            }
        }
    }

    /// A guest invitation link (to a program or to an event).
    func invitation(_ invitation: Invitation, url: String, into json: inout JSONWriter) {
        json.object { json in
            json.field("code", invitation.code)
            json.field("url", url)
            json.field("program_id", invitation.programID?.description)
            json.field("event_id", invitation.eventID?.description)
            json.field("expires_at", invitation.expiresAt)
        }
    }

    func expertQuestion(_ q: ExpertQuestion, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", q.id.description)
            json.field("occurrence_id", q.occurrenceID.description)
            json.field("text", q.text)
            json.field("status", q.status.rawValue)
            json.field("votes_count", q.votesCount)
            json.field("upvoted", q.votedByViewer)
            json.field("created_at", q.createdAt)
            json.field("account") { mastodon.account(q.author, into: &$0) }
            json.field("answer", q.answer)
            json.field("answered_at", q.answeredAt)
            json.field("answered_by") { json in if let by = q.answeredBy { mastodon.account(by, into: &json) } else { json.null() } }
            json.field("open_question_status_id", q.openQuestionID?.description)
        }
    }

    func script(_ script: ChatScript, into json: inout JSONWriter) {
        json.object { json in
            json.field("welcome", script.welcome)
            json.field("questions") { json in
                json.array(Array(script.questions.enumerated())) { json, question in
                    json.object { json in
                        json.field("number", question.offset + 1)
                        json.field("text", question.element.text)
                        json.field("offset_minutes", question.element.offset / 60)
                    }
                }
            }
        }
    }

    func knowledgePage(_ page: KnowledgePage, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", page.id.description)
            json.field("program_id", page.programID.description)
            json.field("title", page.title)
            json.field("body", page.body)
            json.field("url", settings.baseURL + "/knowledge/" + page.id.description)
            json.field("source_status_id", page.sourcePostID?.description)
            json.field("created_by", page.createdBy?.description)
            json.field("created_at", page.createdAt)
            json.field("updated_by", page.updatedBy?.description)
            json.field("updated_at", page.updatedAt)
        }
    }

    /// A status with whether, when and why moderators hid it.
    func moderatedStatus(_ view: PostView, into json: inout JSONWriter) {
        json.object { json in
            json.field("status") { mastodon.status(view, into: &$0) }
            json.field("hidden_at", view.post.hiddenAt)
            json.field("hidden_reason", view.post.hiddenReason)
        }
    }

    /// The federation mode and lists (`FederationSettings` in the OpenAPI document).
    func federation(mode: FederationMode, rules: [DomainRule], troubles: [DeliveryTrouble], relays: [Relay], tagRelay: String?,
                    into json: inout JSONWriter) {
        json.object { json in
            json.field("mode", mode.rawValue)
            json.field("tag_relay", tagRelay)
            json.field("relays") { json in
                json.array(relays) { json, relay in
                    json.object { json in
                        json.field("id", relay.id.description)
                        json.field("address", relay.address)
                        json.field("tag", relay.tag)
                        json.field("state", relay.state.rawValue)
                        json.field("created_at", relay.createdAt)
                    }
                }
            }
            json.field("domains") { json in
                json.array(rules) { json, rule in
                    json.object { json in
                        json.field("domain", rule.domain.description)
                        json.field("kind", rule.kind.rawValue)
                        json.field("created_at", rule.createdAt)
                    }
                }
            }
            json.field("deliveries_failing") { json in
                json.array(troubles) { json, trouble in
                    json.object { json in
                        json.field("domain", trouble.domain)
                        json.field("failing_since", trouble.failingSince)
                        json.field("last_failure_at", trouble.lastFailureAt)
                        json.field("last_error", trouble.lastError)
                        json.field("paused_at", trouble.pausedAt)
                    }
                }
            }
        }
    }

    func auditEntry(_ e: AuditEntry, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", e.id.description)
            json.field("actor_id", e.actorID?.description)
            json.field("action", e.action.rawValue)
            json.field("program_id", e.programID?.description)
            json.field("target_account_id", e.targetAccountID?.description)
            json.field("target_status_id", e.targetPostID?.description)
            json.field("reason", e.reason)
            json.field("created_at", e.createdAt)
        }
    }

    func membership(_ m: ProgramMembership, account: Account? = nil, into json: inout JSONWriter) {
        json.object { json in
            if let account { json.field("account") { mastodon.account(account, into: &$0) } }
            json.field("role", m.role.rawValue)
            json.field("joined_at", m.joinedAt)
            json.field("agreed_at", m.agreedAt)
            json.key("agreement_version")
            if let version = m.agreementVersion { json.int(version) } else { json.null() }
        }
    }
}
