import Foundation

/// What a learner says they will do after training, and by when, kept in front of their peers.
public struct Commitment: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, CaseIterable {
        case open, done, dropped
    }

    public var id: ID
    public var programID: ID
    public var authorID: ID
    public var text: String
    /// The local calendar day it is due by (the end of that day in the author's zone).
    public var dueAt: Date
    /// Seen only by its author, their partners and the program's facilitators (no post is made).
    public var isPrivate: Bool
    public var state: State
    /// Its post in the program's commitments thread (public commitments only).
    public var postID: ID?
    /// Days between check-in reminders.
    public var reminderEveryDays: Int
    public var createdAt: Date
    public var updatedAt: Date

    public static let maxLength = 500
    public static let reminderRange = 1...60

    public init(id: ID, programID: ID, authorID: ID, text: String, dueAt: Date, isPrivate: Bool, state: State = .open, postID: ID? = nil,
                reminderEveryDays: Int = 7, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.programID = programID
        self.authorID = authorID
        self.text = text
        self.dueAt = dueAt
        self.isPrivate = isPrivate
        self.state = state
        self.postID = postID
        self.reminderEveryDays = reminderEveryDays
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    public func isOverdue(at now: Date) -> Bool { state == .open && dueAt < now }
}

/// A step in a commitment's history: a progress note, and the state it moved to, if it changed.
public struct CheckIn: Sendable, Hashable, Identifiable {
    public var id: ID
    public var commitmentID: ID
    public var authorID: ID
    public var text: String
    public var newState: Commitment.State?
    /// Its reply post (public commitments only).
    public var postID: ID?
    public var createdAt: Date

    public init(id: ID, commitmentID: ID, authorID: ID, text: String, newState: Commitment.State? = nil, postID: ID? = nil, createdAt: Date) {
        self.id = id
        self.commitmentID = commitmentID
        self.authorID = authorID
        self.text = text
        self.newState = newState
        self.postID = postID
        self.createdAt = createdAt
    }
}
