import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StarlingCore

/// Writes SCIM resources (RFC 7643): Users, Groups, list responses and errors, as
/// `application/scim+json`. The one place that knows their shapes.
struct SCIMSerializer {
    static let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
    static let groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
    static let listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    /// `https://host/scim/v2`, for `location` and `$ref`.
    let base: String

    static func response(status: HTTPResponse.Status = .ok, location: String? = nil, _ body: (inout JSONWriter) -> Void) -> Response {
        var headers: HTTPFields = [.contentType: "application/scim+json; charset=utf-8", .cacheControl: "no-store"]
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.write(capacity: 2048, body))))
    }

    /// SCIM's error body, with Starling's `error` beside its `detail`.
    static func error(_ error: SCIMError) -> Response {
        response(status: error.status) { json in
            json.object { json in
                json.field("schemas", [errorSchema])
                json.field("status", String(error.status.code))
                if let type = error.scimType { json.field("scimType", type) }
                json.field("detail", error.detail)
                json.field("error", error.detail)
            }
        }
    }

    func userLocation(_ id: ID) -> String { "\(base)/Users/\(id)" }

    func user(_ user: ProvisionedUser, into json: inout JSONWriter) {
        let account = user.account
        json.object { json in
            json.field("schemas", [Self.userSchema])
            json.field("id", account.id.description)
            if let external = user.identity?.externalID { json.field("externalId", external) }
            json.field("userName", user.userName)
            json.field("name") { json in
                json.object { json in
                    json.field("givenName", user.identity?.givenName ?? "")
                    json.field("familyName", user.identity?.familyName ?? "")
                    json.field("formatted", account.name)
                }
            }
            json.field("displayName", account.name)
            json.field("active", user.isActive)
            json.field("emails") { json in
                json.array([account.email]) { json, email in
                    json.object { json in
                        json.field("value", email)
                        json.field("type", "work")
                        json.field("primary", true)
                    }
                }
            }
            json.field("groups") { json in
                json.array(ProvisioningService.groupRoles.filter { $0 == account.role }) { json, role in
                    json.object { json in
                        json.field("value", role.groupID)
                        json.field("display", role.groupName)
                        json.key("$ref")
                        json.string("\(base)/Groups/\(role.groupID)")
                    }
                }
            }
            json.field("meta") { json in
                json.object { json in
                    json.field("resourceType", "User")
                    json.field("created", user.identity?.createdAt ?? account.createdAt)
                    json.field("lastModified", user.identity?.updatedAt ?? account.createdAt)
                    json.field("location", userLocation(account.id))
                }
            }
        }
    }

    func group(_ role: Role, members: [ProvisionedUser], into json: inout JSONWriter) {
        json.object { json in
            json.field("schemas", [Self.groupSchema])
            json.field("id", role.groupID)
            json.field("displayName", role.groupName)
            json.field("members") { json in
                json.array(members) { json, member in
                    json.object { json in
                        json.field("value", member.account.id.description)
                        json.field("display", member.userName)
                        json.key("$ref")
                        json.string(userLocation(member.account.id))
                    }
                }
            }
            json.field("meta") { json in
                json.object { json in
                    json.field("resourceType", "Group")
                    json.field("location", "\(base)/Groups/\(role.groupID)")
                }
            }
        }
    }

    /// A ListResponse around `items`, each written by `write`.
    static func list<T>(_ items: [T], total: Int, startIndex: Int, _ write: (T, inout JSONWriter) -> Void) -> Response {
        response { json in
            json.object { json in
                json.field("schemas", [listSchema])
                json.field("totalResults", total)
                json.field("startIndex", startIndex)
                json.field("itemsPerPage", items.count)
                json.field("Resources") { json in json.array(items) { json, item in write(item, &json) } }
            }
        }
    }
}

extension Role {
    /// The SCIM Group a role is: `admins` or `moderators`.
    var groupID: String { rawValue + "s" }
    var groupName: String { rawValue.capitalized + "s" }

    init?(groupID: String) {
        guard let role = ProvisioningService.groupRoles.first(where: { $0.groupID == groupID.lowercased() }) else { return nil }
        self = role
    }
}
