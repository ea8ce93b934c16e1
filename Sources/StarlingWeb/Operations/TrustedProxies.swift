import Foundation

/// A block of IP addresses written as CIDR (`10.0.0.0/8`, `::1/128`) or a single address.
public struct IPAddressRange: Sendable, Equatable {
    /// The network's address bytes (4 for IPv4, 16 for IPv6) and how many leading bits must match.
    let network: [UInt8]
    let prefixLength: Int

    /// Parses `address` or `address/prefix`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.bytes(of: first) else { return nil }
        let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let length, (0...bytes.count * 8).contains(length) else { return nil }
        network = bytes
        prefixLength = length
    }

    /// Whether `address` (in the text form NIO reports) lies in this range. An IPv4 address seen
    /// mapped into IPv6 (`::ffff:10.1.2.3`) counts as the IPv4 address.
    public func contains(_ address: String) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        if bytes.count == 16, network.count == 4, bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] {
            bytes = Array(bytes.suffix(4))
        }
        guard bytes.count == network.count else { return false }
        var remaining = prefixLength
        for (have, want) in zip(bytes, network) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
            guard have & mask == want & mask else { return false }
            remaining -= 8
        }
        return true
    }

    /// The loopback ranges, where a server's own machine connects from.
    public static let loopback: [IPAddressRange] = [IPAddressRange("127.0.0.0/8")!, IPAddressRange("::1/128")!]

    private static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

/// The reverse proxies an admin lists: only a request that comes from one of them may say, in
/// `X-Forwarded-For`, who the client is.
public struct TrustedProxies: Sendable {
    public let ranges: [IPAddressRange]

    public init(_ ranges: [IPAddressRange] = []) { self.ranges = ranges }

    /// Parses a comma-separated list of addresses and CIDR ranges; throws naming the first bad entry.
    public init(list: String) throws {
        ranges = try list.split(separator: ",").map { entry in
            guard let range = IPAddressRange(String(entry)) else { throw TrustedProxiesError(entry: String(entry)) }
            return range
        }
    }

    public func trusts(_ address: String) -> Bool { ranges.contains { $0.contains(address) } }

    /// The client's address: the peer's own, unless the peer is a trusted proxy; then the nearest
    /// address in `X-Forwarded-For` (read from the right) that is not itself a trusted proxy.
    public func clientAddress(peer: String, forwardedFor: String?) -> String {
        guard trusts(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard IPAddressRange(hop) != nil else { break }
            client = hop
            if !trusts(hop) { break }
        }
        return client
    }
}

/// A `--trusted-proxies` entry that is neither an address nor a CIDR range.
public struct TrustedProxiesError: Error, CustomStringConvertible {
    public let entry: String
    public var description: String { "\"\(entry)\" is not an IP address or a CIDR range such as 10.0.0.0/8." }
}
