import Foundation

/// A new member's first steps, each with whether it is done: complete the profile, join a program,
/// introduce oneself in it, follow a few hashtags, and see what events are coming. Home shows the
/// checklist until every step is done; once it is, four small queries say so and nothing else is read.
public struct GettingStartedService: Sendable {
    /// How many hashtags count as "a few".
    public static let hashtagsToFollow = 3

    let store: any Store
    let programs: ProgramService
    let events: EventService

    /// The checklist as it stands for `account`, with what each open step suggests.
    public struct Checklist: Sendable {
        public var profileComplete: Bool
        /// Programs the person joined (accepted the agreement of).
        public var joined: [Program]
        /// Open programs they could join.
        public var openPrograms: [Program]
        /// They posted in a program they joined (an introduction, or anything).
        public var introduced: Bool
        public var followedTags: Int
        /// Busy hashtags they may see and do not follow yet, busiest first.
        public var suggestedTags: [Tag]
        /// The next events they can see, soonest first, with when each comes next.
        public var upcoming: [(Event, EventOccurrence)]
        /// They said they would come to an event.
        public var comingToAnEvent: Bool

    }

    /// The checklist, or nil when every step is done.
    public func checklist(for account: Account) async throws -> Checklist? {
        let profileComplete = !account.bio.isEmpty || account.avatarPath != nil
        let followed = try await store.followedTags(accountID: account.id)
        let introduced = try await store.hasPostedInJoinedProgram(accountID: account.id) // a post in a joined program: joined too
        let coming = try await store.hasRSVP(accountID: account.id)
        if profileComplete, introduced, coming, followed.count >= Self.hashtagsToFollow { return nil }
        let visible = try await programs.programs(viewer: account)
        let joined = try await visible.asyncFilter { try await store.membership(programID: $0.id, accountID: account.id)?.agreedAt != nil }
        let followedKeys = Set(followed.map { Tag.key($0.name) })
        let upcoming = try await events.visibleEvents(viewer: account)
            .asyncCompactMap { event in try await events.nextOccurrence(of: event.id).map { (event, $0) } }
            .sorted { $0.1.startsAt < $1.1.startsAt }
        return Checklist(
            profileComplete: profileComplete,
            joined: joined,
            openPrograms: visible.filter { program in program.visibility == .open && !program.isArchived && !joined.contains { $0.id == program.id } },
            introduced: introduced,
            followedTags: followed.count,
            suggestedTags: await account.isGuest ? [] : try suggestedTags(for: account, excluding: followedKeys),
            upcoming: Array(upcoming.prefix(3)),
            comingToAnEvent: coming
        )
    }

    /// The organization's busiest hashtags the person may see: a private program's hashtag only to its members.
    private func suggestedTags(for account: Account, excluding followed: Set<String>) async throws -> [Tag] {
        let candidates = try await store.busiestTags(limit: 20).filter { !followed.contains(Tag.key($0.name)) }
        let owned = try await store.programs(tagKeys: candidates.map { Tag.key($0.name) })
        let hidden = await Set(owned.asyncFilter { (try? await programs.program($0.id, viewer: account)) == nil }.map { Tag.key($0.hashtag) })
        return Array(candidates.filter { !hidden.contains(Tag.key($0.name)) }.prefix(5))
    }
}
