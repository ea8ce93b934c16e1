import Foundation
import Testing
@testable import StarlingCore

/// Posts scheduled for later in the store, on both engines.
@Suite("Scheduled post store on both engines")
struct EngineScheduledPostStoreTests {
    @Test("a scheduled post keeps its draft (poll, media, reply, language), is listed a page at a time, moved and deleted",
          arguments: Engine.allCases)
    func scheduled(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let ada = try await store.insertAccount(EngineStoreTests.newAccount("ada", ids: ids))
        let when = Date(timeIntervalSince1970: 1_900_000_000)
        let poll = PollDraft(options: ["Yes", "No"], expiresIn: 3600, multiple: true)
        let draft = PostService.Draft(text: "Retro at four #retro", contentWarning: "work", visibility: .followers, inReplyToID: ID(42),
                                      mediaIDs: [ID(7), ID(8)], poll: poll, language: "en")
        let first = ScheduledPost(id: ids.next(), accountID: ada.id, scheduledAt: when, draft: draft, appID: ID(9))
        let second = ScheduledPost(id: ids.next(), accountID: ada.id, scheduledAt: when + 60, draft: PostService.Draft(text: "Later"))
        try await store.insertScheduledPost(first)
        try await store.insertScheduledPost(second)

        let found = try #require(try await store.scheduledPost(id: first.id))
        #expect(found.scheduledAt == when && found.appID == ID(9) && found.accountID == ada.id)
        #expect(found.draft.text == "Retro at four #retro" && found.draft.contentWarning == "work" && found.draft.visibility == .followers)
        #expect(found.draft.inReplyToID == ID(42) && found.draft.mediaIDs == [ID(7), ID(8)] && found.draft.poll == poll && found.draft.language == "en")

        #expect(try await store.scheduledPosts(accountID: ada.id, page: PageRequest(limit: 1)).map(\.id) == [second.id])
        #expect(try await store.scheduledPosts(accountID: ada.id, page: PageRequest(maxID: second.id, limit: 5)).map(\.id) == [first.id])
        try await store.reschedulePost(id: first.id, at: when + 3600)
        #expect(try await store.scheduledPost(id: first.id)?.scheduledAt == when + 3600)
        try await store.deleteScheduledPost(id: first.id)
        #expect(try await store.scheduledPost(id: first.id) == nil)
    }
}
