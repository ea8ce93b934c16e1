import Foundation

/// Seeds a small, lively demo organization (once) so a newcomer has a network to look around in:
/// about 30 people with bios, learning hashtags, a few hundred posts with replies, reposts, likes
/// and follows spread over the last weeks. Everything goes through the domain services, so the
/// demo obeys the same rules as real use.
public struct DemoOrganization: Sendable {
    public static let password = "starling-demo"
    public static let adminUsername = "ada"
    static let seededKey = "demo_seeded"

    let starling: Starling

    public init(starling: Starling) { self.starling = starling }

    /// Seeds the demo unless it was seeded before. Returns true when it seeded now.
    @discardableResult
    public func seedIfNeeded(now: Date = Date()) async throws -> Bool {
        guard try await starling.store.setting(Self.seededKey) == nil else { return false }
        try await seed(now: now)
        try await starling.store.setSetting(Self.seededKey, value: ISO8601DateFormatter().string(from: now))
        return true
    }

    private func seed(now: Date) async throws {
        var random = SeededGenerator(seed: 2026)
        var people: [Account] = []
        for (index, person) in Self.people.enumerated() {
            let role: Role = index == 0 ? .admin : (index < 3 ? .moderator : .member)
            let username = person.name.split(separator: " ")[0].folding(options: .diacriticInsensitive, locale: nil).lowercased()
            let account = try await starling.accounts.create(.init(
                username: username, email: "\(username)@demo.starling.local", password: Self.password,
                displayName: person.name, role: role), at: now - 60 * 86400 + Double(index) * 60)
            try await starling.accounts.updateProfile(account, displayName: person.name, bio: person.bio)
            people.append(account)
        }
        // A personal learning network: everyone follows a handful of others and a few hashtags.
        for person in people {
            for other in people.shuffled(using: &random).prefix(Int.random(in: 6...14, using: &random)) where other.id != person.id {
                try await starling.relations.follow(other, by: person)
            }
            for tag in Self.tags.shuffled(using: &random).prefix(2) {
                try await starling.relations.followTag(tag, by: person)
            }
        }
        // Two programs: an open onboarding cohort, and a private leadership lab whose posts only its members see.
        let lab = try await seedPrograms(people, at: now - 40 * 86400)
        // Posts over the last five weeks, oldest first; about a third are replies in threads.
        var posts: [Post] = []
        let start = now - 35 * 86400
        let count = 320
        for index in 0..<count {
            let at = start + Double(index) / Double(count) * (35 * 86400 - 3600) + Double.random(in: 0...1800, using: &random)
            let author = people.randomElement(using: &random)!
            let tag = Self.tags.randomElement(using: &random)!
            if !posts.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
                let parent = posts.suffix(40).filter { $0.visibility == .organization && $0.programID != lab.id }.randomElement(using: &random)!
                guard let parentAuthor = people.first(where: { $0.id == parent.authorID }), parentAuthor.id != author.id else { continue }
                let text = "@\(parentAuthor.username) " + Self.replies.randomElement(using: &random)!
                await posts.append(try starling.posts.compose(.init(text: text, inReplyToID: parent.id), by: author, at: at))
            } else {
                let text = Self.openers.randomElement(using: &random)!.replacingOccurrences(of: "{tag}", with: tag)
                let visibility: Visibility = Int.random(in: 0..<12, using: &random) == 0 ? .followers : .organization
                await posts.append(try starling.posts.compose(.init(text: text, visibility: visibility), by: author, at: at))
            }
        }
        try await seedOnboardingExtras(people, at: now - 2 * 86400)
        try await seedReinforcement(people, now: now, random: &random)
        try await seedChat(people, now: now)
        try await seedExpertSession(people, now: now)
        // Appreciation: likes, reposts and bookmarks on organization-wide posts (the lab's stay in the lab).
        for post in posts where post.visibility == .organization && post.programID != lab.id {
            for fan in people.shuffled(using: &random).prefix(Int.random(in: 0...6, using: &random)) where fan.id != post.authorID {
                try await starling.posts.like(post.id, by: fan)
            }
            if Int.random(in: 0..<6, using: &random) == 0, let reposter = people.randomElement(using: &random), reposter.id != post.authorID {
                try await starling.posts.repost(post.id, by: reposter)
            }
        }
        try await seedActivity(people, programs: try await starling.store.programs(viewer: nil, includingPrivate: true), now: now, random: &random)
    }

    /// In the onboarding cohort: its introductions thread with a few introductions, an anonymous question
    /// answered by a guest expert (who sees only the cohort), and a how-to guide with a picture per step.
    private func seedOnboardingExtras(_ people: [Account], at date: Date) async throws {
        guard let onboarding = try await starling.store.programs(tagKeys: ["onboarding"]).first else { return }
        let introductions = try await starling.programs.startIntroductions(onboarding.id, by: people[0], at: date - 3600)
        for (offset, (person, text)) in [(people[3], "Hi! Dev, backend engineer, now learning to lead a team of four."),
                                          (people[4], "Elena from sales enablement. My challenge: onboarding new sellers in two weeks, not two months."),
                                          (people[7], "Hugo, support lead. Happy to help anyone with tricky customer questions.")].enumerated() {
            _ = try await starling.posts.compose(.init(text: text, inReplyToID: introductions), by: person, at: date - 3000 + Double(offset) * 600)
        }
        let question = try await starling.programs.ask(onboarding.id, text: "Is it normal to feel overwhelmed by all the tools in week two?",
                                                 anonymous: true, by: people[5], at: date)
        let invitation = try await starling.programs.inviteGuest(onboarding.id, by: people[0], at: date)
        let expert = try await starling.accounts.signUp(invitationCode: invitation.code, .init(
            username: "dr_moreau", email: "moreau@guest.starling.local", password: Self.password, displayName: "Dr. Camille Moreau (guest expert)"), at: date)
        _ = try await starling.programs.join(onboarding.id, by: expert, agreementVersion: onboarding.agreementVersion, at: date)
        _ = try await starling.posts.compose(.init(text: "Completely normal. Pick the three tools your team uses daily and ignore the rest for a month.",
                                             inReplyToID: question.id), by: expert, at: date + 600)
        let steps = [("Open the calendar and choose Book a room.", "The calendar's Book a room button"),
                     ("Pick a time; free rooms show in green.", "A week view with free rooms in green"),
                     ("Add the room to your invitation and send it.", "The invitation with the room added")]
        let colors: [(UInt8, UInt8, UInt8)] = [(46, 144, 250), (18, 183, 106), (247, 144, 9)]
        let media = try await steps.enumerated().asyncMap { index, step in
            try await starling.media.upload(DemoPictures.card(color: colors[index], marks: index + 1), description: step.1, focus: nil, by: people[0], at: date)
        }
        _ = try await starling.guides.create(title: "How to book a meeting room", steps: zip(media, steps).map { .init(mediaID: $0.id, caption: $1.0) },
                                       programID: onboarding.id, by: people[0], at: date + 1200)
    }

    /// A weekly #lrnchat run by the admin: last week's occurrence happened (welcome, three questions,
    /// answers, a transcript), and the next one starts in two hours.
    private func seedChat(_ people: [Account], now: Date) async throws {
        let start = Date(timeIntervalSince1970: ((now - 7 * 86400 + 2 * 3600).timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let events = starling.liveEvents
        let event = try await events.create(.init(kind: .tweetchat, title: "#lrnchat: learning in the flow of work", hashtag: "lrnchat",
                                            startsAt: start, timeZone: "Europe/Berlin", duration: 3600, recurrence: .weekly),
                                      by: people[0], now: start - 86400)
        _ = try await events.setScript(event.id, ChatScript(welcome: "Welcome to #lrnchat! Say hello: who are you and where are you joining from?",
                                                      questions: [.init(text: "Where do you learn most at work?", offset: 300),
                                                                  .init(text: "What gets in the way?", offset: 1200),
                                                                  .init(text: "What will you try this week?", offset: 2100)]),
                                 by: people[0], now: start - 86400)
        let answers: [(TimeInterval, Int, String)] = [
            (120, 4, "Hi all, joining from Lisbon #lrnchat"), (180, 7, "Hello from Nairobi! #lrnchat"),
            (360, 4, "A1: pairing with a colleague on a real ticket #lrnchat"), (420, 9, "A1 - in retros, when we are honest #lrnchat"),
            (1260, 7, "A2: no time set aside, everything feels urgent #lrnchat"), (1320, 12, "A2 meetings that could be a written update #lrnchat"),
            (2160, 9, "A3: 20 minutes on Friday for reading, see https://example.org/learning-time #lrnchat"),
            (2220, 4, "A3 asking one more question in every 1:1 #lrnchat"),
        ]
        var at = start
        for (offset, person, text) in answers {
            at = start + offset
            try await starling.jobRunner.runDue(now: at)
            _ = try await starling.posts.compose(.init(text: text), by: people[person], at: at)
        }
        try await starling.jobRunner.runDue(now: start + 3600)
    }

    /// A monthly ask-the-expert session of the onboarding cohort with its guest expert: three days ago
    /// members asked and upvoted, Dr. Moreau answered the two most wanted; one question is left for
    /// the facilitators to hand on.
    private func seedExpertSession(_ people: [Account], now: Date) async throws {
        guard let onboarding = try await starling.store.programs(tagKeys: ["onboarding"]).first,
              let expert = try await starling.store.account(username: "dr_moreau") else { return }
        let start = Date(timeIntervalSince1970: ((now - 3 * 86400).timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let events = starling.liveEvents
        let event = try await events.create(.init(kind: .askTheExpert, title: "Ask Dr. Moreau: learning a new job", programID: onboarding.id,
                                            startsAt: start, timeZone: "Europe/Paris", duration: 3600, recurrence: .monthly),
                                      by: people[0], now: start - 86400)
        try await events.addExpert(event.id, expert, by: people[0])
        guard let occurrence = try await events.occurrences(of: event.id).first else { return }
        let asked = try await [(3, "How do I know what to learn first when everything is new?"),
                         (6, "Is it better to ask many small questions or save them up?"),
                         (10, "How long until it stops feeling like drinking from a fire hose?")].asyncMap { person, text in
            try await events.ask(occurrence.id, text, by: people[person], now: start - 3600)
        }
        for (question, voters) in zip(asked, [[1, 2, 4, 5], [1, 7, 8], [2]]) {
            for voter in voters { try await events.vote(question.id, by: people[voter]) }
        }
        try await starling.jobRunner.runDue(now: start)
        _ = try await events.answer(asked[0].id, "Learn what your team touches every day first; the rest can wait a month.", by: expert, now: start + 600)
        _ = try await events.answer(asked[1].id, "Ask them as they come, in the open: your question is usually someone else's too.", by: expert, now: start + 1500)
        try await starling.jobRunner.runDue(now: start + 3600)
    }

    /// The programs, with their members having accepted the agreement; returns the private one.
    private func seedPrograms(_ people: [Account], at date: Date) async throws -> Program {
        let programs = starling.programs
        let onboarding = try await programs.create(.init(
            title: "Onboarding cohort", hashtag: "onboarding",
            description: "Your first weeks here, together: ask anything, answer what you can, and share what you learn.",
            agreement: "Assume good intent. There are no silly questions. What is shared here stays inside the organization.",
            visibility: "open", anonymousQuestions: true), by: people[0], at: date)
        for person in people[1...12] {
            _ = try await programs.join(onboarding.id, by: person, agreementVersion: onboarding.agreementVersion, at: date)
        }
        let lab = try await programs.create(.init(
            title: "Leadership lab", hashtag: "leadership-lab",
            description: "A private cohort of new team leads working through real challenges.",
            agreement: "What is said in the lab stays in the lab. Bring a real challenge; give feedback you would want to receive.",
            visibility: "private"), by: people[0], at: date)
        for (index, person) in people[1...8].enumerated() {
            _ = try await programs.setMember(lab.id, account: person, role: index == 0 ? .facilitator : .learner, by: people[0], at: date)
            _ = try await programs.join(lab.id, by: person, agreementVersion: lab.agreementVersion, at: date)
        }
        return lab
    }

    static let tags = ["onboarding", "leadership-lab", "lrnchat", "feedback", "coaching", "datalit", "TIL", "remote-work"]

    static let openers = [
        "Week one of #{tag}: what is the one thing you wish someone had told you on day one?",
        "Q: how do you make time for deliberate practice when the sprint is full? #{tag}",
        "Sharing my notes from today's #{tag} session: ask open questions, then wait five seconds longer than feels comfortable.",
        "TIL that spacing review sessions beats cramming by a wide margin. Trying a 1-3-7 day schedule. #{tag}",
        "Looking for a buddy to practise difficult conversations with. Anyone from #{tag}?",
        "A small win: I gave feedback using situation–behaviour–impact and it landed well. #{tag}",
        "Reading list for #{tag}: Make It Stick, Thinking in Systems, and The Coaching Habit. What would you add?",
        "Reflection prompt for #{tag}: what did you try this week that did not work, and what did it teach you?",
        "Our team tried silent brainstorming before the meeting. Twice the ideas, half the time. #{tag}",
        "Q: what is a good way to onboard someone fully remote in their first 30 days? #{tag}",
        "Challenge I'm working on: turning long status meetings into short written updates. Tips welcome! #{tag}",
        "Great thread in #{tag} today about learning in the flow of work. Bookmarking for later.",
        "Reminder: tonight's #{tag} chat starts at 19:00. Bring one question you are stuck on.",
        "Three things I learned shadowing the support team: listen first, write it down, follow up. #{tag}",
    ]

    static let replies = [
        "Thanks, this is really helpful. Trying it tomorrow.",
        "We did something similar: a shared doc with a checklist and a named buddy for the first two weeks.",
        "Great question! I block 30 minutes on Friday mornings and protect them like a meeting.",
        "+1. Would love to hear how it goes after a week.",
        "I found pairing on a real task beats any slide deck.",
        "Could you share the template? It sounds useful for our cohort.",
        "Same here. Writing it down first made the conversation much calmer.",
        "This is the kind of tip that should go in the knowledge base.",
    ]

    static let people: [(name: String, bio: String)] = [
        ("Ada Okafor", "Head of learning. Building a culture where questions are welcome."),
        ("Ben Carter", "Facilitator for the leadership lab. Coffee, coaching, cycling."),
        ("Chloé Martin", "Community moderator and onboarding buddy."),
        ("Dev Patel", "Backend engineer learning to lead a team."),
        ("Elena Rossi", "Sales enablement. I collect good questions."),
        ("Farid Haddad", "Data analyst. #datalit enthusiast."),
        ("Grace Kim", "New here! Product designer in my first month."),
        ("Hugo Schmidt", "Support lead. Ask me about difficult customers."),
        ("Ines Duarte", "People partner. Feedback nerd."),
        ("Jonas Berg", "Engineering manager, remote since 2019."),
        ("Kemi Adeyemi", "Instructional designer. Spaced practice fan."),
        ("Liam O'Brien", "Finance, learning Python on the side."),
        ("Maya Cohen", "UX researcher. Curious about everything."),
        ("Nils Larsen", "Operations. Writes things down."),
        ("Olivia Brown", "Customer success, #onboarding cohort 2026."),
        ("Pedro Alves", "Mobile developer and weekend teacher."),
        ("Quinn Taylor", "Program coordinator for internal tweetchats."),
        ("Rosa Jiménez", "Marketing. Learning out loud."),
        ("Sami Virtanen", "Security engineer. Threat models and tea."),
        ("Tara Singh", "Team lead in support. Coaching circle member."),
        ("Umar Farouk", "Data engineer. Pipelines and patience."),
        ("Vera Novak", "HR business partner."),
        ("Wei Zhang", "Platform engineer. Likes good docs."),
        ("Ximena Torres", "Graduate trainee, rotation 2."),
        ("Yusuf Demir", "Field technician sharing how-tos from the road."),
        ("Zoe Williams", "Learning experience designer."),
        ("Aiko Tanaka", "QA engineer. Asks why five times."),
        ("Bruno Costa", "Regional manager. Mentor."),
        ("Cara Flynn", "Legal counsel. Plain-language advocate."),
        ("Diego Ramos", "Apprentice electrician, #TIL every day."),
    ]
}

/// A small deterministic random number generator (SplitMix64), so the demo is the same every time.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
