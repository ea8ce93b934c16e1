import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StarlingCore

/// What other servers ask of Starling over HTTP: discovery (WebFinger, host-meta, NodeInfo), actor
/// documents, notes, outboxes, follower collections and the inbox. With federation off none of it exists
/// (404). A member's actor document is served only for members who chose to be found from outside, in full
/// only to a request signed by a server the policy admits (authorized fetch); unsigned, it carries the key
/// alone. Notes, outboxes and collections are for signed requests only; notes and outboxes hold only posts
/// that leave (`FederationService.leavingPost`).
public struct ActivityPubRoutes: Sendable {
    let activityPub: ActivityPub
    var starling: Starling { activityPub.starling }
    var addresses: LocalAddresses { activityPub.addresses }

    public init(_ activityPub: ActivityPub) {
        self.activityPub = activityPub
    }

    public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        router.get("/.well-known/webfinger") { request, _ in try await webFinger(request) }
        router.get("/.well-known/host-meta") { _, _ in
            guard try await starling.federation.mode() != .off else { return Self.notFound }
            return Self.response(Array(WebFinger.hostMeta(base: addresses.base).utf8), contentType: "application/xrd+xml; charset=utf-8")
        }
        router.get("/.well-known/nodeinfo") { _, _ in
            guard try await starling.federation.mode() != .off else { return Self.notFound }
            return Self.document(NodeInfo.links(base: addresses.base), contentType: "application/json")
        }
        router.get("/nodeinfo/2.1") { _, _ in
            guard try await starling.federation.mode() != .off else { return Self.notFound }
            return Self.document(NodeInfo.document(name: starling.settings.name), contentType: NodeInfo.contentType)
        }
        router.get("/actor") { _, _ in
            guard try await starling.federation.mode() != .off else { return Self.notFound }
            let key = try await activityPub.keyring.key(of: ActorKey.instanceActor)
            return Self.document(ActorDocument.instance(name: starling.settings.name,
                                                        publicKeyPEM: key.publicKeyPEM, at: addresses))
        }
        router.get("/users/{username}") { request, context in
            try await actor(request, username: context.parameters.get("username") ?? "")
        }
        router.get("/users/{username}/statuses/{id}") { request, context in
            try await note(request, username: context.parameters.get("username") ?? "", id: context.parameters.get("id").flatMap(ID.init))
        }
        router.get("/users/{username}/outbox") { request, context in
            try await outbox(request, username: context.parameters.get("username") ?? "")
        }
        router.get("/users/{username}/followers") { request, context in
            try await followers(request, username: context.parameters.get("username") ?? "")
        }
        router.get("/users/{username}/following") { request, context in
            try await following(request, username: context.parameters.get("username") ?? "")
        }
        for path in ["/inbox", "/users/{username}/inbox"] {
            router.post(RouterPath(path)) { request, _ in try await inbox(request) }
        }
    }

    /// An activity delivered by another server: 202 once it is taken (whatever it leads to), 401 or 403
    /// for a refused signature or server, 400 for what is no activity, 413 beyond 1 MiB.
    private func inbox(_ request: Request) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: FederationClient.maxDocumentBytes)
        } catch is NIOTooManyBytesError {
            return Self.error(.contentTooLarge, "An activity has at most 1 MiB.")
        }
        let policy = try await starling.federation.policy()
        guard policy.mode != .off else { return Self.notFound }
        let bytes = Array(body.readableBytesView)
        let key: RemoteKey
        do {
            key = try await activityPub.signingKey(of: SignedRequest.signable(request), body: bytes, policy: policy)
        } catch FederationError.status(let code, let url) where code == 404 || code == 410 {
            // The signer's key is gone: taken only as the deletion of an actor whose document is gone too.
            if let activity = JSONValue(parsing: bytes), try await Inbox(activityPub).receiveDeletionOfGoneActor(activity, policy: policy) {
                return Response(status: .accepted)
            }
            return SignedRequest.refusal(FederationError.status(code, url: url))
        } catch {
            return SignedRequest.refusal(error)
        }
        guard let activity = JSONValue(parsing: bytes) else { return Self.error(.badRequest, "The body is not JSON.") }
        do {
            try await Inbox(activityPub).receive(activity, signedBy: key, policy: policy)
        } catch let error as InboxError {
            return Self.error(.badRequest, error.message)
        } catch let error as FederationError {
            return Self.error(.badRequest, error.description)
        }
        return Response(status: .accepted)
    }

    private func webFinger(_ request: Request) async throws -> Response {
        guard let resource = request.uri.queryParameters.get("resource") else {
            return Self.error(.badRequest, "Say whom to find with ?resource=acct:name@\(addresses.host).")
        }
        guard try await starling.federation.mode() != .off,
              let subject = WebFinger.subject(of: resource, at: addresses) else { return Self.notFound }
        let document: JSONValue
        switch subject {
        case .instanceActor:
            document = WebFinger.document(username: addresses.host, host: addresses.host, actor: addresses.instanceActor,
                                          profilePage: addresses.base + "/")
        case .member(let username):
            guard let account = try await starling.federation.openAccount(username: username) else { return Self.notFound }
            document = WebFinger.document(username: account.username, host: addresses.host, actor: addresses.actor(account.username),
                                          profilePage: addresses.profilePage(account.username))
        }
        return Self.document(document, contentType: "application/jrd+json; charset=utf-8")
    }

    /// A member's actor document for servers, or (to a browser) their profile page.
    func actor(_ request: Request, username: String) async throws -> Response {
        guard ActivityStreams.isAskedFor(accept: request.headers[.accept]) else {
            return Response(status: .found, headers: [.location: "/@" + Self.pathComponent(username)])
        }
        guard let account = try await starling.federation.openAccount(username: username) else {
            return try await isDeletedActor(username) ? Self.error(.gone, "This account was deleted.") : Self.notFound
        }
        let key = try await activityPub.keyring.key(of: account.id)
        guard SignedRequest.isSigned(request) else {
            return Self.document(ActorDocument.keyOnly(account, publicKeyPEM: key.publicKeyPEM, at: addresses))
        }
        if let refusal = await refusal(of: request) { return refusal }
        return Self.document(ActorDocument.person(account, publicKeyPEM: key.publicKeyPEM, at: addresses))
    }

    /// Whether `username` was a member that other servers knew as an actor (their key is still kept) and who was deleted:
    /// their actor answers 410 Gone, as Mastodon's do, so that servers holding a copy forget it.
    private func isDeletedActor(_ username: String) async throws -> Bool {
        guard try await starling.federation.mode() != .off, let account = try await starling.store.account(username: username),
              account.deletedAt != nil else { return false }
        return try await starling.store.actorKey(ownerID: account.id) != nil
    }

    /// A post that leaves, as a Note, to a signed request of an admitted server; every other post is not
    /// found, whoever asks.
    func note(_ request: Request, username: String, id: ID?) async throws -> Response {
        guard ActivityStreams.isAskedFor(accept: request.headers[.accept]) else {
            return Response(status: .found, headers: [.location: "/@\(Self.pathComponent(username))/\(id?.description ?? "")"])
        }
        if let refusal = await refusal(of: request) { return refusal }
        guard let id, let leaving = try await starling.federation.leavingPost(id: id), leaving.view.author.username == username else {
            return Self.notFound
        }
        return Self.document(NoteDocument.note(leaving, at: addresses))
    }

    /// A member's posts that leave, as `Create` activities, newest first: the collection names its first
    /// page; pages go on with `max_id`.
    private func outbox(_ request: Request, username: String) async throws -> Response {
        if let refusal = await refusal(of: request) { return refusal }
        guard let account = try await starling.federation.openAccount(username: username) else { return Self.notFound }
        let outbox = addresses.outbox(account.username)
        guard request.uri.queryParameters.get("page") != nil else {
            return Self.document(["@context": .string(ActivityStreams.context), "id": .string(outbox), "type": "OrderedCollection",
                                  "first": .string(outbox + "?page=true")])
        }
        let maxID = request.uri.queryParameters.get("max_id").flatMap(ID.init)
        let (posts, next) = try await starling.federation.leavingPosts(of: account, page: PageRequest(maxID: maxID))
        var page: [String: JSONValue] = [
            "@context": .string(ActivityStreams.context),
            "id": .string(outbox + "?page=true" + (maxID.map { "&max_id=\($0)" } ?? "")),
            "type": "OrderedCollectionPage",
            "partOf": .string(outbox),
            "orderedItems": .array(posts.map { NoteDocument.create($0, at: addresses) }),
        ]
        if let next { page["next"] = .string(outbox + "?page=true&max_id=\(next)") }
        return Self.document(.object(page))
    }

    /// How many follow the member from outside; who they are is not shown (nor are followers inside the
    /// organization counted: they are nobody's business outside it).
    private func followers(_ request: Request, username: String) async throws -> Response {
        if let refusal = await refusal(of: request) { return refusal }
        guard let account = try await starling.federation.openAccount(username: username) else { return Self.notFound }
        let count = try await starling.federation.remoteFollowers(of: account).count
        return Self.document(["@context": .string(ActivityStreams.context), "id": .string(addresses.followers(account.username)),
                              "type": "OrderedCollection", "totalItems": .number(String(count))])
    }

    /// Whom the member follows is not shown outside: the collection exists, as servers expect, with no
    /// items and no count.
    private func following(_ request: Request, username: String) async throws -> Response {
        if let refusal = await refusal(of: request) { return refusal }
        guard let account = try await starling.federation.openAccount(username: username) else { return Self.notFound }
        return Self.document(["@context": .string(ActivityStreams.context), "id": .string(addresses.following(account.username)),
                              "type": "OrderedCollection"])
    }

    /// The answer to a request whose signature is missing or refused, or to a server the policy does not
    /// admit (not found while federation is off); nil when it may be answered.
    private func refusal(of request: Request) async -> Response? {
        do {
            let policy = try await starling.federation.policy()
            guard policy.mode != .off else { return Self.notFound }
            guard SignedRequest.isSigned(request) else { return SignedRequest.refusal(SignatureError.unsigned) }
            _ = try await activityPub.signingKey(of: SignedRequest.signable(request), body: nil, policy: policy)
            return nil
        } catch {
            return SignedRequest.refusal(error)
        }
    }

    private static func pathComponent(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    // MARK: Responses

    static var notFound: Response { error(.notFound, "Not found.") }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        document(["error": .string(message)], contentType: "application/json", status: status)
    }

    static func document(_ value: JSONValue, contentType: String = ActivityStreams.mediaType, status: HTTPResponse.Status = .ok) -> Response {
        response(value.encoded, contentType: contentType, status: status)
    }

    private static func response(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType, .cacheControl: "no-store", .vary: "Accept, Signature"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
