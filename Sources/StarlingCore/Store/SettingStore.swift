import Foundation

/// The organization's settings that admins change while the server runs, by key.
public protocol SettingStore: Sendable {
    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, value: String) async throws
}
