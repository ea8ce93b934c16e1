import Foundation

/// What programs need from persistence: programs, their memberships, pinned threads, watched words and dashboards.
public protocol ProgramStore: Sendable {
    /// Stores a new program with its creator as facilitator; `DomainError.conflict` when its hashtag is taken.
    func insertProgram(_ program: Program, facilitator: ID) async throws
    func program(id: ID) async throws -> Program?
    /// The programs whose hashtags are among `tagKeys` (`Tag.key` forms).
    func programs(tagKeys: [String]) async throws -> [Program]
    /// Open programs, and the private ones `viewer` is a member of (every one for `includingPrivate`), newest first.
    func programs(viewer: ID?, includingPrivate: Bool) async throws -> [Program]
    func updateProgram(_ program: Program) async throws
    func membership(programID: ID, accountID: ID) async throws -> ProgramMembership?
    /// Adds or changes a membership (role, agreement).
    func saveMembership(_ membership: ProgramMembership) async throws
    func removeMembership(programID: ID, accountID: ID) async throws
    /// Members with their accounts, facilitators first, then by joining time.
    func members(programID: ID) async throws -> [(Account, ProgramMembership)]
    /// Everyone who is a member of a program the account is a member of.
    func programPeers(of accountID: ID) async throws -> Set<ID>
    func setProgramThread(programID: ID, _ kind: ProgramThread, postID: ID) async throws
    /// The program's pinned threads that still exist.
    func programThreads(programID: ID) async throws -> [ProgramThread: ID]
    func programKeywords(programID: ID) async throws -> [ProgramKeyword]
    /// Adds a watched word (false when the program watches it already).
    func insertProgramKeyword(programID: ID, _ keyword: ProgramKeyword, at: Date) async throws -> Bool
    func deleteProgramKeyword(programID: ID, keywordID: ID) async throws
    /// The numbers on a program's dashboard, counted at `now`.
    func programStats(programID: ID, now: Date) async throws -> ProgramStats
    /// Members other than facilitators who have not replied in the introductions thread.
    func membersWithoutIntroduction(programID: ID) async throws -> [Account]
    /// Whether the account posted in a program it is a member of.
    func hasPostedInJoinedProgram(accountID: ID) async throws -> Bool
}
