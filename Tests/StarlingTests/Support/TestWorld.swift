import Foundation
@testable import StarlingCore
@testable import StarlingSQLite

/// A fresh Starling on a real SQLite file in its own temporary directory.
struct TestWorld {
    let directory: String
    let store: SQLiteStore
    let starling: Starling

    /// A new world, or (with `reopening`) the same data directory opened again, as after a restart.
    init(publicAccess: Bool = false, maxPostLength: Int = 500, apiRateLimit: Int = 10_000, clock: any Clock = SystemClock(),
         timeZone: String = "UTC", analyticsCacheSeconds: Int = 0, metrics: ServerMetrics = ServerMetrics(),
         nightlyBackups: (root: String, keep: Int)? = nil, signInPolicy: SignInPolicy = SignInPolicy(), mailer: (any Mailer)? = nil,
         reopening: String? = nil) throws {
        directory = reopening ?? NSTemporaryDirectory() + "starling-test-" + UUID().uuidString
        let ids = IDGenerator()
        store = try SQLiteStore(dataDirectory: directory, ids: ids, metrics: metrics)
        let plan = nightlyBackups.map { [store, directory] in
            BackupPlan(maker: DataDirectoryBackups(store: store, dataDirectory: directory), root: $0.root, keep: $0.keep)
        }
        starling = Starling(store: store, files: try LocalFileStore(dataDirectory: directory), ids: ids, settings: InstanceSettings(
            name: "Test Org", publicAccess: publicAccess, maxPostLength: maxPostLength, passwordCost: 4, apiRateLimit: apiRateLimit, timeZone: timeZone,
            analyticsCacheSeconds: analyticsCacheSeconds),
            clock: clock, metrics: metrics, backupPlan: plan, signInPolicy: signInPolicy, mailer: mailer)
    }

    var databasePath: String { directory + "/starling.sqlite" }

    /// Creates a member (password "password1") and returns the account.
    @discardableResult
    func member(_ username: String, role: Role = .member) async throws -> Account {
        try await starling.accounts.create(.init(username: username, email: "\(username)@example.org", password: "password1",
                                           displayName: username.capitalized, role: role))
    }

    /// Signs someone up (password "password1") through a facilitator's guest invitation to a program.
    func guest(_ username: String, invitedTo programID: ID, by facilitator: Account) async throws -> Account {
        let invitation = try await starling.programs.inviteGuest(programID, by: facilitator)
        return try await starling.accounts.signUp(invitationCode: invitation.code, .init(
            username: username, email: "\(username)@example.org", password: "password1", displayName: username.capitalized))
    }

    @discardableResult
    func post(_ text: String, by author: Account, visibility: Visibility = .organization, replyTo: ID? = nil,
              at date: Date = Date()) async throws -> Post {
        try await starling.posts.compose(.init(text: text, visibility: visibility, inReplyToID: replyTo), by: author, at: date)
    }

    /// The ids of the posts a timeline shows the viewer.
    func timelineIDs(_ timeline: Timeline, for viewer: Account?, page: PageRequest = PageRequest()) async throws -> [ID] {
        try await starling.reads.timeline(timeline, viewer: viewer, page: page).map(\.post.id)
    }
}

/// A clock a test moves by hand, so schedules run without waiting.
final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date()) { current = start }

    func now() -> Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
