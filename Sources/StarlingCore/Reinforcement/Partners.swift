import Foundation

/// One round of accountability partners in a program: learners put in pairs (or a trio) who see
/// each other's commitments and check back near the round's end.
public struct PartnerRound: Sendable, Hashable, Identifiable {
    public var id: ID
    public var programID: ID
    /// The groups of two or three account ids.
    public var groups: [[ID]]
    public var startedAt: Date
    /// When the round ends (and the next one starts, when recurring).
    public var endsAt: Date
    /// Weeks between rounds when pairing recurs (nil: this round only).
    public var recurEveryWeeks: Int?
    /// The direct post opening each group's private thread, by group position.
    public var threadPostIDs: [Int: ID]
    /// The check-back poll sent to each group, by group position.
    public var checkBackPostIDs: [Int: ID]
    public var createdBy: ID

    public static let weeksRange = 1...12

    public init(id: ID, programID: ID, groups: [[ID]], startedAt: Date, endsAt: Date, recurEveryWeeks: Int?, threadPostIDs: [Int: ID] = [:],
                checkBackPostIDs: [Int: ID] = [:], createdBy: ID) {
        self.id = id
        self.programID = programID
        self.groups = groups
        self.startedAt = startedAt
        self.endsAt = endsAt
        self.recurEveryWeeks = recurEveryWeeks
        self.threadPostIDs = threadPostIDs
        self.checkBackPostIDs = checkBackPostIDs
        self.createdBy = createdBy
    }

    /// The others in `accountID`'s group.
    public func partners(of accountID: ID) -> [ID] {
        groups.first { $0.contains(accountID) }?.filter { $0 != accountID } ?? []
    }
}

/// Puts people in random pairs, with one trio when the count is odd, avoiding pairs that met in
/// earlier rounds when it can (as Donut does in Slack).
public struct Pairing: Sendable {
    /// Pairs already made in earlier rounds, as unordered pairs.
    public var earlier: Set<Set<ID>>

    public init(earlier: [[ID]]) {
        var pairs = Set<Set<ID>>()
        for group in earlier {
            for a in group { for b in group where a < b { pairs.insert([a, b]) } }
        }
        self.earlier = pairs
    }

    /// Groups of two (one of three for an odd count) covering everyone once. Each try shuffles the
    /// people and pairs each with the first one left they have not met; the try repeating the fewest
    /// earlier pairs wins. Fewer than two people make no groups.
    public func groups(of people: [ID], using generator: inout some RandomNumberGenerator) -> [[ID]] {
        let people = Array(Set(people)).sorted()
        guard people.count >= 2 else { return [] }
        var best: [[ID]] = [], bestRepeats = Int.max
        for _ in 0..<50 {
            let candidate = greedy(people.shuffled(using: &generator))
            let repeats = candidate.reduce(0) { $0 + repeatsIn($1) }
            if repeats < bestRepeats { best = candidate; bestRepeats = repeats }
            if repeats == 0 { break }
        }
        return best
    }

    /// Pairs people in order, each with the first one left they have not met (or the first one left);
    /// an odd one out joins the pair where they meet the fewest people again.
    private func greedy(_ order: [ID]) -> [[ID]] {
        var left = order, groups: [[ID]] = []
        while left.count >= 2 {
            let person = left.removeFirst()
            let index = left.firstIndex { !earlier.contains([person, $0]) } ?? 0
            groups.append([person, left.remove(at: index)])
        }
        if let odd = left.first {
            let target = groups.indices.min { repeatsIn(groups[$0] + [odd]) < repeatsIn(groups[$1] + [odd]) } ?? 0
            groups[target].append(odd)
        }
        return groups
    }

    /// How many pairs within a group met before.
    func repeatsIn(_ group: [ID]) -> Int {
        var count = 0
        for a in group { for b in group where a < b && earlier.contains([a, b]) { count += 1 } }
        return count
    }
}
