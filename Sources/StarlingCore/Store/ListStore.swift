import Foundation

/// What people's lists need from persistence: lists and their members.
public protocol ListStore: Sendable {
    func saveList(_ list: AccountList) async throws
    func deleteList(id: ID) async throws
    func list(id: ID) async throws -> AccountList?
    /// An owner's lists, or (with `member`) those of their lists that hold that account.
    func lists(ownerID: ID, member: ID?) async throws -> [AccountList]
    func listMembers(listID: ID, page: PageRequest) async throws -> [Account]
    func setListMember(listID: ID, accountID: ID, on: Bool) async throws
}
