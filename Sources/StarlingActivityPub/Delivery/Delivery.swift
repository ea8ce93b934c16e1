import Foundation
import StarlingCore

/// One activity on its way to one inbox, as a `JobKind.deliverActivity` job carries it: who signs it
/// (a member, or the server's own actor when nil) and the activity itself.
struct Delivery: Sendable, Hashable {
    var inbox: String
    var signerID: ID?
    var activity: JSONValue

    init(inbox: String, signerID: ID?, activity: JSONValue) {
        self.inbox = inbox
        self.signerID = signerID
        self.activity = activity
    }

    init?(payload: String) {
        guard let document = JSONValue(parsing: Array(payload.utf8)), let inbox = document["inbox"]?.string,
              let activity = document["activity"], activity.object != nil else { return nil }
        self.init(inbox: inbox, signerID: document["signer"]?.string.flatMap { ID($0) }, activity: activity)
    }

    var payload: String {
        let document: JSONValue = ["inbox": .string(inbox), "signer": signerID.map { .string($0.description) } ?? .null, "activity": activity]
        return String(decoding: document.encoded, as: UTF8.self)
    }

    /// Answers after which trying again cannot help: the server refused it for good (a 4xx other than
    /// 429 Too Many Requests, such as 410 Gone), or the address can never be delivered to.
    static func isFinal(_ error: any Error) -> Bool {
        switch error as? FederationError {
        case .status(let code, _): (400..<500).contains(code) && code != 429
        case .badURL, .insecureScheme, .privateAddress, .domainNotAllowed: true
        default: false
        }
    }
}

extension ActivityPub {
    /// Plans an activity's delivery to each inbox, one durable job each (run side by side, retried for
    /// about two days), signed by `account` or, when nil, by the server's own actor.
    func deliver(_ activity: JSONValue, to inboxes: some Sequence<String>, signedBy account: Account?) async throws {
        let now = starling.clock.now()
        let activityID = activity["id"]?.string ?? UUID().uuidString
        for inbox in inboxes {
            let delivery = Delivery(inbox: inbox, signerID: account?.id, activity: activity)
            try await starling.jobs.enqueue(JobKind.deliverActivity, key: "deliver:\(activityID) \(inbox)", payload: delivery.payload, at: now, now: now)
        }
    }

    /// Runs one delivery (`JobKind.deliverActivity`). One to a domain no longer admitted, or paused, is
    /// dropped; a final refusal ends it; any other failure is recorded against the domain and thrown, so
    /// the job is tried again later.
    func run(_ job: Job, now: Date) async throws {
        guard let delivery = Delivery(payload: job.payload), let domain = try? RemoteDomain(parsing: delivery.inbox).description else {
            logger.error("A delivery job could not be read", metadata: ["key": "\(job.key)"])
            return
        }
        let policy = try await starling.federation.policy()
        guard policy.admits(domainOf: delivery.inbox) else { return }
        let trouble = try await starling.federation.deliveryTrouble(at: domain)
        guard trouble?.pausedAt == nil else { return }
        let signer: RequestSigner
        if let signerID = delivery.signerID {
            guard let account = try await starling.store.account(id: signerID) else { return }
            if account.deletedAt == nil {
                signer = try await self.signer(of: account)
            } else {
                // A deleted member signs nothing but their actor's own Delete, and only while their key is kept.
                let actor = addresses.actor(account.username)
                guard delivery.activity == Self.actorDeletion(of: actor),
                      let kept = try await keyring.keptSigner(of: account.id, keyID: addresses.key(ofActor: actor)) else { return }
                signer = kept
            }
        } else {
            signer = try await instanceSigner()
        }
        do {
            try await client.deliver(delivery.activity, to: delivery.inbox, signedBy: signer, policy: policy, now: now)
        } catch where Delivery.isFinal(error) {
            logger.notice("A delivery was refused for good", metadata: ["inbox": "\(delivery.inbox)", "error": "\(error)"])
            return
        } catch {
            try await starling.federation.deliveryFailed(to: domain, error: "\(error)")
            throw error
        }
        if trouble != nil { try await starling.federation.deliveryArrived(at: domain) }
    }
}
