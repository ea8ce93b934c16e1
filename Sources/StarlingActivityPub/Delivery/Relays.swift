import Foundation
import StarlingCore

extension LocalAddresses {
    /// The id of the server's follow of a relay (`{base}/relays/ID`): its `Undo` and the relay's answer name it.
    public func relayFollow(_ id: ID) -> String { base + "/relays/" + id.description }

    /// The relay whose follow an id names (see `relayFollow`).
    public func relay(ofFollow id: String) -> ID? {
        guard id.hasPrefix(base + "/relays/") else { return nil }
        return ID(id.dropFirst(base.count + "/relays/".count))
    }
}

extension ActivityPub {
    /// Subscribes to a relay, or ends the subscription (`JobKind.federateRelay`): the server's own actor's
    /// `Follow` of the public collection, or its `Undo`, delivered to the relay's address.
    func federateRelay(_ job: Job, now: Date) async throws {
        guard let change = RelayChange(payload: job.payload) else { return }
        let follow: [String: JSONValue] = ["id": .string(addresses.relayFollow(change.relayID)), "type": "Follow",
                                           "actor": .string(addresses.instanceActor), "object": .string(ActivityStreams.publicAudience)]
        var activity = follow
        if change.kind == .undo {
            activity = ["id": .string(addresses.relayFollow(change.relayID) + "/undo"), "type": "Undo", "actor": .string(addresses.instanceActor),
                        "object": .object(follow)]
        }
        activity["@context"] = .string(ActivityStreams.context)
        try await deliver(.object(activity), to: [change.address], signedBy: nil)
    }
}
