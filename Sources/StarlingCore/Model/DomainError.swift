/// A rule was broken. Each case carries a message fit to show the person who caused it.
public enum DomainError: Error, Equatable, Sendable {
    /// Input is not acceptable; `field` names the form field or parameter.
    case invalid(field: String, message: String)
    /// The thing does not exist, or the viewer may not know it exists.
    case notFound
    /// The viewer may not do this.
    case forbidden(String)
    /// Sign-in is needed, or the credentials were wrong.
    case unauthorized(String)
    /// Too many attempts; try again later.
    case throttled(String)
    /// An upload is larger than allowed.
    case tooLarge(String)
    /// The name or thing asked for is already taken.
    case conflict(String)

    public var message: String {
        switch self {
        case .invalid(_, let message), .forbidden(let message), .unauthorized(let message), .throttled(let message),
             .tooLarge(let message), .conflict(let message):
            message
        case .notFound:
            "Not found."
        }
    }
}
