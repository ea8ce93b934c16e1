import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore

/// What other servers ask of Starling over HTTP: discovery (WebFinger, host-meta, NodeInfo) and actor
/// documents. With federation off none of it exists (404). A member's actor document is served only for
/// members who chose to be found from outside, in full only to a request signed by a server the policy
/// admits (authorized fetch); unsigned, it carries the key alone.
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
            return Self.document(ActorDocument.instance(host: starling.settings.host, name: starling.settings.name,
                                                        publicKeyPEM: key.publicKeyPEM, at: addresses))
        }
        router.get("/users/{username}") { request, context in
            try await actor(request, username: context.parameters.get("username") ?? "")
        }
    }

    private func webFinger(_ request: Request) async throws -> Response {
        guard let resource = request.uri.queryParameters.get("resource") else {
            return Self.error(.badRequest, "Say whom to find with ?resource=acct:name@\(starling.settings.host).")
        }
        guard try await starling.federation.mode() != .off,
              let subject = WebFinger.subject(of: resource, host: starling.settings.host, addresses: addresses) else { return Self.notFound }
        let document: JSONValue
        switch subject {
        case .instanceActor:
            document = WebFinger.document(username: starling.settings.host, host: starling.settings.host, actor: addresses.instanceActor,
                                          profilePage: addresses.base + "/")
        case .member(let username):
            guard let account = try await starling.federation.openAccount(username: username) else { return Self.notFound }
            document = WebFinger.document(username: account.username, host: starling.settings.host, actor: addresses.actor(account.username),
                                          profilePage: addresses.profilePage(account.username))
        }
        return Self.document(document, contentType: "application/jrd+json; charset=utf-8")
    }

    /// A member's actor document for servers, or (to a browser) their profile page.
    private func actor(_ request: Request, username: String) async throws -> Response {
        guard ActivityStreams.isAskedFor(accept: request.headers[.accept]) else {
            return Response(status: .found, headers: [.location: "/@" + (username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")])
        }
        guard let account = try await starling.federation.openAccount(username: username) else { return Self.notFound }
        let key = try await activityPub.keyring.key(of: account.id)
        guard SignedRequest.isSigned(request) else {
            return Self.document(ActorDocument.keyOnly(account, publicKeyPEM: key.publicKeyPEM, at: addresses))
        }
        do {
            _ = try await activityPub.signingKey(of: SignedRequest.signable(request), body: nil, policy: try await starling.federation.policy())
        } catch {
            return SignedRequest.refusal(error)
        }
        return Self.document(ActorDocument.person(account, publicKeyPEM: key.publicKeyPEM, at: addresses))
    }

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
