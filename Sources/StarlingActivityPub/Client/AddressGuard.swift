import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the server's requests to other servers away from its own network: a URL whose host resolves to
/// a loopback, private, link-local or otherwise internal address is refused (someone outside could
/// otherwise make Starling probe the organization's intranet), and so is plain `http://`. Tests and labs
/// that run servers on loopback turn this off (`--federation-allow-private-addresses`).
public struct AddressGuard: Sendable {
    public let allowsPrivateAddresses: Bool

    public init(allowsPrivateAddresses: Bool) {
        self.allowsPrivateAddresses = allowsPrivateAddresses
    }

    /// Throws `FederationError` unless a request to `url` may be made.
    public func check(_ url: URL) async throws {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else { throw FederationError.badURL(url.absoluteString) }
        guard scheme == "https" || (scheme == "http" && allowsPrivateAddresses) else { throw FederationError.insecureScheme(url.absoluteString) }
        if allowsPrivateAddresses { return }
        let addresses = try await Self.resolve(host)
        if addresses.isEmpty { throw FederationError.unreachable(host) }
        if addresses.contains(where: Self.isInternal) { throw FederationError.privateAddress(host) }
    }

    /// Whether an address (4 or 16 bytes) is one no request to another server should reach.
    static func isInternal(_ address: [UInt8]) -> Bool {
        if address.count == 4 { return isInternalIPv4(address) }
        guard address.count == 16 else { return true }
        // IPv4 written as IPv6 (::ffff:a.b.c.d) is judged as IPv4.
        if address[0..<10].allSatisfy({ $0 == 0 }), address[10] == 0xff, address[11] == 0xff { return isInternalIPv4(Array(address[12...])) }
        if address[0..<15].allSatisfy({ $0 == 0 }) { return true } // :: and ::1
        if address[0] & 0xfe == 0xfc { return true } // fc00::/7, unique local
        if address[0] == 0xfe, address[1] & 0xc0 == 0x80 { return true } // fe80::/10, link-local
        if address[0] == 0xff { return true } // multicast
        return false
    }

    private static func isInternalIPv4(_ a: [UInt8]) -> Bool {
        switch (a[0], a[1]) {
        case (0, _), (10, _), (127, _): true
        case (100, 64...127): true // carrier-grade NAT
        case (169, 254): true // link-local (and cloud metadata services)
        case (172, 16...31), (192, 168): true
        case (198, 18...19): true // benchmarking
        case (224..., _): true // multicast and reserved
        default: false
        }
    }

    /// Every address the host resolves to (DNS is asked off the cooperative pool: it blocks).
    private static func resolve(_ host: String) async throws -> [[UInt8]] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var list: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else {
                    continuation.resume(throwing: FederationError.unreachable(host))
                    return
                }
                defer { freeaddrinfo(list) }
                var addresses: [[UInt8]] = []
                for entry in sequence(first: first, next: { $0.pointee.ai_next }) {
                    guard let address = entry.pointee.ai_addr else { continue }
                    switch Int32(address.pointee.sa_family) {
                    case AF_INET:
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                            addresses.append(withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) })
                        }
                    case AF_INET6:
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                            addresses.append(withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) })
                        }
                    default: continue
                    }
                }
                continuation.resume(returning: addresses)
            }
        }
    }
}
