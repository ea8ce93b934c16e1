import Foundation

/// Everything a person may take with them: their profile, posts (with media) and reposts, who they
/// follow, their bookmarks and likes, lists, commitments with check-ins, and reviews with every answer.
public struct PersonalData: Sendable {
    public var account: Account
    /// Own posts and reposts, newest first: what their own profile shows them. Posts Starling sent in their
    /// name to one other person alone (a learner's review, a reminder) belong to that person's data.
    public var posts: [TimelineEntry]
    public var following: [Account]
    public var bookmarks: [TimelineEntry]
    public var likes: [TimelineEntry]
    public var lists: [(list: AccountList, members: [Account])]
    public var commitments: [(commitment: Commitment, programTitle: String, checkIns: [CheckIn])]
    public var reviews: [(item: ReviewItem, answers: [ReviewLogEntry])]
    /// The programs they are a member of, with their role there.
    public var programs: [(program: Program, membership: ProgramMembership)]
}

/// Gathers a person's own data for them to download (their archive). Only they may ask for it.
public struct PersonalDataService: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func gather(for account: Account) async throws -> PersonalData {
        let programs = try await store.programs(viewer: account.id, includingPrivate: false).asyncCompactMap { program in
            try await store.membership(programID: program.id, accountID: account.id).map { (program, $0) }
        }
        let commitments = try await programs.asyncFlatMap { program, _ in
            try await store.commitments(programID: program.id, authorID: account.id).asyncMap { ($0, program.title, try await store.checkIns(commitmentID: $0.id)) }
        }
        let reviews = try await store.reviewItems(accountID: account.id, programID: nil).asyncMap { item in
            (item, try await store.reviewLog(nuggetID: item.nugget.id, accountID: account.id))
        }
        let lists = try await store.lists(ownerID: account.id, member: nil).asyncMap { list in
            (list, try await all { try await store.listMembers(listID: list.id, page: $0) })
        }
        return PersonalData(
            account: account,
            posts: try await all { try await store.timeline(.profile(account.id), viewer: account.id, page: $0) },
            following: try await all { try await store.following(of: account.id, page: $0) },
            bookmarks: try await all { try await store.timeline(.bookmarks, viewer: account.id, page: $0) },
            likes: try await all { try await store.timeline(.likes, viewer: account.id, page: $0) },
            lists: lists, commitments: commitments, reviews: reviews, programs: programs
        )
    }

    /// Every page of a list read newest first by id, in pages of 200.
    private func all<T: Identifiable>(_ page: (PageRequest) async throws -> [T]) async throws -> [T] where T.ID == ID {
        var items: [T] = []
        var request = PageRequest(limit: 200)
        while true {
            let batch = try await page(request)
            items += batch
            guard batch.count == request.limit, let last = batch.last else { return items }
            request = PageRequest(maxID: last.id, limit: 200)
        }
    }
}
