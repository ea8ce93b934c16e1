import Foundation

/// A post on its way out of the organization (see `FederationService.leavingPost`): the post as it leaves,
/// and the post it answers, which leaves too.
public struct LeavingPost: Sendable, Hashable {
    public var view: PostView
    public var answers: PostView?
}
