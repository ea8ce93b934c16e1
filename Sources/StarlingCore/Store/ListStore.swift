import Foundation

/// What people's lists need from persistence: lists and their members.
public protocol ListStore: Sendable {
    func saveList(_ list: AccountList) throws
    func deleteList(id: ID) throws
    func list(id: ID) throws -> AccountList?
    /// An owner's lists, or (with `member`) those of their lists that hold that account.
    func lists(ownerID: ID, member: ID?) throws -> [AccountList]
    func listMembers(listID: ID, page: PageRequest) throws -> [Account]
    func setListMember(listID: ID, accountID: ID, on: Bool) throws
}
