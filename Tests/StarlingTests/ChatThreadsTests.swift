import Foundation
import Testing
@testable import StarlingCore

/// How a tweetchat's posts are grouped under its questions.
@Suite("Events: answers linked to questions")
struct ChatThreadsTests {
    private static func post(_ id: Int64, _ text: String, replyTo: Int64? = nil) -> Post {
        Post(id: ID(id), authorID: ID(1), visibility: .organization, source: text, html: "", inReplyToID: replyTo.map(ID.init),
             createdAt: Date(timeIntervalSince1970: Double(id)))
    }

    @Test("markers, replies to a question and replies to an answer link to the question; the rest is general")
    func grouping() {
        let released = [ReleasedQuestion(number: 1, postID: ID(10), releasedAt: Date()), ReleasedQuestion(number: 2, postID: ID(20), releasedAt: Date())]
        let posts = [
            Self.post(5, "Hi all, Ada from Lisbon #lrnchat"),                    // general: an introduction
            Self.post(10, "Q1: What did you learn? #lrnchat"),                   // the question itself
            Self.post(11, "A1: spaced practice #lrnchat"),                        // marker
            Self.post(12, "@ada A1 - pairing #lrnchat"),                          // marker after a mention
            Self.post(13, "Totally agree", replyTo: 11),                          // reply to an answer of Q1
            Self.post(14, "Replying straight to the question", replyTo: 10),     // reply to Q1
            Self.post(20, "Q2: How do you practise? #lrnchat"),
            Self.post(21, "a2 flashcards #lrnchat"),
            Self.post(22, "A7: there is no Q7 #lrnchat"),                         // unreleased question: general
            Self.post(23, "A1 late answer to the first #lrnchat"),                // a marker wins over timing
            Self.post(24, "and a reply to that", replyTo: 23),
            Self.post(25, "Thanks everyone! #lrnchat"),
        ]
        let threads = ChatThreads(posts, released: released)
        #expect(threads.answers[1] == [11, 12, 13, 14, 23, 24].map(ID.init))
        #expect(threads.answers[2] == [ID(21)])
        #expect(threads.general == [5, 22, 25].map(ID.init))
    }
}
