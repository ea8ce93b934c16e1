import Foundation
import Testing
@testable import StarlingCore

/// Programs: a learning space per hashtag, whose private streams only their members see.
@Suite("Programs")
struct ProgramTests {
    static let hashtag = "onboarding-2026"

    /// A program with a facilitator (fay, an admin), a moderator, a learner and a guest expert (exp,
    /// a guest invited to it), `outsider` who belongs to no program, and `visitor`, a guest of another
    /// program. Everyone follows the learner, so her posts would reach every home timeline if visibility allowed.
    struct Cohort {
        let world: TestWorld
        let program: Program
        let fay: Account, mo: Account, lea: Account, exp: Account, outsider: Account, visitor: Account
        var everyone: [Account] { [fay, mo, lea, exp, outsider, visitor] }

        init(_ visibility: Program.Visibility) async throws {
            world = try await TestWorld()
            fay = try await world.member("fay", role: .admin)
            mo = try await world.member("mo")
            lea = try await world.member("lea")
            outsider = try await world.member("outsider")
            let programs = world.starling.programs
            program = try await programs.create(.init(title: "Onboarding 2026", hashtag: "#" + ProgramTests.hashtag,
                                                agreement: "Be kind; assume good intent.", visibility: visibility.rawValue), by: fay)
            exp = try await world.guest("exp", invitedTo: program.id, by: fay)
            let elsewhere = try await programs.create(.init(title: "Sales kick-off", hashtag: "#sko", visibility: "private"), by: fay)
            visitor = try await world.guest("visitor", invitedTo: elsewhere.id, by: fay)
            for (account, role) in [(mo, ProgramRole.moderator), (lea, .learner)] {
                _ = try await programs.setMember(program.id, account: account, role: role, by: fay)
            }
            for account in [mo, lea, exp] { _ = try await programs.join(program.id, by: account, agreementVersion: program.agreementVersion) }
            for account in [fay, mo, exp, outsider, visitor] { try await world.starling.relations.follow(lea, by: account) }
        }

        /// Who sees the program's posts: for an open one the organization (guests of other programs excepted).
        func members(of visibility: Program.Visibility) -> Set<ID> {
            visibility == .open ? Set(everyone.map(\.id)).subtracting([visitor.id]) : [fay.id, mo.id, lea.id, exp.id]
        }
    }

    /// Every path a post can be read by: true when `viewer` sees post `id` there.
    private func paths(_ world: TestWorld, _ id: ID, root: ID, author: Account, viewer: Account?) async throws -> [String: Bool] {
        let reads = world.starling.reads
        var seen: [String: Bool] = [:]
        seen["post"] = await (try? reads.post(id, viewer: viewer)) != nil
        seen["organization"] = await (try? world.timelineIDs(.organization, for: viewer))?.contains(id) ?? false
        seen["hashtag"] = await (try? world.timelineIDs(.hashtag(Self.hashtag, TagFilter()), for: viewer))?.contains(id) ?? false
        seen["profile"] = await (try? world.timelineIDs(.profile(author.id, ProfileFilter()), for: viewer))?.contains(id) ?? false
        seen["search"] = (try? await reads.search(PostSearch(text: "expenses"), viewer: viewer))?.posts.contains { $0.id == id } ?? false
        seen["thread"] = await id == root ? seen["post"]! : ((try? reads.thread(root, viewer: viewer))?.descendants.contains { $0.id == id } ?? false)
        if let viewer {
            seen["home"] = try await world.timelineIDs(.home, for: viewer).contains(id)
        }
        return seen
    }

    @Test("an open program's posts are seen by the organization, a private one's by its members only, and guests see only their programs, on every path",
          arguments: Program.Visibility.allCases)
    func privacyMatrix(_ visibility: Program.Visibility) async throws {
        let cohort = try await Cohort(visibility)
        let world = cohort.world
        let question = try await world.post("How do I file my expenses? #\(Self.hashtag)", by: cohort.lea)
        let answer = try await world.post("Expenses go through the portal, under Travel.", by: cohort.exp, replyTo: question.id)
        #expect(question.programID == cohort.program.id)
        #expect(answer.programID == cohort.program.id) // replies in a program's thread stay in it
        let outside = try await world.post("Expenses outside any program", by: cohort.lea)
        let allowed = cohort.members(of: visibility)
        for post in [question, answer, outside] {
            let author = post.id == answer.id ? cohort.exp : cohort.lea
            let root = post.id == outside.id ? outside.id : question.id
            for viewer in cohort.everyone + [nil] {
                // A post outside programs is for the organization, guests excepted.
                let expected = viewer.map { post.id == outside.id ? !$0.isGuest : allowed.contains($0.id) } ?? false
                // Only the question carries the hashtag, and only the learner is followed.
                for (path, seen) in try await paths(world, post.id, root: root, author: author, viewer: viewer)
                where !(path == "hashtag" && post.id != question.id) && !(path == "home" && post.id == answer.id) {
                    #expect(seen == expected, "\(visibility) program, \(viewer?.username ?? "signed out") on \(path): \(seen)")
                }
            }
        }
    }

    @Test("streams (public, hashtag, user) deliver a program's post to exactly those who may see it: every role × open and private",
          arguments: Program.Visibility.allCases)
    func streamingMatrix(_ visibility: Program.Visibility) async throws {
        let cohort = try await Cohort(visibility)
        let world = cohort.world
        let paths = ["/api/v1/streaming/public", "/api/v1/streaming/hashtag?tag=\(Self.hashtag)", "/api/v1/streaming/user"]
        let tokens = try await cohort.everyone.asyncMap { try await world.starling.oauth.issueForScript(account: $0, scopes: "read").token }
        let listening = Listening()
        try await withLiveServer(world) { server in
            let allowed = cohort.members(of: visibility)
            try await withThrowingTaskGroup(of: (Int, String, [String]).self) { group in
                for (index, token) in tokens.enumerated() {
                    for path in paths {
                        // A stream that should show a post is read until the last such post arrives; one that should show
                        // none is read for two seconds.
                        let viewer = cohort.everyone[index]
                        let last = !viewer.isGuest && !path.contains("hashtag") ? "Outside any program"
                            : allowed.contains(viewer.id) ? "Inside the cohort" : nil
                        group.addTask {
                            let events = try await StreamingTests.events(server, path: path, token: token, seconds: 2, until: last) { await listening.add() }
                            return (index, path, events.filter { $0.name == "update" }.map(\.data))
                        }
                    }
                }
                try await listening.wait(for: tokens.count * paths.count)
                try await world.post("Inside the cohort #\(Self.hashtag)", by: cohort.lea)
                try await world.post("Outside any program", by: cohort.lea)
                for try await (index, path, updates) in group {
                    let viewer = cohort.everyone[index]
                    let sawInside = updates.contains { $0.contains("Inside the cohort") }
                    let sawOutside = updates.contains { $0.contains("Outside any program") }
                    #expect(sawInside == allowed.contains(viewer.id), "\(visibility) \(viewer.username) \(path) inside: \(sawInside)")
                    #expect(sawOutside == (!viewer.isGuest && !path.contains("hashtag")), "\(visibility) \(viewer.username) \(path) outside: \(sawOutside)")
                }
            }
        }
    }

    @Test("search finds programs and their events by title, hashtag or description words, each for exactly who may see it",
          arguments: Program.Visibility.allCases)
    func searchingProgramsAndEvents(_ visibility: Program.Visibility) async throws {
        let c = try await Cohort(visibility)
        let event = try await c.world.starling.liveEvents.create(.init(kind: .tweetchat, title: "Onboarding retro chat", programID: c.program.id,
                                                                 startsAt: Date() + 86400, timeZone: "UTC"), by: c.fay, now: Date())
        for viewer in c.everyone {
            let sees = c.members(of: visibility).contains(viewer.id)
            let programs = try await c.world.starling.programs.search("ONBOARDING 2026", viewer: viewer) // any case
            let events = try await c.world.starling.liveEvents.search("#onboarding-2026 retro", viewer: viewer)
            #expect(programs.map(\.id) == (sees ? [c.program.id] : []), "programs for \(viewer.username)")
            #expect(events.map(\.id) == (sees ? [event.id] : []), "events for \(viewer.username)")
        }
        #expect(try await c.world.starling.programs.search("   ", viewer: c.fay).isEmpty)
    }

    @Test("the getting-started checklist suggests a private program's hashtag only to those who may see the program; done, it is nil",
          arguments: Program.Visibility.allCases)
    func gettingStarted(_ visibility: Program.Visibility) async throws {
        let c = try await Cohort(visibility)
        _ = try await c.world.post("Expenses are due Friday #\(Self.hashtag)", by: c.lea)
        _ = try await c.world.post("Lunch at noon #lunch", by: c.outsider)
        for viewer in [c.fay, c.mo, c.lea, c.outsider] {
            let list = try #require(try await c.world.starling.gettingStarted.checklist(for: viewer))
            let suggested = list.suggestedTags.map { Tag.key($0.name) }
            #expect(suggested.contains(Self.hashtag) == c.members(of: visibility).contains(viewer.id), "for \(viewer.username)")
            #expect(suggested.contains("lunch"))
        }
        // Lea finishes every step: the checklist is gone.
        let starling = c.world.starling
        try await starling.accounts.updateProfile(c.lea, displayName: "Lea", bio: "Learning the ropes.")
        for tag in ["a", "b", "c"] { try await starling.relations.followTag(tag, by: c.lea) }
        let event = try await starling.liveEvents.create(.init(kind: .tweetchat, title: "Chat", programID: c.program.id, startsAt: Date() + 3600,
                                                         timeZone: "UTC"), by: c.fay, now: Date())
        try await starling.liveEvents.rsvp(try #require(try await starling.liveEvents.nextOccurrence(of: event.id)).id, by: c.lea, now: Date())
        let lea = try #require(try await c.world.store.account(id: c.lea.id))
        #expect(try await starling.gettingStarted.checklist(for: lea) == nil)
    }

    @Test("a guest invitation makes one new account a guest expert of that program, once, and only facilitators make them")
    func guestInvitation() async throws {
        let cohort = try await Cohort(.private)
        let programs = cohort.world.starling.programs
        #expect(cohort.exp.isGuest && !cohort.lea.isGuest)
        let membership = try #require(try await programs.membership(cohort.program.id, of: cohort.exp))
        #expect(membership.role == .expert)
        await #expect(throws: DomainError.self) { try await programs.inviteGuest(cohort.program.id, by: cohort.lea) }
        await #expect(throws: DomainError.notFound) { try await programs.inviteGuest(cohort.program.id, by: cohort.outsider) }
        let invitation = try await programs.inviteGuest(cohort.program.id, by: cohort.fay)
        let registration = AccountService.Registration(username: "ivy", email: "ivy@example.org", password: "password1", displayName: "Ivy")
        let ivy = try await cohort.world.starling.accounts.signUp(invitationCode: invitation.code, registration)
        #expect(ivy.isGuest)
        #expect(try await programs.membership(cohort.program.id, of: ivy)?.agreedAt == nil) // the agreement is accepted on arrival
        await #expect(throws: DomainError.self) {
            try await cohort.world.starling.accounts.signUp(invitationCode: invitation.code, .init(
                username: "ivy2", email: "ivy2@example.org", password: "password1", displayName: "Ivy"))
        }
    }

    @Test("a guest meets, finds and is suggested only the people and hashtags of their programs")
    func guestPeople() async throws {
        let cohort = try await Cohort(.open)
        let (world, exp) = (cohort.world, cohort.exp)
        let reads = world.starling.reads
        try await world.post("Notes on #budgeting", by: cohort.outsider)
        try await world.post("Welcome, everyone #\(Self.hashtag)", by: cohort.fay)
        #expect(try await reads.account(username: "lea", viewer: exp).id == cohort.lea.id)
        await #expect(throws: DomainError.notFound) { try await reads.account(username: "outsider", viewer: exp) }
        await #expect(throws: DomainError.notFound) { try await reads.account(id: cohort.visitor.id, viewer: exp) }
        #expect(try await reads.searchAccounts("outsider", viewer: exp, limit: 5).isEmpty)
        #expect(try await reads.searchAccounts("lea", viewer: exp, limit: 5).map(\.id) == [cohort.lea.id])
        #expect(try await reads.searchTags("budg", viewer: exp, limit: 5).isEmpty)
        #expect(try await reads.searchTags("budg", viewer: cohort.lea, limit: 5).map(\.name) == ["budgeting"])
        #expect(try await reads.searchTags("onboard", viewer: exp, limit: 5).map(\.name) == [Self.hashtag])
        #expect(try await reads.followers(of: cohort.lea, viewer: exp).allSatisfy { $0.id != cohort.outsider.id && $0.id != cohort.visitor.id })
        #expect(try await reads.followers(of: cohort.lea, viewer: cohort.mo).contains { $0.id == cohort.outsider.id })
        #expect(try await world.starling.relations.suggestions(for: exp).isEmpty)
        try await world.starling.relations.follow(exp, by: cohort.outsider)
        #expect(try await reads.notifications(of: exp).isEmpty) // a follow from outside the program stays unseen
    }

    @Test("a guest sees only their programs, cannot join others, and posts only in theirs")
    func guestPrograms() async throws {
        let cohort = try await Cohort(.open)
        let programs = cohort.world.starling.programs
        let other = try await programs.create(.init(title: "Open house", hashtag: "#openhouse", visibility: "open"), by: cohort.fay)
        #expect(try await programs.programs(viewer: cohort.exp).map(\.id) == [cohort.program.id])
        await #expect(throws: DomainError.notFound) { try await programs.program(other.id, viewer: cohort.exp) }
        await #expect(throws: DomainError.notFound) { try await programs.join(other.id, by: cohort.exp, agreementVersion: 1) }
        await #expect(throws: DomainError.self) { try await cohort.world.post("Hello everyone", by: cohort.exp) }
        await #expect(throws: DomainError.self) { try await cohort.world.post("Hello #openhouse", by: cohort.exp) }
        #expect(try await cohort.world.post("Hello #\(Self.hashtag)", by: cohort.exp).programID == cohort.program.id)
    }

    @Test("a private program's hashtag in an outsider's post neither enters the program nor reveals it")
    func reservedHashtag() async throws {
        let cohort = try await Cohort(.private)
        let world = cohort.world
        let outside = try await world.post("Guessing at #\(Self.hashtag) from outside", by: cohort.outsider)
        #expect(outside.programID == nil)
        #expect(try await world.starling.reads.post(outside.id, viewer: cohort.lea).tags.isEmpty)
        #expect(try await !world.timelineIDs(.hashtag(Self.hashtag, TagFilter()), for: cohort.lea).contains(outside.id))
        #expect(try await world.timelineIDs(.hashtag(Self.hashtag, TagFilter()), for: cohort.outsider).isEmpty)
    }

    @Test("mentioning an outsider in a private program's post neither notifies them nor shows it to them")
    func mentionsStayInside() async throws {
        let cohort = try await Cohort(.private)
        let post = try await cohort.world.post("@outsider should see this? #\(Self.hashtag)", by: cohort.lea)
        #expect(try await cohort.world.starling.reads.notifications(of: cohort.outsider).allSatisfy { $0.post?.id != post.id })
        #expect(try await cohort.world.starling.reads.unreadNotificationCount(of: cohort.outsider) == 0)
        await #expect(throws: DomainError.notFound) { try await cohort.world.starling.reads.post(post.id, viewer: cohort.outsider) }
    }

    @Test("in an open program an outsider's post keeps the hashtag but is not part of the program")
    func openHashtag() async throws {
        let cohort = try await Cohort(.open)
        let outside = try await cohort.world.post("Following along #\(Self.hashtag)", by: cohort.outsider)
        #expect(outside.programID == nil)
        #expect(try await cohort.world.starling.reads.post(outside.id, viewer: cohort.lea).tags == [Self.hashtag])
    }

    @Test("editing the program's hashtag out of a post takes it out of the program")
    func editsMovePosts() async throws {
        let cohort = try await Cohort(.private)
        let post = try await cohort.world.post("Draft plan #\(Self.hashtag)", by: cohort.lea)
        await #expect(throws: DomainError.notFound) { try await cohort.world.starling.reads.post(post.id, viewer: cohort.outsider) }
        let edited = try await cohort.world.starling.posts.edit(post.id, text: "Draft plan", contentWarning: "", by: cohort.lea)
        #expect(edited.post.programID == nil)
        #expect(try await cohort.world.starling.reads.post(post.id, viewer: cohort.outsider).id == post.id)
    }

    @Test("a hashtag already used by another program is refused as a conflict")
    func hashtagTaken() async throws {
        let cohort = try await Cohort(.open)
        await #expect(throws: DomainError.self) {
            try await cohort.world.starling.programs.create(.init(title: "Again", hashtag: "Onboarding-2026"), by: cohort.fay)
        }
        do {
            _ = try await cohort.world.starling.programs.create(.init(title: "Again", hashtag: "ONBOARDING-2026"), by: cohort.fay)
        } catch let error as DomainError {
            guard case .conflict(let message) = error else { Issue.record("expected a conflict, got \(error)"); return }
            #expect(message.contains("#ONBOARDING-2026"))
        }
    }

    @Test("joining means accepting the current agreement; a changed agreement has a new version")
    func agreement() async throws {
        let cohort = try await Cohort(.open)
        let programs = cohort.world.starling.programs
        await #expect(throws: DomainError.self) { try await programs.join(cohort.program.id, by: cohort.outsider, agreementVersion: nil) }
        let joined = try await programs.join(cohort.program.id, by: cohort.outsider, agreementVersion: 1)
        #expect(joined.role == .learner && joined.agreementVersion == 1 && joined.agreedAt != nil)
        let changed = try await programs.update(cohort.program.id, .init(agreement: "Be kind. No screenshots."), by: cohort.fay)
        #expect(changed.agreementVersion == 2)
        await #expect(throws: DomainError.self) { try await programs.join(cohort.program.id, by: cohort.outsider, agreementVersion: 1) }
        #expect(try await programs.join(cohort.program.id, by: cohort.outsider, agreementVersion: 2).agreementVersion == 2)
    }

    @Test("a private program is joined by invitation only, and is unknown to outsiders")
    func privateMembership() async throws {
        let cohort = try await Cohort(.private)
        let programs = cohort.world.starling.programs
        await #expect(throws: DomainError.notFound) { try await programs.join(cohort.program.id, by: cohort.outsider, agreementVersion: 1) }
        await #expect(throws: DomainError.notFound) { try await programs.members(cohort.program.id, viewer: cohort.outsider) }
        #expect(try await programs.programs(viewer: cohort.outsider).isEmpty)
        #expect(try await programs.programs(viewer: cohort.lea).map(\.id) == [cohort.program.id])
        await #expect(throws: DomainError.self) { try await programs.setMember(cohort.program.id, account: cohort.outsider, role: .learner, by: cohort.lea) }
    }

    @Test("programs are created by admins and moderators, and keep at least one facilitator")
    func roles() async throws {
        let cohort = try await Cohort(.open)
        let programs = cohort.world.starling.programs
        await #expect(throws: DomainError.self) { try await programs.create(.init(title: "Mine", hashtag: "mine"), by: cohort.lea) }
        await #expect(throws: DomainError.self) { try await programs.remove(cohort.program.id, account: cohort.fay, by: cohort.fay) }
        try await programs.remove(cohort.program.id, account: cohort.lea, by: cohort.lea)
        #expect(try await programs.membership(cohort.program.id, of: cohort.lea) == nil)
    }

    @Test("the social-learning template gives a default agreement and pinned threads; facilitators see who has not introduced themselves")
    func template() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea"), ben = try await world.member("ben")
        let programs = world.starling.programs
        let program = try await programs.create(.init(title: "Spring cohort", hashtag: "spring", visibility: "private"), template: .socialLearning, by: fay)
        #expect(program.agreement == ProgramService.defaultAgreement)
        let threads = try await programs.threads(program.id, viewer: fay)
        #expect(Set(threads.keys) == Set(ProgramThread.allCases))
        let intro = try #require(threads[.introductions])
        #expect(try await world.starling.reads.post(intro, viewer: fay).post.programID == program.id)
        for person in [lea, ben] {
            _ = try await programs.setMember(program.id, account: person, role: .learner, by: fay)
            _ = try await programs.join(program.id, by: person, agreementVersion: program.agreementVersion)
        }
        #expect(try await programs.withoutIntroduction(program.id, viewer: fay).map(\.username) == ["lea", "ben"])
        _ = try await world.post("Hi, I'm Lea; I'm working on giving better feedback.", by: lea, replyTo: intro)
        #expect(try await programs.withoutIntroduction(program.id, viewer: fay).map(\.username) == ["ben"])
        await #expect(throws: DomainError.self) { try await programs.withoutIntroduction(program.id, viewer: lea) }
    }

    @Test("the dashboard counts waiting questions, open reports and the people posting over 7 and 30 days")
    func dashboard() async throws {
        let cohort = try await Cohort(.private)
        let world = cohort.world
        let now = Date()
        let old = try await world.post("Q: an old one? #\(Self.hashtag)", by: cohort.lea, at: now - 20 * 86400)
        _ = try await world.post("Q: a new one? #\(Self.hashtag)", by: cohort.exp, at: now - 3600)
        let answered = try await world.post("Q: answered? #\(Self.hashtag)", by: cohort.lea, at: now - 2 * 86400)
        let answer = try await world.post("Yes", by: cohort.mo, replyTo: answered.id, at: now - 86400)
        _ = try await world.starling.questions.accept(answer.id, by: cohort.lea)
        _ = try await world.starling.reports.report(cohort.lea.id, posts: [old.id], comment: "off topic", category: "other", by: cohort.mo)
        let stats = try await world.starling.programs.stats(cohort.program.id, viewer: cohort.fay, now: now)
        #expect(stats.openQuestions == 2 && stats.unansweredQuestions == 2)
        #expect(stats.oldestUnansweredAt.map { abs($0.timeIntervalSince(now - 20 * 86400)) < 1 } == true)
        #expect(stats.openReports == 1)
        #expect(stats.lastWeek == .init(posts: 3, activeMembers: 3))
        #expect(stats.lastMonth == .init(posts: 4, activeMembers: 3))
        await #expect(throws: DomainError.self) { try await world.starling.programs.stats(cohort.program.id, viewer: cohort.lea) }
    }

    @Test("an archived program takes no new posts")
    func archived() async throws {
        let cohort = try await Cohort(.open)
        _ = try await cohort.world.starling.programs.archive(cohort.program.id, by: cohort.fay)
        await #expect(throws: DomainError.self) { try await cohort.world.post("Late question #\(Self.hashtag)", by: cohort.lea) }
        #expect(try await cohort.world.post("Unrelated", by: cohort.lea).programID == nil)
    }
}
