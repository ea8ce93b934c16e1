import Foundation
import Hummingbird
import NIOCore
import StarlingCore

/// A request the SCIM API cannot take, with SCIM's `scimType` (RFC 7644 §3.12) and a readable detail.
struct SCIMError: Error {
    let status: HTTPResponse.Status
    let scimType: String?
    let detail: String

    static func invalidFilter(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidFilter", detail: detail) }
    static func invalidValue(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidValue", detail: detail) }
    static func invalidPath(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidPath", detail: detail) }
    static func invalidSyntax(_ detail: String) -> SCIMError { SCIMError(status: .badRequest, scimType: "invalidSyntax", detail: detail) }
}

/// The filters Starling answers: `attribute eq "value"` on one attribute (what identity providers send
/// to find a person or group before they create it).
enum SCIMFilter {
    /// Parses a Users filter; nil text means no filter.
    static func users(_ text: String?) throws -> ProvisionedUserQuery {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .all }
        let (attribute, value) = try equality(text)
        switch attribute {
        case "username": return .userName(value)
        case "externalid": return .externalID(value)
        case "emails", "emails.value": return .email(value)
        default: throw SCIMError.invalidFilter("Users can be filtered by userName, externalId or emails.value with eq.")
        }
    }

    /// Parses a Groups filter: `displayName eq "..."` (nil: every group).
    static func groupName(_ text: String?) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let (attribute, value) = try equality(text)
        guard attribute == "displayname" else { throw SCIMError.invalidFilter("Groups can be filtered by displayName with eq.") }
        return value
    }

    /// `attribute eq "value"`: the attribute in lower case and the unescaped value.
    private static func equality(_ text: String) throws -> (String, String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[1].lowercased() == "eq", parts[0].allSatisfy({ $0.isLetter || $0 == "." }) else {
            throw SCIMError.invalidFilter("This server understands filters of the form attribute eq \"value\", not: \(trimmed)")
        }
        let quoted = parts[2].trimmingCharacters(in: .whitespaces)
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\""),
              let value = try? JSONDecoder().decode(String.self, from: Data(quoted.utf8)) else {
            throw SCIMError.invalidFilter("The value of a filter is a string in double quotes.")
        }
        return (parts[0].lowercased(), value)
    }
}

/// The JSON body of a SCIM request, read as a tree.
enum SCIMBody {
    static let maxBytes = 1 << 20

    static func read(_ request: Request) async throws -> [String: JSONValue] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw SCIMError(status: .contentTooLarge, scimType: nil, detail: "A request body has at most 1 MiB.")
        }
        guard case .object(let object)? = JSONValue(parsing: buffer.readableBytesView) else {
            throw SCIMError.invalidSyntax("The body is not a JSON object.")
        }
        return object
    }
}

extension JSONValue {
    /// A boolean as providers send it: `true`, or the strings "True"/"false" some of them use.
    var lenientBool: Bool? {
        switch text?.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }
}

/// Reading a User resource, and applying PATCH operations to one.
enum SCIMUserInput {
    /// The fields of a User resource (`POST` and `PUT`), keyed without case as SCIM's attribute names are.
    static func fields(_ body: [String: JSONValue]) throws -> ProvisionedUserFields {
        let body = lowercased(body)
        guard let userName = body["username"]?.text, !userName.isEmpty else { throw SCIMError.invalidValue("userName is required.") }
        var fields = ProvisionedUserFields(userName: userName)
        for (key, value) in body where key != "username" { try set(key, value, on: &fields, strict: false) }
        return fields
    }

    /// The current fields of a person, to apply a PATCH to.
    static func fields(of user: ProvisionedUser) -> ProvisionedUserFields {
        ProvisionedUserFields(userName: user.userName, externalID: user.identity?.externalID, givenName: user.identity?.givenName ?? "",
                              familyName: user.identity?.familyName ?? "", displayName: user.account.displayName,
                              email: user.account.email, active: user.isActive)
    }

    /// Applies a PatchOp's operations (RFC 7644 §3.5.2) in order: add, replace and remove on the attributes
    /// Starling keeps, with a path or with an object of attributes.
    static func patch(_ fields: ProvisionedUserFields, with body: [String: JSONValue]) throws -> ProvisionedUserFields {
        let body = lowercased(body)
        guard let operations = body["operations"]?.array, !operations.isEmpty else {
            throw SCIMError.invalidSyntax("A PATCH body has a non-empty Operations list.")
        }
        var fields = fields
        for operation in operations {
            guard let operation = operation.object.map(lowercased), let op = operation["op"]?.text?.lowercased(),
                  ["add", "replace", "remove"].contains(op) else {
                throw SCIMError.invalidSyntax("Each operation has an op: add, replace or remove.")
            }
            let path = operation["path"]?.text.map(normalized)
            if op == "remove" {
                guard let path else { throw SCIMError(status: .badRequest, scimType: "noTarget", detail: "remove needs a path.") }
                try remove(path, from: &fields)
            } else if let path {
                guard let value = operation["value"] else { throw SCIMError.invalidValue("\(op) needs a value.") }
                try set(path, value, on: &fields, strict: true)
            } else {
                guard let value = operation["value"]?.object else { throw SCIMError.invalidValue("\(op) without a path needs an object value.") }
                for (key, item) in lowercased(value) { try set(normalized(key), item, on: &fields, strict: false) }
            }
        }
        return fields
    }

    /// Sets one attribute. Attributes Starling does not keep (a provider's `title` or `locale`, extension
    /// schemas such as the enterprise one) are ignored, but for a PATCH that names a core path (`strict`)
    /// that does not exist, which is refused.
    private static func set(_ path: String, _ value: JSONValue, on fields: inout ProvisionedUserFields, strict: Bool) throws {
        switch path {
        case "schemas", "id", "meta", "groups", "password", "emails.primary", "emails.type": break
        case _ where path.hasPrefix("urn:"): break
        case "username":
            guard let name = value.text, !name.isEmpty else { throw SCIMError.invalidValue("userName is a non-empty string.") }
            fields.userName = name
        case "externalid": fields.externalID = value.text
        case "displayname": fields.displayName = value.text ?? ""
        case "active":
            guard let active = value.lenientBool else { throw SCIMError.invalidValue("active is true or false.") }
            fields.active = active
        case "name":
            guard let name = value.object.map(lowercased) else { throw SCIMError.invalidValue("name is an object.") }
            if let given = name["givenname"] { fields.givenName = given.text ?? "" }
            if let family = name["familyname"] { fields.familyName = family.text ?? "" }
        case "name.givenname": fields.givenName = value.text ?? ""
        case "name.familyname": fields.familyName = value.text ?? ""
        case "name.formatted": break
        case "emails":
            let emails = (value.array ?? [value]).compactMap { $0.object.map(lowercased) }
            let primary = emails.first { $0["primary"]?.lenientBool == true } ?? emails.first
            fields.email = primary?["value"]?.text
        case "emails.value", "emails[type eq \"work\"].value", "emails[primary eq true].value": fields.email = value.text
        default:
            guard !strict else {
                throw SCIMError.invalidPath("Starling keeps userName, externalId, name, displayName, emails and active; not \(path).")
            }
        }
    }

    private static func remove(_ path: String, from fields: inout ProvisionedUserFields) throws {
        switch path {
        case "externalid": fields.externalID = nil
        case "displayname": fields.displayName = ""
        case "name": (fields.givenName, fields.familyName) = ("", "")
        case "name.givenname": fields.givenName = ""
        case "name.familyname": fields.familyName = ""
        default: throw SCIMError.invalidPath("\(path) cannot be removed.")
        }
    }

    /// A path in lower case, with the core User schema's URN prefix taken off.
    private static func normalized(_ path: String) -> String {
        let prefix = "urn:ietf:params:scim:schemas:core:2.0:user:"
        let lower = path.lowercased()
        return lower.hasPrefix(prefix) ? String(lower.dropFirst(prefix.count)) : lower
    }

    static func lowercased(_ object: [String: JSONValue]) -> [String: JSONValue] {
        Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
