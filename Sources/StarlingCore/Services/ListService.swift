import Foundation

/// Lists: a member groups people they follow and reads them as a timeline of their own.
/// A list is private to its owner; anyone else is told it does not exist.
public struct ListService: Sendable {
    public static let maxTitleLength = 100
    public static let maxListsPerMember = 50

    let store: any Store
    let ids: IDGenerator
    let homeFeeds: HomeFeeds

    public init(store: any Store, ids: IDGenerator, homeFeeds: HomeFeeds) {
        self.store = store
        self.ids = ids
        self.homeFeeds = homeFeeds
    }

    public func lists(of owner: Account, containing member: ID? = nil) async throws -> [AccountList] {
        try await store.lists(ownerID: owner.id, member: member)
    }

    public func list(_ id: ID, owner: Account) async throws -> AccountList {
        guard let list = try await store.list(id: id), list.ownerID == owner.id else { throw DomainError.notFound }
        return list
    }

    public func create(title: String, repliesPolicy: String?, exclusive: Bool?, by owner: Account) async throws -> AccountList {
        guard try await store.lists(ownerID: owner.id, member: nil).count < Self.maxListsPerMember else {
            throw DomainError.invalid(field: "title", message: "You can have at most \(Self.maxListsPerMember) lists.")
        }
        let list = AccountList(id: ids.next(), ownerID: owner.id, title: try Self.title(title),
                               repliesPolicy: try Self.policy(repliesPolicy) ?? .list, exclusive: exclusive ?? false)
        try await store.saveList(list)
        return list
    }

    public func update(_ id: ID, title: String?, repliesPolicy: String?, exclusive: Bool?, by owner: Account) async throws -> AccountList {
        var list = try await list(id, owner: owner)
        if let title { list.title = try Self.title(title) }
        if let policy = try Self.policy(repliesPolicy) { list.repliesPolicy = policy }
        if let exclusive { list.exclusive = exclusive }
        try await store.saveList(list)
        homeFeeds.forget(owner.id)
        return list
    }

    public func delete(_ id: ID, by owner: Account) async throws {
        _ = try await list(id, owner: owner)
        try await store.deleteList(id: id)
        homeFeeds.forget(owner.id)
    }

    public func members(of id: ID, owner: Account, page: PageRequest) async throws -> [Account] {
        _ = try await list(id, owner: owner)
        return try await store.listMembers(listID: id, page: page)
    }

    /// Adds people to a list; only people the owner follows may be added.
    public func add(_ accountIDs: [ID], to id: ID, by owner: Account) async throws {
        _ = try await list(id, owner: owner)
        guard !accountIDs.isEmpty else { throw DomainError.invalid(field: "account_ids", message: "account_ids is required.") }
        for accountID in accountIDs {
            guard try await store.relationship(from: owner.id, to: accountID).following else {
                throw DomainError.invalid(field: "account_ids", message: "You can only add people you follow to a list.")
            }
        }
        for accountID in accountIDs { try await store.setListMember(listID: id, accountID: accountID, on: true) }
        homeFeeds.forget(owner.id)
    }

    public func remove(_ accountIDs: [ID], from id: ID, by owner: Account) async throws {
        _ = try await list(id, owner: owner)
        for accountID in accountIDs { try await store.setListMember(listID: id, accountID: accountID, on: false) }
        homeFeeds.forget(owner.id)
    }

    private static func title(_ raw: String) throws -> String {
        try PostText.field(raw, name: "title", maxLength: maxTitleLength, required: true)
    }

    private static func policy(_ raw: String?) throws -> AccountList.RepliesPolicy? {
        guard let raw else { return nil }
        guard let policy = AccountList.RepliesPolicy(rawValue: raw) else {
            throw DomainError.invalid(field: "replies_policy", message: "replies_policy must be followed, list or none.")
        }
        return policy
    }
}
