import Foundation

/// The relays this server subscribes to, and the hashtags members asked for from outside.
public protocol RelayStore: Sendable {
    /// Every relay, oldest first.
    func relays() async throws -> [Relay]
    /// Keeps a relay, unless one with the same address is kept already; returns the one kept.
    func saveRelay(_ relay: Relay) async throws -> Relay
    /// Records a relay's answer: its actor and whether it accepted.
    func setRelayAnswer(id: ID, actor: String, state: Relay.State) async throws
    /// Forgets a relay; false when there was none.
    func removeRelay(id: ID) async throws -> Bool
    /// Marks a followed hashtag asked for from outside too (or not); false when the member does not follow it.
    func setTagFromOutside(accountID: ID, tag: String, on: Bool) async throws -> Bool
    /// The hashtags (their keys) a member asked for from outside.
    func tagsFromOutside(accountID: ID) async throws -> Set<String>
    /// The hashtags (their keys) anyone here asked for from outside: relayed posts with one of them are kept.
    func tagsWantedFromOutside() async throws -> Set<String>
}
