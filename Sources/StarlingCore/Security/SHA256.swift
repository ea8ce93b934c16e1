import Crypto

/// SHA-256 from swift-crypto (nothing cryptographic is written by hand here), in the two forms Starling uses:
/// tokens stored hashed, so a leaked database holds no live token, and assets named by their content.
public enum SHA256 {
    /// The digest of `message` as 64 lowercase hex digits.
    public static func hex(_ message: String) -> String {
        digest(Array(message.utf8)).map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    /// The 32 bytes of the digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] { Array(Crypto.SHA256.hash(data: message)) }
}

/// Random URL-safe tokens for sessions, invitations and CSRF.
public enum Token {
    /// `bytes` random bytes from the system's secure generator, as URL-safe base64 without padding.
    public static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// URL-safe base64 without padding (RFC 4648 §5), as PKCE and tokens use it.
    public static func base64URL(_ raw: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in raw {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 63)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(6 - bits)) & 63)]) }
        return out
    }
}
