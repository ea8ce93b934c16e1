import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import StarlingCore

/// Every request Starling makes to another server: signed as one of its actors, only to domains the
/// federation policy admits, never to internal addresses (`AddressGuard`), without following redirects,
/// within time limits and with documents of at most 1 MiB.
public final class FederationClient: Sendable {
    public static let maxDocumentBytes = 1 << 20
    /// One connection pool for the process, never shut down (as `HTTPClient.shared`), but one that follows
    /// no redirect: a redirect could lead past the address guard.
    private static let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(
        redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10))))
    let addressGuard: AddressGuard
    let userAgent: String

    public init(addressGuard: AddressGuard, userAgent: String) {
        self.addressGuard = addressGuard
        self.userAgent = userAgent
    }

    /// GETs the ActivityStreams document at `address`, signed (authorized fetch is the norm).
    public func fetch(_ address: String, signedBy signer: RequestSigner, policy: DomainPolicy, now: Date) async throws -> JSONValue {
        let url = try await checked(address, policy: policy)
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Accept", value: ActivityStreams.accept)
        try sign(&request, url: url, body: nil, signer: signer, now: now)
        let response = try await Self.http.execute(request, timeout: .seconds(15))
        guard (200..<300).contains(response.status.code) else { throw FederationError.status(Int(response.status.code), url: address) }
        guard ActivityStreams.isDocument(contentType: response.headers.first(name: "content-type")) else {
            throw FederationError.notADocument(url: address)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maxDocumentBytes)
        } catch is NIOTooManyBytesError {
            throw FederationError.tooLarge(url: address)
        }
        guard let document = JSONValue(parsing: body.readableBytesView), document.object != nil else {
            throw FederationError.notADocument(url: address)
        }
        return document
    }

    /// POSTs an activity to an inbox, signed with a `Digest` of its body; throws `FederationError.status`
    /// for any answer but a 2xx.
    public func deliver(_ activity: JSONValue, to inbox: String, signedBy signer: RequestSigner, policy: DomainPolicy, now: Date) async throws {
        let url = try await checked(inbox, policy: policy)
        let body = activity.encoded
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: ActivityStreams.linkedDataMediaType)
        request.body = .bytes(ByteBuffer(bytes: body))
        try sign(&request, url: url, body: body, signer: signer, now: now)
        let response = try await Self.http.execute(request, timeout: .seconds(15))
        _ = try? await response.body.collect(upTo: 64 << 10)
        guard (200..<300).contains(response.status.code) else { throw FederationError.status(Int(response.status.code), url: inbox) }
    }

    /// The URL, once the policy admits its domain and the address guard its scheme and address.
    private func checked(_ address: String, policy: DomainPolicy) async throws -> URL {
        guard let url = URL(string: address), url.host != nil else { throw FederationError.badURL(address) }
        guard policy.admits(domainOf: address) else { throw FederationError.domainNotAllowed(RequestSigner.host(of: url)) }
        try await addressGuard.check(url)
        return url
    }

    private func sign(_ request: inout HTTPClientRequest, url: URL, body: [UInt8]?, signer: RequestSigner, now: Date) throws {
        request.headers.replaceOrAdd(name: "User-Agent", value: userAgent)
        for (name, value) in try signer.headers(method: request.method.rawValue, url: url, body: body, date: now) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
    }
}
