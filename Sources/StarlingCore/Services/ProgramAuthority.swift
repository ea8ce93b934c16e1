import Foundation

/// Who may look after a program: the one answer every service asks (admins always may).
extension Store {
    /// Admins, and the program's facilitators.
    func facilitates(_ programID: ID, _ account: Account) async throws -> Bool {
        if account.role == .admin { return true }
        return try await membership(programID: programID, accountID: account.id)?.role == .facilitator
    }

    /// Admins, and the program's facilitators and moderators.
    func looksAfter(_ programID: ID, _ account: Account) async throws -> Bool {
        if account.role == .admin { return true }
        return try await membership(programID: programID, accountID: account.id)?.role.looksAfterProgram == true
    }
}
