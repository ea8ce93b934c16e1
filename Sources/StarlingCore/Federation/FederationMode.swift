import Foundation

/// How far the organization's door to the rest of the social web (ActivityPub) is open.
public enum FederationMode: String, Sendable, CaseIterable, Codable {
    /// No federation at all (the default): nothing leaves, nothing comes in, the protocol's addresses answer 404.
    case off
    /// Only the domains on the allow list, in and out (and never a blocked one).
    case allowlist
    /// Every domain but the blocked ones.
    case open

    public var label: String {
        switch self {
        case .off: "Off"
        case .allowlist: "Listed domains only"
        case .open: "Open, except blocked domains"
        }
    }

    /// Reads a mode as an admin or an option writes it; `DomainError.invalid` names the choices otherwise.
    public init(parsing text: String) throws {
        guard let mode = FederationMode(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw DomainError.invalid(field: "mode", message: "Federation is off, allowlist or open.")
        }
        self = mode
    }
}
