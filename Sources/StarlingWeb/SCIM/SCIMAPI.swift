import Foundation
import Hummingbird
import StarlingCore

/// SCIM 2.0 (RFC 7643 and 7644) at `/scim/v2`, for the organization's identity provider: people as
/// Users (create, read, list with `filter=userName eq "..."`, replace, patch, delete) and the admin and
/// moderator roles as Groups. Every request carries a provisioning token an admin made.
struct SCIMAPI {
    let starling: Starling
    var provisioning: ProvisioningService { starling.provisioning }
    var serializer: SCIMSerializer { SCIMSerializer(base: starling.settings.baseURL + "/scim/v2") }

    func register(on router: Router<WebContext>) {
        let scim = router.group("scim/v2").add(middleware: SCIMMiddleware(provisioning: provisioning))
        scim.get("ServiceProviderConfig") { _, _ in serviceProviderConfig() }
        scim.get("ResourceTypes") { _, _ in resourceTypes() }
        scim.get("Schemas") { _, _ in schemas() }

        scim.get("Users") { request, _ in
            let parameters = try Self.query(request)
            let query = try SCIMFilter.users(parameters["filter"])
            let start = max(Int(parameters["startIndex"] ?? "1") ?? 1, 1)
            let count = Int(parameters["count"] ?? "100") ?? 100
            let (users, total) = try await provisioning.users(query, startIndex: start, count: count)
            return SCIMSerializer.list(users, total: total, startIndex: start) { user, json in serializer.user(user, into: &json) }
        }
        scim.post("Users") { request, _ in
            let user = try await provisioning.create(try SCIMUserInput.fields(try await SCIMBody.read(request)), now: starling.clock.now())
            return SCIMSerializer.response(status: .created, location: serializer.userLocation(user.account.id)) { serializer.user(user, into: &$0) }
        }
        scim.get("Users/:id") { _, context in
            let user = try await provisioning.user(try Self.id(context))
            return SCIMSerializer.response { serializer.user(user, into: &$0) }
        }
        scim.put("Users/:id") { request, context in
            let user = try await provisioning.replace(try Self.id(context), with: try SCIMUserInput.fields(try await SCIMBody.read(request)),
                                                now: starling.clock.now())
            return SCIMSerializer.response { serializer.user(user, into: &$0) }
        }
        scim.patch("Users/:id") { request, context in
            let id = try Self.id(context)
            let body = try await SCIMBody.read(request)
            let fields = try await SCIMUserInput.patch(SCIMUserInput.fields(of: try provisioning.user(id)), with: body)
            let user = try await provisioning.replace(id, with: fields, now: starling.clock.now())
            return SCIMSerializer.response { serializer.user(user, into: &$0) }
        }
        scim.delete("Users/:id") { _, context in
            try await provisioning.delete(try Self.id(context), now: starling.clock.now())
            return Response(status: .noContent)
        }

        scim.get("Groups") { request, _ in
            let name = try SCIMFilter.groupName(try Self.query(request)["filter"])
            let roles = ProvisioningService.groupRoles.filter { role in name.map { $0.lowercased() == role.groupName.lowercased() } ?? true }
            let groups = try await roles.asyncMap { ($0, try await provisioning.members(of: $0)) }
            return SCIMSerializer.list(groups, total: groups.count, startIndex: 1) { group, json in
                serializer.group(group.0, members: group.1, into: &json)
            }
        }
        scim.get("Groups/:id") { _, context in try await group(try Self.role(context)) }
        scim.patch("Groups/:id") { request, context in
            let role = try Self.role(context)
            let (adding, removing) = try await SCIMGroupInput.changes(try await SCIMBody.read(request), current: try provisioning.members(of: role))
            try await provisioning.changeGroup(role, adding: adding, removing: removing, now: starling.clock.now())
            return try await group(role)
        }
        scim.put("Groups/:id") { request, context in
            let role = try Self.role(context)
            let wanted = try SCIMGroupInput.members(SCIMUserInput.lowercased(try await SCIMBody.read(request))["members"])
            let current = await Set(try provisioning.members(of: role).map(\.account.id))
            try await provisioning.changeGroup(role, adding: Array(Set(wanted).subtracting(current)), removing: Array(current.subtracting(wanted)),
                                         now: starling.clock.now())
            return try await group(role)
        }
        scim.post("Groups") { _, _ -> Response in
            throw SCIMError(status: .forbidden, scimType: nil, detail: "The groups are Starling's roles (Admins, Moderators); they cannot be created.")
        }
        scim.delete("Groups/:id") { _, _ -> Response in
            throw SCIMError(status: .forbidden, scimType: nil, detail: "The groups are Starling's roles (Admins, Moderators); they cannot be deleted.")
        }
    }

    private func group(_ role: Role) async throws -> Response {
        let members = try await provisioning.members(of: role)
        return SCIMSerializer.response { serializer.group(role, members: members, into: &$0) }
    }

    /// The query string as a form (`+` is a space, as the clients that write `filter=userName+eq+...` mean it).
    private static func query(_ request: Request) throws -> FormData {
        try FormData(urlEncoded: Array((request.uri.query ?? "").utf8))
    }

    private static func id(_ context: WebContext) throws -> ID {
        guard let id = context.parameters.get("id").flatMap(ID.init) else { throw DomainError.notFound }
        return id
    }

    private static func role(_ context: WebContext) throws -> Role {
        guard let role = context.parameters.get("id").flatMap(Role.init(groupID:)) else { throw DomainError.notFound }
        return role
    }

    private func serviceProviderConfig() -> Response {
        SCIMSerializer.response { json in
            json.object { json in
                json.field("schemas", ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"])
                json.field("documentationUri", "\(starling.settings.baseURL)/api/starling/openapi.json")
                for (name, supported) in [("patch", true), ("bulk", false), ("changePassword", false), ("sort", false), ("etag", false)] {
                    json.dynamicKey(name)
                    json.object { json in
                        json.field("supported", supported)
                        if name == "bulk" {
                            json.field("maxOperations", 0)
                            json.field("maxPayloadSize", 0)
                        }
                    }
                }
                json.field("filter") { json in
                    json.object { json in
                        json.field("supported", true)
                        json.field("maxResults", 200)
                    }
                }
                json.field("authenticationSchemes") { json in
                    json.array(["oauthbearertoken"]) { json, type in
                        json.object { json in
                            json.field("type", type)
                            json.field("name", "Provisioning token")
                            json.field("description", "A bearer token an admin makes under Admin → Provisioning.")
                        }
                    }
                }
            }
        }
    }

    private func resourceTypes() -> Response {
        let types = [("User", "/Users", SCIMSerializer.userSchema), ("Group", "/Groups", SCIMSerializer.groupSchema)]
        return SCIMSerializer.list(types, total: types.count, startIndex: 1) { type, json in
            json.object { json in
                json.field("schemas", ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"])
                json.field("id", type.0)
                json.field("name", type.0)
                json.field("endpoint", type.1)
                json.field("schema", type.2)
            }
        }
    }

    private func schemas() -> Response {
        let schemas: [(String, String, [(String, String)])] = [
            (SCIMSerializer.userSchema, "User", [("userName", "string"), ("externalId", "string"), ("name", "complex"),
                                                ("displayName", "string"), ("emails", "complex"), ("active", "boolean"), ("groups", "complex")]),
            (SCIMSerializer.groupSchema, "Group", [("displayName", "string"), ("members", "complex")]),
        ]
        return SCIMSerializer.list(schemas, total: schemas.count, startIndex: 1) { schema, json in
            json.object { json in
                json.field("schemas", ["urn:ietf:params:scim:schemas:core:2.0:Schema"])
                json.field("id", schema.0)
                json.field("name", schema.1)
                json.field("attributes") { json in
                    json.array(schema.2) { json, attribute in
                        json.object { json in
                            json.field("name", attribute.0)
                            json.field("type", attribute.1)
                            json.field("multiValued", ["emails", "groups", "members"].contains(attribute.0))
                            json.field("required", attribute.0 == "userName" || attribute.0 == "displayName" && schema.1 == "Group")
                        }
                    }
                }
            }
        }
    }
}

/// Reading a Group's members from a PUT or PATCH.
enum SCIMGroupInput {
    /// The account ids of a `members` list (`[{"value": "id"}]`).
    static func members(_ value: JSONValue?) throws -> [ID] {
        guard let value else { return [] }
        return try (value.array ?? [value]).map { member in
            guard let id = member.object.map(SCIMUserInput.lowercased)?["value"]?.text.flatMap(ID.init) else {
                throw SCIMError.invalidValue("A member is {\"value\": \"<user id>\"}.")
            }
            return id
        }
    }

    /// Who a PatchOp adds to and removes from a group: `add`/`remove` with path `members` and a value,
    /// `remove` with path `members[value eq "id"]`, `replace` of `members` (everyone else is removed).
    static func changes(_ body: [String: JSONValue], current: [ProvisionedUser]) throws -> (adding: [ID], removing: [ID]) {
        guard let operations = SCIMUserInput.lowercased(body)["operations"]?.array, !operations.isEmpty else {
            throw SCIMError.invalidSyntax("A PATCH body has a non-empty Operations list.")
        }
        var members = Set(current.map(\.account.id))
        for operation in operations {
            guard let operation = operation.object.map(SCIMUserInput.lowercased), let op = operation["op"]?.text?.lowercased() else {
                throw SCIMError.invalidSyntax("Each operation has an op: add, replace or remove.")
            }
            let path = operation["path"]?.text?.lowercased() ?? "members"
            let value = path == "members" ? operation["value"] : operation["value"]?.object.map(SCIMUserInput.lowercased)?["members"]
            switch op {
            case "add": members.formUnion(try Self.members(value))
            case "replace": members = Set(try Self.members(value))
            case "remove":
                if path.hasPrefix("members[value eq \""), path.hasSuffix("\"]"), let id = ID(String(path.dropFirst(18).dropLast(2))) {
                    members.remove(id)
                } else if path == "members" {
                    if let value { members.subtract(try Self.members(value)) } else { members.removeAll() }
                } else {
                    throw SCIMError.invalidPath("Groups change by their members only.")
                }
            default: throw SCIMError.invalidSyntax("Each operation has an op: add, replace or remove.")
            }
        }
        let before = Set(current.map(\.account.id))
        return (Array(members.subtracting(before)), Array(before.subtracting(members)))
    }
}

/// Lets in requests with a provisioning token (401 otherwise), and writes every error as SCIM's error body.
struct SCIMMiddleware: RouterMiddleware {
    let provisioning: ProvisioningService

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            let header = request.headers[.authorization] ?? ""
            guard header.lowercased().hasPrefix("bearer "),
                  try await provisioning.authenticate(bearer: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) != nil else {
                var response = SCIMSerializer.error(SCIMError(status: .unauthorized, scimType: nil,
                                                              detail: "Send a provisioning token (Admin → Provisioning) as a bearer token."))
                response.headers[.wwwAuthenticate] = "Bearer realm=\"scim\""
                return response
            }
            return try await next(request, context)
        } catch let error as SCIMError {
            return SCIMSerializer.error(error)
        } catch let error as DomainError {
            let (status, type): (HTTPResponse.Status, String?) = switch error {
            case .invalid: (.badRequest, "invalidValue")
            case .notFound: (.notFound, nil)
            case .conflict: (.conflict, "uniqueness")
            case .forbidden: (.forbidden, nil)
            case .unauthorized: (.unauthorized, nil)
            case .throttled: (.tooManyRequests, nil)
            case .tooLarge: (.contentTooLarge, nil)
            }
            return SCIMSerializer.error(SCIMError(status: status, scimType: type, detail: error == .notFound ? "No such resource." : error.message))
        } catch let error as HTTPError {
            return SCIMSerializer.error(SCIMError(status: error.status, scimType: nil, detail: error.body ?? "The request could not be handled."))
        }
    }
}
