import Foundation
import Logging
import StarlingCore

/// This server's ActivityPub side, assembled once per process over the domain: where its actors are,
/// their keys, the client for other servers, other servers' keys, and the check of signed requests.
public final class ActivityPub: Sendable {
    public let starling: Starling
    public let addresses: LocalAddresses
    public let keyring: ActorKeyring
    public let client: FederationClient
    public let remoteKeys: RemoteKeys
    let logger: Logger
    let verifier = SignatureVerifier()

    /// `allowsPrivateAddresses` lets requests go to loopback and private addresses and over plain http
    /// (`--federation-allow-private-addresses`, for tests and labs).
    public init(starling: Starling, allowsPrivateAddresses: Bool, logger: Logger = Logger(label: "starling.federation")) {
        self.starling = starling
        self.logger = logger
        let addresses = LocalAddresses(base: starling.settings.baseURL, host: starling.settings.host)
        self.addresses = addresses
        let keyring = ActorKeyring(store: starling.store, clock: starling.clock)
        self.keyring = keyring
        client = FederationClient(addressGuard: AddressGuard(allowsPrivateAddresses: allowsPrivateAddresses),
                                  userAgent: "Starling/\(InstanceSettings.starlingVersion) (+\(addresses.base)/)")
        remoteKeys = RemoteKeys(client: client, clock: starling.clock) { try await Self.instanceSigner(keyring, addresses) }
        // Weakly held: the domain outlives no server, but a test makes many servers over one process.
        starling.jobRunner.register(JobKind.federatePost) { [weak self] job, now in try await self?.federate(job, now: now) }
        starling.jobRunner.register(JobKind.federateProfile) { [weak self] job, now in try await self?.federateProfile(job, now: now) }
        starling.jobRunner.register(JobKind.federateFollow) { [weak self] job, now in try await self?.federateFollow(job, now: now) }
        starling.jobRunner.register(JobKind.federateInteraction) { [weak self] job, now in try await self?.federateInteraction(job, now: now) }
        starling.jobRunner.register(JobKind.federateRelay) { [weak self] job, now in try await self?.federateRelay(job, now: now) }
        starling.jobRunner.register(JobKind.federateAccountDeletion) { [weak self] job, now in
            try await self?.federateAccountDeletion(job, now: now)
        }
        starling.jobRunner.register(JobKind.fetchRelayedPost, sideBySide: true) { [weak self] job, _ in
            guard let self else { return }
            try await Inbox(self).fetchRelayed(job.payload, policy: try await self.starling.federation.policy())
        }
        starling.jobRunner.register(JobKind.deliverActivity, retryPolicy: .federation, sideBySide: true) { [weak self] job, now in
            try await self?.run(job, now: now)
        }
    }

    /// The signer of one of this server's members.
    public func signer(of account: Account) async throws -> RequestSigner {
        try await keyring.signer(of: account.id, keyID: addresses.key(ofActor: addresses.actor(account.username)))
    }

    /// The server's own actor's signer, for fetches that are no member's.
    public func instanceSigner() async throws -> RequestSigner { try await Self.instanceSigner(keyring, addresses) }

    private static func instanceSigner(_ keyring: ActorKeyring, _ addresses: LocalAddresses) async throws -> RequestSigner {
        try await keyring.signer(of: ActorKey.instanceActor, keyID: addresses.instanceKey)
    }

    /// A member approves (`accepting`) or declines a follow from outside waiting for them, and the follower's
    /// server hears so; the follow is returned as it was asked.
    public func answerFollowRequest(from actorID: ID, accepting: Bool, by member: Account) async throws -> RemoteFollow {
        let follow = try await accepting ? starling.federation.authorize(actorID, for: member) : starling.federation.reject(actorID, for: member)
        try await send(answerTo: follow, accepting: accepting, member: member)
        return follow
    }

    /// Plans the delivery of a member's answer to a follow (`Accept`, or `Reject`) to the follower's inbox.
    func send(answerTo follow: RemoteFollow, accepting: Bool, member: Account) async throws {
        try await deliver(FollowDocuments.answer(accepting: accepting, follow, member: member.username, at: addresses), to: [follow.actor.inbox],
                          signedBy: member)
    }

    /// The key that validly signed a request from another server: its domain must be admitted by `policy`
    /// (else `FederationError.domainNotAllowed`), and its signature valid (else `SignatureError`). A kept key
    /// that fails is fetched once more, in case its actor has changed keys since.
    public func signingKey(of request: SignableRequest, body: [UInt8]?, policy: DomainPolicy) async throws -> RemoteKey {
        let started = starling.clock.now()
        var used: RemoteKey?
        func verify(refresh: Bool) async throws {
            _ = try await verifier.verify(request, body: body, now: starling.clock.now()) { keyID in
                guard policy.admits(domainOf: keyID) else {
                    throw FederationError.domainNotAllowed((try? RemoteDomain(parsing: keyID))?.description ?? keyID)
                }
                used = try await remoteKeys.key(keyID, policy: policy, refresh: refresh)
                return used?.publicKeyPEM
            }
        }
        do {
            try await verify(refresh: false)
        } catch SignatureError.badSignature where used.map({ $0.fetchedAt < started }) == true {
            try await verify(refresh: true)
        }
        guard let used else { throw SignatureError.unknownKey }
        return used
    }
}
