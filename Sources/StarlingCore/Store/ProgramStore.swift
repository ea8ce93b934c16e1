import Foundation

/// What programs need from persistence: programs, their memberships, pinned threads, watched words and dashboards.
public protocol ProgramStore: Sendable {
    /// Stores a new program with its creator as facilitator; `DomainError.conflict` when its hashtag is taken.
    func insertProgram(_ program: Program, facilitator: ID) throws
    func program(id: ID) throws -> Program?
    /// The programs whose hashtags are among `tagKeys` (`Tag.key` forms).
    func programs(tagKeys: [String]) throws -> [Program]
    /// Open programs, and the private ones `viewer` is a member of (every one for `includingPrivate`), newest first.
    func programs(viewer: ID?, includingPrivate: Bool) throws -> [Program]
    func updateProgram(_ program: Program) throws
    func membership(programID: ID, accountID: ID) throws -> ProgramMembership?
    /// Adds or changes a membership (role, agreement).
    func saveMembership(_ membership: ProgramMembership) throws
    func removeMembership(programID: ID, accountID: ID) throws
    /// Members with their accounts, facilitators first, then by joining time.
    func members(programID: ID) throws -> [(Account, ProgramMembership)]
    /// Everyone who is a member of a program the account is a member of.
    func programPeers(of accountID: ID) throws -> Set<ID>
    func setProgramThread(programID: ID, _ kind: ProgramThread, postID: ID) throws
    /// The program's pinned threads that still exist.
    func programThreads(programID: ID) throws -> [ProgramThread: ID]
    func programKeywords(programID: ID) throws -> [ProgramKeyword]
    /// Adds a watched word (false when the program watches it already).
    func insertProgramKeyword(programID: ID, _ keyword: ProgramKeyword, at: Date) throws -> Bool
    func deleteProgramKeyword(programID: ID, keywordID: ID) throws
    /// The numbers on a program's dashboard, counted at `now`.
    func programStats(programID: ID, now: Date) throws -> ProgramStats
    /// Members other than facilitators who have not replied in the introductions thread.
    func membersWithoutIntroduction(programID: ID) throws -> [Account]
    /// Whether the account posted in a program it is a member of.
    func hasPostedInJoinedProgram(accountID: ID) throws -> Bool
}
