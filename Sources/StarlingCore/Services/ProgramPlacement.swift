import Foundation

/// Decides which program a new or edited post belongs to, and which of its hashtags it keeps.
///
/// A post belongs to the program of the thread it replies in (when its author is a member there),
/// else to the first program whose hashtag it carries and its author is a member of. A private
/// program's hashtag is reserved: in a non-member's post it is not recorded as a hashtag, so the post
/// neither enters the program's stream nor shows that the program exists. Archived programs take no posts.
/// A guest's posts must belong to one of their programs, or be on the hashtag of an organization's
/// chat they are the expert of while it is live.
struct ProgramPlacement {
    let store: any Store

    func place(hashtags: [String], replyingTo parent: Post?, by author: Account) async throws -> (programID: ID?, hashtags: [String]) {
        var programID: ID?
        if let inherited = parent?.programID, try await store.membership(programID: inherited, accountID: author.id) != nil {
            programID = inherited
        }
        var kept = hashtags
        let programs = try await store.programs(tagKeys: hashtags.map(Tag.key))
        for hashtag in hashtags {
            guard let program = programs.first(where: { Tag.key($0.hashtag) == Tag.key(hashtag) }) else { continue }
            if try await store.membership(programID: program.id, accountID: author.id) != nil {
                programID = programID ?? program.id
            } else if program.visibility == .private {
                kept.removeAll { Tag.key($0) == Tag.key(hashtag) }
            }
        }
        if let programID {
            let program = if let found = programs.first(where: { $0.id == programID }) { found } else { try await store.program(id: programID) }
            if let program, program.isArchived {
                throw DomainError.invalid(field: "text", message: "The program “\(program.title)” is archived: it takes no new posts.")
            }
        }
        if programID == nil, author.isGuest {
            let live = Set(try await store.liveExpertHashtags(accountID: author.id).map(Tag.key))
            guard hashtags.contains(where: { live.contains(Tag.key($0)) }) else {
                throw DomainError.invalid(field: "text", message: "As a guest you post in the programs you were invited to, or on the hashtag "
                                          + "of the chat you are the expert of while it is live: add its hashtag or reply in its threads.")
            }
        }
        return (programID, kept)
    }
}
