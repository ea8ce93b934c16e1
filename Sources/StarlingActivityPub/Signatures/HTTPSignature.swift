import Foundation

/// An HTTP request's parts that a signature covers (draft-cavage-http-signatures, as Mastodon signs):
/// the method, the path with its query, and the headers by lowercase name.
public struct SignableRequest: Sendable {
    public var method: String
    /// The path and query, as the request line carries it (`/users/ada/inbox`).
    public var target: String
    /// Header values by lowercase name (the last one wins when a name repeats).
    public var headers: [String: String]

    public init(method: String, target: String, headers: [String: String]) {
        self.method = method
        self.target = target
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { _, last in last }
    }

    /// The text a signature is made over: one `name: value` line per covered header, in the signature's
    /// order, `(request-target)` being the lowercase method and the target; nil when a covered header is missing.
    func signingString(covering names: [String], created: String? = nil, expires: String? = nil) -> String? {
        var lines: [String] = []
        for name in names {
            let value: String? = switch name {
            case "(request-target)": "\(method.lowercased()) \(target)"
            case "(created)": created
            case "(expires)": expires
            default: headers[name]
            }
            guard let value else { return nil }
            lines.append("\(name): \(value.trimmingCharacters(in: .whitespaces))")
        }
        return lines.joined(separator: "\n")
    }
}

/// A `Signature` header's parameters: `keyId="…",algorithm="rsa-sha256",headers="…",signature="…"`.
public struct SignatureHeader: Sendable, Equatable {
    public var keyID: String
    public var algorithm: String?
    /// The covered headers, lowercase, in order (`date` alone when the header names none, as the draft says).
    public var headers: [String]
    public var signature: Data
    public var created: String?
    public var expires: String?

    /// Reads the header; nil when it lacks a key id or a signature, or is not `name="value"` pairs.
    public init?(parsing text: String) {
        var parameters: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            let value: Substring
            if rest.first == "\"" {
                rest = rest.dropFirst()
                guard let close = rest.firstIndex(of: "\"") else { return nil }
                value = rest[..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            parameters[name] = String(value)
        }
        guard let keyID = parameters["keyid"], !keyID.isEmpty, let encoded = parameters["signature"],
              let signature = Data(base64Encoded: encoded), !signature.isEmpty else { return nil }
        self.keyID = keyID
        algorithm = parameters["algorithm"]?.lowercased()
        headers = (parameters["headers"] ?? "date").lowercased().split(separator: " ").map(String.init)
        self.signature = signature
        created = parameters["created"]
        expires = parameters["expires"]
    }

    init(keyID: String, algorithm: String, headers: [String], signature: Data) {
        self.keyID = keyID
        self.algorithm = algorithm
        self.headers = headers
        self.signature = signature
    }

    /// The header's text.
    public var text: String {
        "keyId=\"\(keyID)\",algorithm=\"\(algorithm ?? "rsa-sha256")\",headers=\"\(headers.joined(separator: " "))\",signature=\"\(signature.base64EncodedString())\""
    }
}
