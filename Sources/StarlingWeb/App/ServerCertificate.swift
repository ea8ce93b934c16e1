import Foundation
import NIOSSL

/// The server's certificate chain and private key, read from PEM files and read again on demand
/// (`serve` does so on SIGHUP). Each TLS handshake takes the newest pair, so a renewed certificate is
/// served to new connections while open ones carry on undisturbed.
public final class ServerCertificate: @unchecked Sendable {
    public let certificatePath: String
    public let keyPath: String
    private let lock = NSLock()
    private var chain: [NIOSSLCertificate]
    private var key: NIOSSLPrivateKey

    /// Reads both files; throws a readable error when either is missing or not PEM.
    public init(certificatePath: String, keyPath: String) throws {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        (chain, key) = try Self.read(certificatePath: certificatePath, keyPath: keyPath)
    }

    /// Reads the files again; when they cannot be read the certificate served so far stays.
    public func reload() throws {
        let (chain, key) = try Self.read(certificatePath: certificatePath, keyPath: keyPath)
        lock.withLock { (self.chain, self.key) = (chain, key) }
    }

    /// The TLS context every connection starts from: TLS 1.2 or newer, HTTP/2 or HTTP/1.1 by ALPN, and
    /// the newest certificate chosen at each handshake.
    func makeContext() throws -> NIOSSLContext {
        let (chain, key) = lock.withLock { (self.chain, self.key) }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["h2", "http/1.1"]
        configuration.sslContextCallback = { _, promise in
            var current = NIOSSLContextConfigurationOverride()
            let (chain, key) = self.lock.withLock { (self.chain, self.key) }
            current.certificateChain = chain.map { .certificate($0) }
            current.privateKey = .privateKey(key)
            promise.succeed(current)
        }
        return try NIOSSLContext(configuration: configuration)
    }

    private static func read(certificatePath: String, keyPath: String) throws -> ([NIOSSLCertificate], NIOSSLPrivateKey) {
        let chain: [NIOSSLCertificate], key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw CertificateError("Cannot read a PEM certificate from \(certificatePath): \(error)")
        }
        guard !chain.isEmpty else { throw CertificateError("\(certificatePath) holds no certificate.") }
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw CertificateError("Cannot read a PEM private key from \(keyPath): \(error)")
        }
        return (chain, key)
    }
}

/// A certificate or key file that cannot be used, with the reason in words.
public struct CertificateError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
