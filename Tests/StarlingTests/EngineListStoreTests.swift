import Foundation
import Testing
@testable import StarlingCore

/// Lists of people in the store, on both engines.
@Suite("List store on both engines")
struct EngineListStoreTests {
    @Test("lists are kept with their policy, found by owner (and by member), ordered by title without regard to case", arguments: Engine.allCases)
    func lists(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let ada = try await store.insertAccount(EngineStoreTests.newAccount("ada", ids: ids))
        let ben = try await store.insertAccount(EngineStoreTests.newAccount("ben", ids: ids))
        let work = AccountList(id: ids.next(), ownerID: ada.id, title: "work", repliesPolicy: .followed, exclusive: true)
        let book = AccountList(id: ids.next(), ownerID: ada.id, title: "Book club")
        try await store.saveList(work)
        try await store.saveList(book)
        #expect(try await store.lists(ownerID: ada.id, member: nil).map(\.title) == ["Book club", "work"])
        let found = try #require(try await store.list(id: work.id))
        #expect(found.repliesPolicy == .followed && found.exclusive && found.ownerID == ada.id)

        var renamed = work
        renamed.title = "Colleagues"
        renamed.exclusive = false
        try await store.saveList(renamed)
        #expect(try await store.list(id: work.id)?.title == "Colleagues")
        #expect(try await store.list(id: work.id)?.exclusive == false)

        try await store.setListMember(listID: book.id, accountID: ben.id, on: true)
        try await store.setListMember(listID: book.id, accountID: ben.id, on: true) // twice is once
        #expect(try await store.lists(ownerID: ada.id, member: ben.id).map(\.id) == [book.id])
        #expect(try await store.listMembers(listID: book.id, page: PageRequest()).map(\.username) == ["ben"])
        try await store.setListMember(listID: book.id, accountID: ben.id, on: false)
        #expect(try await store.listMembers(listID: book.id, page: PageRequest()).isEmpty)

        try await store.deleteList(id: book.id)
        #expect(try await store.list(id: book.id) == nil)
        #expect(try await store.lists(ownerID: ben.id, member: nil).isEmpty)
    }
}
