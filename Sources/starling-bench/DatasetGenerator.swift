import Foundation
import HummingbirdBcrypt
import StarlingCore
import StarlingSQL
import StarlingSQLite

/// Generates the benchmark dataset: members, follows, followed hashtags and posts over a span of days,
/// with hashtags drawn from a Zipf distribution and a share of replies. Deterministic for a seed.
struct DatasetGenerator {
    var members = 10_000
    var posts = 1_000_000
    var days = 90
    var tags = 5_000
    var followsPerMember = 200
    var tagFollowsPerMember = 5
    var replyShare = 0.2
    static let password = "bench-password"

    static func username(_ index: Int) -> String { String(format: "member%05d", index) }
    static func tagName(_ rank: Int) -> String { String(format: "topic%04d", rank) }

    /// Words people write, with a few frequent ones, so searches have both common and rare terms.
    static let vocabulary: [String] = {
        let common = ["learning", "team", "feedback", "practice", "question", "answer", "meeting", "onboarding", "coaching",
                      "project", "customer", "design", "data", "review", "goal", "habit", "session", "mentor", "skill", "idea"]
        let syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "sun", "gar", "ney", "lux", "tor", "bri", "fen", "quo"]
        var words = common
        for a in syllables { for b in syllables { for c in ["", "ing", "er", "s"] { words.append(a + b + c) } } }
        return words
    }()

    func generate(into store: SQLiteStore, ids: IDGenerator, progress: (String) -> Void) async throws {
        var random = SeededGenerator(seed: 42)
        let tagSampler = ZipfSampler(count: tags, exponent: 1.0)
        let wordSampler = ZipfSampler(count: Self.vocabulary.count, exponent: 0.9)
        let hash = Bcrypt.hash(Self.password, cost: 10)
        let start = Date() - Double(days) * 86400

        var memberIDs: [ID] = []
        var batch = ImportBatch()
        for index in 0..<members {
            let id = ids.next(at: start - 86400 + Double(index) * 0.002) // one millisecond each: backdated ids never collide
            memberIDs.append(id)
            batch.accounts.append(NewAccount(id: id, username: Self.username(index), email: "\(Self.username(index))@bench.local",
                                             displayName: "Member \(index)", role: index == 0 ? .admin : .member,
                                             passwordHash: hash, createdAt: start - 86400))
        }
        try await store.importBatch(batch)
        batch = .init()
        for (index, follower) in memberIDs.enumerated() {
            var followees = Set<Int>()
            while followees.count < min(followsPerMember, members - 1) {
                let other = Int.random(in: 0..<members, using: &random)
                if other != index { followees.insert(other) }
            }
            batch.follows += followees.map { (follower, memberIDs[$0]) }
            var followedTags = Set<Int>()
            while followedTags.count < min(tagFollowsPerMember, tags) { followedTags.insert(tagSampler.next(using: &random)) }
            batch.tagFollows += followedTags.map { (follower, Self.tagName($0)) }
            if batch.follows.count >= 100_000 {
                try await store.importBatch(batch)
                batch = .init()
            }
        }
        try await store.importBatch(batch)
        progress("members and follows done")

        var recent: [(id: ID, author: ID)] = []
        batch = .init()
        let span = Double(days) * 86400
        for index in 0..<posts {
            let at = start + span * Double(index) / Double(posts)
            let authorIndex = Int.random(in: 0..<members, using: &random)
            var words = (0..<Int.random(in: 8...30, using: &random)).map { _ in Self.vocabulary[wordSampler.next(using: &random)] }
            var tagsHere: [String] = []
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let tag = Self.tagName(tagSampler.next(using: &random))
                tagsHere.append(tag)
                words.append("#" + tag)
            }
            var mentioned: [ID] = []
            if Int.random(in: 0..<10, using: &random) == 0 {
                let other = Int.random(in: 0..<members, using: &random)
                words.insert("@" + Self.username(other), at: 0)
                mentioned.append(memberIDs[other])
            }
            var parent: (id: ID, author: ID)?
            if !recent.isEmpty, Double.random(in: 0..<1, using: &random) < replyShare {
                parent = recent.randomElement(using: &random)
            }
            let roll = Int.random(in: 0..<100, using: &random)
            let visibility: Visibility = roll < 90 ? .organization : (roll < 97 ? .followers : .direct)
            let text = words.joined(separator: " ")
            let id = ids.next(at: at)
            let post = Post(id: id, authorID: memberIDs[authorIndex], visibility: visibility, source: text,
                            html: PostText(text).html { $0 }, inReplyToID: parent?.id, inReplyToAccountID: parent?.author,
                            createdAt: at)
            batch.posts.append(NewPost(post: post, hashtags: tagsHere, mentionedIDs: mentioned, idempotencyKey: nil))
            recent.append((id, memberIDs[authorIndex]))
            if recent.count > 5_000 { recent.removeFirst(1_000) }
            if batch.posts.count == 20_000 {
                try await store.importBatch(batch)
                batch = .init()
                if (index + 1) % 100_000 == 0 { progress("\(index + 1) posts") }
            }
        }
        try await store.importBatch(batch)
        progress("recomputing counters")
        try await store.recomputeCounters()
    }
}

/// Samples ranks 0..<count with probability proportional to 1 / (rank + 1)^exponent.
struct ZipfSampler {
    private let cumulative: [Double]

    init(count: Int, exponent: Double) {
        var total = 0.0
        cumulative = (0..<count).map { rank in
            total += 1 / pow(Double(rank + 1), exponent)
            return total
        }
    }

    func next(using random: inout some RandomNumberGenerator) -> Int {
        let target = Double.random(in: 0..<cumulative.last!, using: &random)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
