import Foundation

/// A tweetchat occurrence written up once it ends: the questions in order, each with its answers in
/// time order (see `ChatThreads`), then the general posts; who took part (new, or back from earlier
/// occurrences), the links shared, and the counts. Markdown, for the knowledge base and downloads.
public struct Transcript: Sendable {
    public struct Counts: Sendable, Equatable {
        public var posts = 0, participants = 0, newParticipants = 0, returningParticipants = 0
        public var questions = 0, answers = 0, general = 0, links = 0
        /// People from other servers who took part (an event open to the outside); not among `participants`.
        public var fromOutside = 0
    }

    public var title: String
    public var markdown: String
    public var counts = Counts()
    /// Every member who posted (not counting the host's script posts, nor people from other servers).
    public var participants: Set<ID> = []

    /// `posts` are the occurrence's posts, oldest first; `scriptPosts` the host's welcome and questions.
    public init(event: Event, occurrence: EventOccurrence, script: ChatScript, released: [ReleasedQuestion], posts: [PostView],
                scriptPosts: Set<ID>, earlierParticipants: Set<ID>) {
        let byID = Dictionary(posts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let chat = posts.filter { !scriptPosts.contains($0.id) }
        let threads = ChatThreads(chat.map(\.post), released: released)
        var long = Date.FormatStyle(date: .long, time: .shortened), short = Date.FormatStyle(date: .abbreviated, time: .omitted)
        long.timeZone = TimeZone(identifier: event.timeZone) ?? .gmt
        short.timeZone = long.timeZone
        let when = occurrence.startsAt.formatted(long) + " (\(event.timeZone))"
        title = "Transcript: \(event.title), \(occurrence.startsAt.formatted(short))"
        participants = Set(chat.filter { !$0.author.isAnonymousLearner && !$0.author.isRemote }.map(\.author.id))
        let outside = Set(chat.filter(\.author.isRemote).map(\.author.id))
        let links = chat.flatMap { view in PostText(view.post.source).tokens.compactMap { token -> String? in
            if case .link(let url) = token { return url } else { return nil }
        } }
        var seenLinks = Set<String>()
        let uniqueLinks = links.filter { seenLinks.insert($0).inserted }
        counts = Counts(posts: chat.count, participants: participants.count,
                        newParticipants: participants.subtracting(earlierParticipants).count,
                        returningParticipants: participants.intersection(earlierParticipants).count,
                        questions: released.count, answers: threads.answers.values.reduce(0) { $0 + $1.count },
                        general: threads.general.count, links: uniqueLinks.count, fromOutside: outside.count)

        func line(_ id: ID) -> String? {
            guard let view = byID[id] else { return nil }
            let who = view.author.isAnonymousLearner ? "a learner" : Self.name(view.author)
            let text = view.post.source.replacingOccurrences(of: "\n", with: " ")
            return "- **\(who)**: \(text) ([post](/posts/\(view.id)))"
        }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var lines = ["Tweetchat on #\(event.hashtag), \(when).", "",
                     "\(count(counts.posts, "post")) by \(count(counts.participants, "participant")) (\(counts.newParticipants) new, "
                        + "\(counts.returningParticipants) returning)"
                        + (counts.fromOutside > 0 ? " and \(counts.fromOutside) from outside" : "")
                        + "; \(count(counts.questions, "question")), \(count(counts.answers, "answer")), "
                        + "\(count(counts.general, "general post")), \(count(counts.links, "link")) shared.", ""]
        for question in released {
            let text = script.questions.indices.contains(question.number - 1) ? script.questions[question.number - 1].text : ""
            lines += ["## Q\(question.number): \(text)", ""]
            let answers = (threads.answers[question.number] ?? []).compactMap(line)
            lines += (answers.isEmpty ? ["No answers."] : answers) + [""]
        }
        if !threads.general.isEmpty { lines += ["## General", ""] + threads.general.compactMap(line) + [""] }
        let people = chat.reduce(into: [Account]()) { list, view in
            guard !view.author.isAnonymousLearner, !list.contains(where: { $0.id == view.author.id }) else { return }
            list.append(view.author)
        }
        if !people.isEmpty {
            lines += ["## Participants", ""] + people.map { person in
                "- " + Self.name(person) + (person.isRemote ? "" : earlierParticipants.contains(person.id) ? " (returning)" : " (new)")
            } + [""]
        }
        if !uniqueLinks.isEmpty { lines += ["## Links shared", ""] + uniqueLinks.map { "- [\($0)](\($0))" } + [""] }
        markdown = lines.joined(separator: "\n")
    }

    /// How a person is named in a transcript: `@ada`, or `@sam@social.example (from outside)`.
    private static func name(_ account: Account) -> String {
        "@" + account.handle + (account.isRemote ? " (from outside)" : "")
    }
}
