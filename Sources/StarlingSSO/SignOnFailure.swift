import Foundation

/// Why a sign-in through the identity provider or directory did not work, in words for the person
/// signing in (the pages show `message`).
public struct SignOnFailure: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// The provider or directory did not answer in time, or not as the protocol says.
        case unreachable
        /// It answered, but what came back is not acceptable: a forged, expired or misdirected token, a
        /// wrong password, someone outside the allowed group.
        case refused
    }

    public var kind: Kind
    public var message: String
    /// The person's id at the provider, when it is known for sure (the token's signature was right) and
    /// the sign-in was refused for another reason: the refusal concerns their account.
    public var subject: String?

    public init(_ kind: Kind, _ message: String, subject: String? = nil) {
        self.kind = kind
        self.message = message
        self.subject = subject
    }

    public var description: String { message }
}
