import Foundation

/// Programs and their membership: creating and changing them, joining by accepting the agreement,
/// and who may see or look after which program.
public struct ProgramService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let posts: PostService

    public init(store: any Store, ids: IDGenerator, posts: PostService) {
        self.store = store
        self.ids = ids
        self.posts = posts
    }

    /// Ready-made shapes of a program.
    public enum Template: String, Sendable, CaseIterable {
        /// The three stages of social learning: a shared agreement and introductions (community
        /// building), everyone's real challenge (collaborative problem solving), and commitments
        /// (collective accountability), each as a thread pinned to the program.
        case socialLearning = "social-learning"
    }

    /// The agreement a social-learning program starts with, until its facilitators write their own.
    public static let defaultAgreement = """
        We assume good intent and ask generously: there are no silly questions.
        We share real work and real challenges, and help each other with them.
        We give feedback we would want to receive: specific, kind and useful.
        What is shared here stays inside the program unless its author opens it.
        """

    /// What a facilitator fills in; nil fields stay as they are when editing.
    public struct Draft: Sendable {
        public var title: String?
        public var hashtag: String?
        public var description: String?
        public var agreement: String?
        public var visibility: String?
        public var startsAt: Date?
        public var endsAt: Date?
        public var anonymousQuestions: Bool?

        public init(title: String? = nil, hashtag: String? = nil, description: String? = nil, agreement: String? = nil,
                    visibility: String? = nil, startsAt: Date? = nil, endsAt: Date? = nil, anonymousQuestions: Bool? = nil) {
            self.title = title
            self.hashtag = hashtag
            self.description = description
            self.agreement = agreement
            self.visibility = visibility
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.anonymousQuestions = anonymousQuestions
        }
    }

    /// Creates a program with its creator as facilitator. Admins and moderators create programs.
    public func create(_ draft: Draft, by creator: Account, at now: Date = Date()) async throws -> Program {
        guard creator.role.canModerate else {
            throw DomainError.forbidden("Programs are created by the organization's admins and moderators.")
        }
        guard let raw = draft.hashtag else { throw DomainError.invalid(field: "hashtag", message: "A program needs a hashtag.") }
        let hashtag = Self.bare(raw)
        guard PostText("#" + hashtag).hashtags == [hashtag], hashtag.count <= Tag.maxLength else {
            throw DomainError.invalid(field: "hashtag", message: "A hashtag is letters, digits and underscores, with single hyphens inside (onboarding-2026).")
        }
        var program = Program(id: ids.next(at: now), title: "", hashtag: hashtag, visibility: .open, createdBy: creator.id, createdAt: now)
        try apply(draft, to: &program)
        guard !program.title.isEmpty else { throw DomainError.invalid(field: "title", message: "A program needs a title.") }
        try await store.insertProgram(program, facilitator: creator.id)
        return try await store.program(id: program.id) ?? program
    }

    /// Creates a program from a template: the social-learning one adds a default agreement (unless one
    /// is given) and the facilitator's pinned threads for introductions, challenges and commitments.
    public func create(_ draft: Draft, template: Template, by creator: Account, at now: Date = Date()) async throws -> Program {
        var draft = draft
        if (draft.agreement ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { draft.agreement = Self.defaultAgreement }
        let program = try await create(draft, by: creator, at: now)
        for (offset, kind) in [ProgramThread.introductions, .challenges, .commitments].enumerated() {
            try await pinThread(kind, in: program, by: creator, at: now + Double(offset) * 0.001)
        }
        return program
    }

    /// Posts a pinned thread's prompt as `author` on the program's hashtag and records it; returns its post.
    @discardableResult
    private func pinThread(_ kind: ProgramThread, in program: Program, by author: Account, at now: Date) async throws -> ID {
        let prompt = switch kind {
        case .introductions: "Welcome to \(program.title)! Introduce yourself here: who you are, and one challenge you are working on right now."
        case .challenges: "What real challenge at work could this program help you with? Reply with yours, and help someone else with theirs."
        case .commitments: "Commitments: what will you do differently after this? Reply with one concrete step, and check in on a peer's."
        }
        let post = try await posts.compose(.init(text: prompt + " #" + program.hashtag).madeAutomatically(), by: author, at: now)
        try await store.setProgramThread(programID: program.id, kind, postID: post.id)
        return post.id
    }

    /// The program's introductions thread, started now by a facilitator when it has none yet.
    public func startIntroductions(_ id: ID, by facilitator: Account, at now: Date = Date()) async throws -> ID {
        let program = try await program(id, viewer: facilitator)
        guard try await facilitates(id, facilitator) else {
            throw DomainError.forbidden("Only the program's facilitators start its introductions.")
        }
        if let existing = try await store.programThreads(programID: id)[.introductions] { return existing }
        return try await pinThread(.introductions, in: program, by: facilitator, at: now)
    }

    /// The facilitator who speaks for the program in reminders and partner threads: its creator while
    /// they facilitate it, else its longest-standing facilitator.
    func voice(of programID: ID) async throws -> Account? {
        let facilitators = try await store.members(programID: programID).filter { $0.1.role == .facilitator && $0.0.suspendedAt == nil }.map(\.0)
        let program = try await store.program(id: programID)
        return facilitators.first { $0.id == program?.createdBy } ?? facilitators.first
    }

    /// The program's pinned thread of a kind, started by its facilitator when it has none yet.
    func thread(_ kind: ProgramThread, of programID: ID, at now: Date) async throws -> ID {
        if let existing = try await store.programThreads(programID: programID)[kind] { return existing }
        guard let program = try await store.program(id: programID), let facilitator = try await voice(of: programID) else { throw DomainError.notFound }
        return try await pinThread(kind, in: program, by: facilitator, at: now)
    }

    /// Asks a question in the program (its hashtag is added when the text lacks it), anonymously
    /// when asked to and the program allows it.
    public func ask(_ id: ID, text: String, anonymous: Bool = false, by asker: Account, at now: Date = Date()) async throws -> Post {
        let program = try await program(id, viewer: asker)
        let tagged = PostText(text).hashtags.contains { Tag.key($0) == Tag.key(program.hashtag) } ? text : text + " #" + program.hashtag
        return try await posts.compose(.init(text: tagged, question: true, anonymous: anonymous), by: asker, at: now)
    }

    /// The program's pinned threads, for those who may see it.
    public func threads(_ id: ID, viewer: Account) async throws -> [ProgramThread: ID] {
        _ = try await program(id, viewer: viewer)
        return try await store.programThreads(programID: id)
    }

    /// Who joined but has not introduced themselves yet: for the program's facilitators and moderators.
    public func withoutIntroduction(_ id: ID, viewer: Account) async throws -> [Account] {
        try await requireLookingAfter(id, viewer)
        return try await store.membersWithoutIntroduction(programID: id)
    }

    /// The dashboard's numbers: for the program's facilitators and moderators.
    public func stats(_ id: ID, viewer: Account, now: Date = Date()) async throws -> ProgramStats {
        try await requireLookingAfter(id, viewer)
        return try await store.programStats(programID: id, now: now)
    }

    /// The words the program's moderators watch for (for them only).
    public func keywords(_ id: ID, viewer: Account) async throws -> [ProgramKeyword] {
        try await requireLookingAfter(id, viewer)
        return try await store.programKeywords(programID: id)
    }

    /// Watches for a word: a post in the program that uses it (as whole words) is flagged as a report.
    public func addKeyword(_ id: ID, _ keyword: String, by moderator: Account, at now: Date = Date()) async throws -> ProgramKeyword {
        try await requireLookingAfter(id, moderator)
        let text = try PostText.field(keyword, name: "keyword", maxLength: 100, required: true)
        let entry = ProgramKeyword(id: ids.next(at: now), keyword: text, addedBy: moderator.id)
        guard try await store.insertProgramKeyword(programID: id, entry, at: now) else {
            throw DomainError.conflict("The program already watches for “\(text)”.")
        }
        return entry
    }

    public func removeKeyword(_ id: ID, keywordID: ID, by moderator: Account) async throws {
        try await requireLookingAfter(id, moderator)
        try await store.deleteProgramKeyword(programID: id, keywordID: keywordID)
    }

    private func requireLookingAfter(_ id: ID, _ viewer: Account) async throws {
        let program = try await program(id, viewer: viewer)
        guard try await store.looksAfter(program.id, viewer) else {
            throw DomainError.forbidden("Only the program's facilitators and moderators see this.")
        }
    }

    /// Changes a program's details (its facilitators, or instance admins). A changed agreement gets a new version.
    public func update(_ id: ID, _ draft: Draft, by editor: Account) async throws -> Program {
        var program = try await program(id, viewer: editor)
        try await requireFacilitator(program, editor)
        if let hashtag = draft.hashtag, Tag.key(Self.bare(hashtag)) != Tag.key(program.hashtag) {
            throw DomainError.invalid(field: "hashtag", message: "A program's hashtag cannot change: its posts carry it.")
        }
        try apply(draft, to: &program)
        try await store.updateProgram(program)
        return program
    }

    /// Archives a program (read-only from then on) or reopens it.
    public func archive(_ id: ID, by editor: Account, _ on: Bool = true, at now: Date = Date()) async throws -> Program {
        var program = try await program(id, viewer: editor)
        try await requireFacilitator(program, editor)
        program.archivedAt = on ? now : nil
        try await store.updateProgram(program)
        return program
    }

    /// A program the viewer may see: open ones to every member, private ones to their members.
    public func program(_ id: ID, viewer: Account?) async throws -> Program {
        guard let viewer, let program = try await store.program(id: id) else { throw DomainError.notFound }
        guard try await canSee(program, viewer) else { throw DomainError.notFound }
        return program
    }

    /// The programs the viewer may see, newest first (a guest's are the ones they are a member of).
    public func programs(viewer: Account) async throws -> [Program] {
        let programs = try await store.programs(viewer: viewer.id, includingPrivate: false)
        return try await viewer.isGuest ? programs.asyncFilter { try await store.membership(programID: $0.id, accountID: viewer.id) != nil } : programs
    }

    /// The programs the viewer may see whose title, hashtag or description holds every word of `text`.
    public func search(_ text: String, viewer: Account) async throws -> [Program] {
        let words = Self.words(text)
        guard !words.isEmpty else { return [] }
        return try await programs(viewer: viewer).filter { Self.matches(words, in: [$0.title, $0.hashtag, $0.description]) }
    }

    /// A search's words (without a leading `#`), for matching small lists in memory.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map { String($0.trimmingPrefix("#")) }.filter { !$0.isEmpty }.prefix(10).map { $0 }
    }

    /// Whether every word is in one of the texts, ignoring case and accents.
    static func matches(_ words: [String], in texts: [String]) -> Bool {
        words.allSatisfy { word in texts.contains { $0.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil } }
    }

    /// An invitation link that makes a new guest account a guest expert of this program and of
    /// nothing else (facilitators). It is valid as long as other invitations and can be used once.
    public func inviteGuest(_ id: ID, by facilitator: Account, at now: Date = Date()) async throws -> Invitation {
        let program = try await program(id, viewer: facilitator)
        try await requireFacilitator(program, facilitator)
        guard !program.isArchived else { throw DomainError.invalid(field: "id", message: "This program is archived.") }
        let invitation = Invitation.issued(role: .member, programID: id, by: facilitator.id, at: now)
        try await store.insertInvitation(invitation)
        return invitation
    }

    /// Joins an open program by accepting its agreement as it is now (`agreementVersion` is the one
    /// the person read; a stale one is refused). Accepting again after the agreement changed renews it.
    public func join(_ id: ID, by account: Account, agreementVersion: Int?, at now: Date = Date()) async throws -> ProgramMembership {
        let program = try await program(id, viewer: account)
        let existing = try await store.membership(programID: id, accountID: account.id)
        guard existing != nil || program.visibility == .open else {
            throw DomainError.forbidden("This program is by invitation: ask one of its facilitators.")
        }
        guard !program.isArchived else { throw DomainError.invalid(field: "id", message: "This program is archived.") }
        guard agreementVersion == program.agreementVersion else {
            throw DomainError.invalid(field: "agreement_version",
                                      message: "Accept the program's agreement (version \(program.agreementVersion)) to join.")
        }
        let membership = ProgramMembership(programID: id, accountID: account.id, role: existing?.role ?? .learner,
                                           joinedAt: existing?.joinedAt ?? now, agreedAt: now, agreementVersion: program.agreementVersion)
        try await store.saveMembership(membership)
        return membership
    }

    /// Adds someone to a program with a role, or changes their role (facilitators). They accept the
    /// agreement themselves when they first come in (`join`).
    public func setMember(_ id: ID, account: Account, role: ProgramRole, by facilitator: Account, at now: Date = Date()) async throws -> ProgramMembership {
        let program = try await program(id, viewer: facilitator)
        try await requireFacilitator(program, facilitator)
        let existing = try await store.membership(programID: id, accountID: account.id)
        if existing?.role == .facilitator, role != .facilitator, try await store.members(programID: id).filter({ $0.1.role == .facilitator }).count == 1 {
            throw DomainError.invalid(field: "role", message: "A program keeps at least one facilitator.")
        }
        let membership = ProgramMembership(programID: id, accountID: account.id, role: role, joinedAt: existing?.joinedAt ?? now,
                                           agreedAt: existing?.agreedAt, agreementVersion: existing?.agreementVersion)
        try await store.saveMembership(membership)
        return membership
    }

    /// Leaves a program, or (facilitators) removes someone from it. The last facilitator cannot go.
    public func remove(_ id: ID, account: Account, by actor: Account) async throws {
        let program = try await program(id, viewer: actor)
        if actor.id != account.id { try await requireFacilitator(program, actor) }
        guard let membership = try await store.membership(programID: id, accountID: account.id) else { return }
        if membership.role == .facilitator, try await store.members(programID: id).filter({ $0.1.role == .facilitator }).count == 1 {
            throw DomainError.invalid(field: "account_id", message: "A program keeps at least one facilitator: name another one first.")
        }
        try await store.removeMembership(programID: id, accountID: account.id)
        if actor.id != account.id {
            try await store.insertAuditEntry(AuditEntry(id: ids.next(), actorID: actor.id, action: .removeMember, programID: id,
                                                  targetAccountID: account.id, createdAt: Date()))
        }
    }

    /// The members, for those who may see the program.
    public func members(_ id: ID, viewer: Account) async throws -> [(Account, ProgramMembership)] {
        _ = try await program(id, viewer: viewer)
        return try await store.members(programID: id)
    }

    /// Whether `account` facilitates the program (admins always do).
    public func facilitates(_ id: ID, _ account: Account) async throws -> Bool { try await store.facilitates(id, account) }

    /// Whether `account` looks after the program: its facilitators and moderators, and admins.
    public func looksAfter(_ id: ID, _ account: Account) async throws -> Bool { try await store.looksAfter(id, account) }

    public func membership(_ id: ID, of account: Account) async throws -> ProgramMembership? {
        try await store.membership(programID: id, accountID: account.id)
    }

    /// A hashtag as typed, without spaces around it or a leading `#`.
    static func bare(_ hashtag: String) -> String {
        String(hashtag.trimmingCharacters(in: .whitespaces).trimmingPrefix("#"))
    }

    /// Open programs are for the organization, private ones for their members (and admins); a guest
    /// sees only the programs they are a member of.
    private func canSee(_ program: Program, _ viewer: Account) async throws -> Bool {
        if (program.visibility == .open && !viewer.isGuest) || viewer.role == .admin { return true }
        return try await store.membership(programID: program.id, accountID: viewer.id) != nil
    }

    private func requireFacilitator(_ program: Program, _ account: Account) async throws {
        guard try await store.facilitates(program.id, account) else {
            throw DomainError.forbidden("Only the program's facilitators can do this.")
        }
    }

    private func apply(_ draft: Draft, to program: inout Program) throws {
        if let title = draft.title { program.title = try PostText.field(title, name: "title", maxLength: 200, required: true) }
        if let description = draft.description {
            program.description = try PostText.field(description, name: "description", maxLength: 5_000, required: false)
        }
        if let agreement = draft.agreement {
            let text = try PostText.field(agreement, name: "agreement", maxLength: 20_000, required: false)
            if text != program.agreement {
                if !program.agreement.isEmpty { program.agreementVersion += 1 }
                program.agreement = text
            }
        }
        if let raw = draft.visibility {
            guard let visibility = Program.Visibility(rawValue: raw) else {
                throw DomainError.invalid(field: "visibility", message: "visibility is open or private.")
            }
            program.visibility = visibility
        }
        if let anonymous = draft.anonymousQuestions { program.anonymousQuestions = anonymous }
        if let startsAt = draft.startsAt { program.startsAt = startsAt }
        if let endsAt = draft.endsAt { program.endsAt = endsAt }
        if let start = program.startsAt, let end = program.endsAt, end <= start {
            throw DomainError.invalid(field: "ends_at", message: "A program ends after it starts.")
        }
    }
}
