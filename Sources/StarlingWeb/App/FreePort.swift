#if canImport(Glibc)
import Glibc
#endif

/// A port the system considers free on `host` (an IPv4 address; `0.0.0.0` or loopback) right now, or nil
/// when no socket can be bound. `starling serve --port 0` uses it to know its port before it starts, so
/// links name the real one; tests use it for servers whose base URL must name their port.
public func freePort(host: String) -> Int? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr(host == "0.0.0.0" ? "0.0.0.0" : "127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
}
