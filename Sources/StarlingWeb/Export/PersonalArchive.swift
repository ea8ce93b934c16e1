import Foundation
import StarlingCore

/// A person's data as a tar archive in the layout of a Mastodon archive, so tools that read those read
/// this: `actor.json` (the profile as an ActivityPub Person), `outbox.json` (posts as Create activities
/// with their Notes, reposts as Announce), `likes.json`, `bookmarks.json`, `following_accounts.csv`,
/// `lists.csv`, the images under `media_attachments/files/`, and what only Starling has under
/// `starling/` (programs, commitments with check-ins, reviews with every answer).
struct PersonalArchive {
    let data: PersonalData
    let baseURL: String
    let files: any FileStore
    let now: Date

    static let activityStreams = "https://www.w3.org/ns/activitystreams"
    static let publicCollection = "https://www.w3.org/ns/activitystreams#Public"

    var actorURL: String { "\(baseURL)/@\(data.account.username)" }
    func postURL(_ view: PostView) -> String { "\(baseURL)/@\(view.author.username)/\(view.post.id)" }

    /// The archive's bytes.
    func build() async throws -> [UInt8] {
        var archive = TarArchive()
        archive.add("actor.json", actor(), modified: now)
        archive.add("outbox.json", outbox(), modified: now)
        archive.add("likes.json", collection("likes.json", data.likes.map { postURL($0.post) }), modified: now)
        archive.add("bookmarks.json", collection("bookmarks.json", data.bookmarks.map { postURL($0.post) }), modified: now)
        archive.add("following_accounts.csv", csv(["Account address", "Show boosts", "Notify on new posts", "Languages"],
                                                   data.following.map { [address($0), "true", "false", ""] }), modified: now)
        archive.add("lists.csv", csv(nil, data.lists.flatMap { list in list.members.map { [list.list.title, address($0)] } }), modified: now)
        if let avatar = data.account.avatarPath, let bytes = try await files.load(avatar) {
            archive.add("avatar." + (avatar as NSString).pathExtension, bytes, modified: now)
        }
        for view in data.posts.map(\.post) where view.author.id == data.account.id {
            for media in view.media {
                if let bytes = try await files.load(media.fileName) { archive.add(mediaPath(media), bytes, modified: now) }
            }
        }
        archive.add("starling/programs.json", programs(), modified: now)
        archive.add("starling/commitments.json", commitments(), modified: now)
        archive.add("starling/reviews.json", reviews(), modified: now)
        return archive.finished
    }

    /// The file name of the archive, as a browser saves it.
    var fileName: String {
        "starling-archive-\(data.account.username)-\(now.formatted(.iso8601.year().month().day())).tar"
    }

    private func mediaPath(_ media: MediaAttachment) -> String { "media_attachments/files/" + media.fileName }
    private func address(_ account: Account) -> String { "\(account.username)@\(URLComponents(string: baseURL)?.host ?? "localhost")" }

    private func actor() -> [UInt8] {
        let account = data.account
        return JSONWriter.write { json in
            json.object { json in
                json.field("@context", [Self.activityStreams, "https://w3id.org/security/v1"])
                json.field("id", actorURL)
                json.field("type", "Person")
                json.field("preferredUsername", account.username)
                json.field("name", account.displayName)
                json.field("summary", account.bio.htmlEscaped)
                json.field("url", actorURL)
                json.field("published", account.createdAt)
                json.field("outbox", "outbox.json")
                json.field("likes", "likes.json")
                json.field("bookmarks", "bookmarks.json")
                if let avatar = account.avatarPath {
                    json.field("icon") { json in
                        json.object { json in
                            json.field("type", "Image")
                            json.field("url", "avatar." + (avatar as NSString).pathExtension)
                        }
                    }
                }
            }
        }
    }

    private func outbox() -> [UInt8] {
        JSONWriter.write(capacity: 64 * 1024) { json in
            json.object { json in
                json.field("@context", Self.activityStreams)
                json.field("id", "outbox.json")
                json.field("type", "OrderedCollection")
                json.field("totalItems", data.posts.count)
                json.field("orderedItems") { json in
                    json.array(data.posts) { json, entry in activity(entry, into: &json) }
                }
            }
        }
    }

    private func activity(_ entry: TimelineEntry, into json: inout JSONWriter) {
        let view = entry.post
        let (to, cc) = addressing(view.post)
        json.object { json in
            if entry.repostedBy != nil {
                json.field("id", "\(actorURL)/reposts/\(entry.id)")
                json.field("type", "Announce")
                json.field("actor", actorURL)
                json.field("object", postURL(view))
            } else {
                json.field("id", postURL(view) + "/activity")
                json.field("type", "Create")
                json.field("actor", actorURL)
                json.field("published", view.post.createdAt)
                json.field("to", to)
                json.field("cc", cc)
                json.field("object") { json in note(view, to: to, cc: cc, into: &json) }
            }
        }
    }

    private func note(_ view: PostView, to: [String], cc: [String], into json: inout JSONWriter) {
        let post = view.post
        json.object { json in
            json.field("id", postURL(view))
            json.field("type", view.poll == nil ? "Note" : "Question")
            json.field("summary", post.contentWarning.isEmpty ? nil : post.contentWarning)
            json.field("inReplyTo", post.inReplyToID.map { "\(baseURL)/posts/\($0)" })
            json.field("published", post.createdAt)
            json.field("updated", post.editedAt)
            json.field("url", postURL(view))
            json.field("attributedTo", actorURL)
            json.field("to", to)
            json.field("cc", cc)
            json.field("sensitive", !post.contentWarning.isEmpty)
            json.field("content", post.html)
            json.field("source") { json in
                json.object { json in
                    json.field("content", post.source)
                    json.field("mediaType", "text/plain")
                }
            }
            // Starling's own: who could read it (`organization` and programs stay inside).
            json.field("visibility", post.visibility.rawValue)
            json.field("attachment") { json in
                json.array(view.media) { json, media in
                    json.object { json in
                        json.field("type", "Document")
                        json.field("mediaType", media.format.mimeType)
                        json.field("url", mediaPath(media))
                        json.field("name", media.description.isEmpty ? nil : media.description)
                        json.field("width", media.width)
                        json.field("height", media.height)
                    }
                }
            }
            json.field("tag") { json in
                json.array(view.tags.map { ("Hashtag", "\(baseURL)/tags/\($0)", "#\($0)") }
                           + view.mentions.map { ("Mention", "\(baseURL)/@\($0.username)", "@\($0.username)") }) { json, tag in
                    json.object { json in
                        json.field("type", tag.0)
                        json.field("href", tag.1)
                        json.field("name", tag.2)
                    }
                }
            }
        }
    }

    /// ActivityPub's addressing of a post, as Mastodon writes it: public to the Public collection, the
    /// others to followers (organization-wide posts too, which never leave Starling), direct ones to the mentioned.
    private func addressing(_ post: Post) -> (to: [String], cc: [String]) {
        let followers = actorURL + "/followers"
        switch post.visibility {
        case .public: return ([Self.publicCollection], [followers])
        case .direct: return ([], [])
        default: return ([followers], [])
        }
    }

    private func collection(_ id: String, _ items: [String]) -> [UInt8] {
        JSONWriter.write { json in
            json.object { json in
                json.field("@context", Self.activityStreams)
                json.field("id", id)
                json.field("type", "OrderedCollection")
                json.field("orderedItems", items)
            }
        }
    }

    private func csv(_ header: [String]?, _ rows: [[String]]) -> [UInt8] {
        Array(((header.map { [$0] } ?? []) + rows).map { $0.map(CSVField.escaped).joined(separator: ",") + "\r\n" }.joined().utf8)
    }

    private func programs() -> [UInt8] {
        JSONWriter.write { json in
            json.array(data.programs) { json, item in
                json.object { json in
                    json.field("id", item.program.id.description)
                    json.field("title", item.program.title)
                    json.field("hashtag", item.program.hashtag)
                    json.field("role", item.membership.role.rawValue)
                    json.field("joined_at", item.membership.joinedAt)
                }
            }
        }
    }

    private func commitments() -> [UInt8] {
        JSONWriter.write { json in
            json.array(data.commitments) { json, item in
                json.object { json in
                    json.field("id", item.commitment.id.description)
                    json.field("program", item.programTitle)
                    json.field("text", item.commitment.text)
                    json.field("due_at", item.commitment.dueAt)
                    json.field("private", item.commitment.isPrivate)
                    json.field("state", item.commitment.state.rawValue)
                    json.field("check_ins") { json in
                        json.array(item.checkIns) { json, checkIn in
                            json.object { json in
                                json.field("text", checkIn.text)
                                json.field("state", checkIn.newState?.rawValue)
                                json.field("created_at", checkIn.createdAt)
                            }
                        }
                    }
                }
            }
        }
    }

    private func reviews() -> [UInt8] {
        JSONWriter.write { json in
            json.array(data.reviews) { json, item in
                json.object { json in
                    json.field("program", "#" + item.item.programHashtag)
                    json.field("nugget", item.item.nugget.text)
                    json.field("question", item.item.check.question)
                    json.field("options", item.item.check.options)
                    json.field("due_at", item.item.state.dueAt)
                    json.field("mastered_at", item.item.state.masteredAt)
                    json.field("answers") { json in
                        json.array(item.answers) { json, answer in
                            json.object { json in
                                json.field("reviewed_at", answer.reviewedAt)
                                json.field("choices") { json in json.array(answer.choices) { $0.int($1) } }
                                json.field("right", answer.right)
                                json.field("rating", String(describing: answer.rating))
                                json.field("next_due_at", answer.dueAt)
                            }
                        }
                    }
                }
            }
        }
    }
}
