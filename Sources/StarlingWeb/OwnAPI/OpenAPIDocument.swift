import Foundation
import Hummingbird
import StarlingCore

/// The OpenAPI 3.1 description of Starling's own API (`/api/starling/v1`), served at
/// `/api/starling/openapi.json`. Its schemas are what `OwnSerializer` writes; tests hold the two together.
/// The core is below; larger areas keep their paths, parameters and schemas in files of their own
/// (`OpenAPIReinforcement`, `OpenAPIAnalytics`, `OpenAPIFederation`), merged in once at start.
enum OpenAPIDocument {
    static let response = Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                                   body: .init(byteBuffer: .init(string: json)))

    static let json: String = merged(core, parts: [OpenAPIReinforcement.json, OpenAPIAnalytics.json, OpenAPIFederation.json])

    /// `core` with each part's `paths`, `parameters` and `schemas` added.
    static func merged(_ core: String, parts: [String]) -> String {
        func object(_ text: String) -> [String: Any] {
            // The documents are constants of this build: a malformed one is a programming error the tests catch.
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
        var document = object(core)
        var paths = document["paths"] as? [String: Any] ?? [:]
        var components = document["components"] as? [String: Any] ?? [:]
        var parameters = components["parameters"] as? [String: Any] ?? [:]
        var schemas = components["schemas"] as? [String: Any] ?? [:]
        for part in parts.map(object) {
            paths.merge(part["paths"] as? [String: Any] ?? [:]) { first, _ in first }
            parameters.merge(part["parameters"] as? [String: Any] ?? [:]) { first, _ in first }
            schemas.merge(part["schemas"] as? [String: Any] ?? [:]) { first, _ in first }
        }
        components["parameters"] = parameters
        components["schemas"] = schemas
        document["paths"] = paths
        document["components"] = components
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Every action the audit log records, as a JSON array (from the model, so a new action is never missing here).
    static let auditActions = "[" + AuditEntry.Action.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]"

    static let core = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Starling API",
        "version": "0.1.0",
        "description": "Starling's own API, for what the Mastodon client API has no word for: programs and their members, live events, and reinforcement after training (plans, reviews, commitments, partners). It takes the same OAuth 2 bearer tokens and scopes as the Mastodon API (read, write). Errors are JSON: {\"error\": ..., \"error_description\": ...}."
      },
      "servers": [{"url": "/api/starling/v1"}],
      "security": [{"oauth": ["read"]}],
      "paths": {
        "/programs": {
          "get": {
            "operationId": "listPrograms", "summary": "Programs the caller may see: open ones, and private ones they belong to.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Newest first.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Program"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "operationId": "createProgram", "summary": "Create a program (admins and moderators); the creator becomes its facilitator.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/NewProgram"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/NewProgram"}}}},
            "responses": {
              "200": {"description": "The new program.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Program"}}},
                      "links": {
                        "GetProgram": {"operationId": "getProgram", "parameters": {"id": "$response.body#/id"}},
                        "UpdateProgram": {"operationId": "updateProgram", "parameters": {"id": "$response.body#/id"}},
                        "ListMembers": {"operationId": "listMembers", "parameters": {"id": "$response.body#/id"}},
                        "ProgramStatuses": {"operationId": "programStatuses", "parameters": {"id": "$response.body#/id"}},
                        "JoinProgram": {"operationId": "joinProgram", "parameters": {"id": "$response.body#/id"}},
                        "ArchiveProgram": {"operationId": "archiveProgram", "parameters": {"id": "$response.body#/id"}},
                        "UnarchiveProgram": {"operationId": "unarchiveProgram", "parameters": {"id": "$response.body#/id"}},
                        "LeaveProgram": {"operationId": "leaveProgram", "parameters": {"id": "$response.body#/id"}}
                      }},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "getProgram", "summary": "One program (private ones are unknown to non-members: 404).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The program.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Program"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "patch": {
            "operationId": "updateProgram", "summary": "Change a program's details (facilitators). A new agreement text gets a new version.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/ProgramInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/ProgramInput"}}}},
            "responses": {
              "200": {"description": "The changed program.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Program"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/archive": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "post": {
            "operationId": "archiveProgram", "summary": "Archive a program: read-only from then on (facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The archived program.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Program"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/unarchive": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "post": {
            "operationId": "unarchiveProgram", "summary": "Reopen an archived program (facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The reopened program.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Program"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/join": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "post": {
            "operationId": "joinProgram", "summary": "Join an open program, or come into a private one you were added to, by accepting its agreement.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/JoinInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/JoinInput"}}}},
            "responses": {
              "200": {"description": "The caller's membership.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Membership"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/leave": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "post": {
            "operationId": "leaveProgram", "summary": "Leave a program (its last facilitator cannot).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "Left.", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/members": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "listMembers", "summary": "Members with their roles, facilitators first.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The members.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Membership"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/members/{account_id}": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"},
                         {"name": "account_id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "put": {
            "operationId": "setMember", "summary": "Add someone to a program with a role, or change their role (facilitators).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/RoleInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/RoleInput"}}}},
            "responses": {
              "200": {"description": "The membership.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Membership"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "removeMember", "summary": "Remove someone from a program (facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "Removed.", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/guest_invitations": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "post": {
            "operationId": "inviteGuest",
            "summary": "A one-use invitation link (facilitators): whoever signs up with it becomes a guest, the program's guest expert, who sees, searches and posts in this program only.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "201": {"description": "The invitation.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GuestInvitation"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/dashboard": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "programDashboard", "summary": "What the program's facilitators and moderators watch.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The numbers.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dashboard"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/unintroduced": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "unintroducedMembers", "summary": "Members who joined but have not replied in the introductions thread (facilitators and moderators).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Mastodon Account entities.", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "required": ["id", "username", "acct"]}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/statuses": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"},
                         {"name": "max_id", "in": "query", "schema": {"type": "string"}},
                         {"name": "since_id", "in": "query", "schema": {"type": "string"}},
                         {"name": "min_id", "in": "query", "schema": {"type": "string"}},
                         {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 40}}],
          "get": {
            "operationId": "programStatuses", "summary": "The program's stream as Mastodon statuses, newest first, paged by a Link header.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Mastodon Status entities (see docs.joinmastodon.org/entities/Status).",
                      "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "required": ["id", "content", "account"]}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/questions": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "post": {
            "operationId": "askQuestion",
            "summary": "Ask a question in the program (its hashtag is added when missing); anonymously where the program's facilitators allow it: others then see \"a learner\" as its author.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/QuestionInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/QuestionInput"}}}},
            "responses": {
              "201": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "get": {
            "parameters": [{"name": "show", "in": "query", "schema": {"type": "string", "enum": ["open", "answered", "all"], "default": "open"}},
                           {"name": "max_id", "in": "query", "schema": {"type": "string"}},
                           {"name": "since_id", "in": "query", "schema": {"type": "string"}},
                           {"name": "min_id", "in": "query", "schema": {"type": "string"}},
                           {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 40}}],
            "operationId": "programQuestions", "summary": "The program's questions: open (no accepted answer), answered, or all; newest first (min_id=0 reads the oldest first page).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Questions with their Q&A state.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/QuestionStatus"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/guides": {
          "post": {
            "operationId": "createGuide",
            "summary": "Publish a how-to guide: ordered steps, each an uploaded photo (POST /api/v2/media, its description is the alt text) with a caption. Mastodon apps see a status with the photos in order and the captions in its text.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/GuideInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/GuideInput"}}}},
            "responses": {
              "201": {"description": "The guide.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Guide"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/guides/{id}": {
          "parameters": [{"$ref": "#/components/parameters/StatusID"}],
          "get": {
            "operationId": "getGuide", "summary": "One guide (404 when the status is not a guide or not visible to the caller).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The guide.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Guide"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/guides": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "programGuides", "summary": "The program's guides, newest first.",
            "security": [{"oauth": ["read"]}],
            "parameters": [{"name": "max_id", "in": "query", "schema": {"type": "string"}},
                           {"name": "since_id", "in": "query", "schema": {"type": "string"}},
                           {"name": "min_id", "in": "query", "schema": {"type": "string"}},
                           {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 40}}],
            "responses": {
              "200": {"description": "Guides.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Guide"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/events": {
          "post": {
            "operationId": "createEvent",
            "summary": "Plan a tweetchat or ask-the-expert session: a program's (its facilitators; its hashtag unless another is given) or the organization's (its moderators). Recurring events repeat at the same local time in their time zone.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/EventInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/EventInput"}}}},
            "responses": {
              "201": {"description": "The event with its first occurrence.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "get": {
            "operationId": "listEvents", "summary": "A program's events (program_id), or the organization's, the latest first.",
            "security": [{"oauth": ["read"]}],
            "parameters": [{"name": "program_id", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
            "responses": {
              "200": {"description": "Events.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/events/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "get": {
            "operationId": "getEvent", "summary": "One event with its occurrences (404 to those who may not see its program).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/events/{id}/script": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "get": {
            "operationId": "getScript", "summary": "A tweetchat's script: the welcome and the questions with their offsets.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The script.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Script"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "put": {
            "operationId": "setScript", "summary": "Replace the script (hosts). During a live chat, questions already released cannot change.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScriptInput"}}}},
            "responses": {
              "200": {"description": "The script.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Script"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/release_next": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "releaseNext", "summary": "Release the next question of a live chat now (hosts).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The released question.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["number", "status_id", "released_at"],
                "properties": {"number": {"type": "integer", "minimum": 1}, "status_id": {"type": ["string", "null"]},
                               "released_at": {"type": "string", "format": "date-time"}}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/start": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "startOccurrence", "summary": "Start an occurrence now rather than at its planned time (hosts); a chat's questions follow from now.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/end": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "endOccurrence", "summary": "End a live occurrence now (hosts); a chat's transcript is written.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/hold": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "holdChat", "summary": "Hold a live chat's questions (hosts).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "resumeChat", "summary": "Lift the hold: overdue questions go out at once, the others at their times (hosts).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/questions": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "get": {
            "operationId": "listExpertQuestions", "summary": "An ask-the-expert session's questions the caller may see: unanswered first, most upvoted first.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The questions.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ExpertQuestion"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "operationId": "askExpert", "summary": "Submit a question before or during the session (waits for a host's approval when the event asks for it).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "maxLength": 300, "pattern": "\\S"}}}}}},
            "responses": {
              "201": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExpertQuestion"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/expert_questions/{id}/vote": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "upvoteExpertQuestion", "summary": "Upvote an approved question (once; not one's own) while the session is open.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExpertQuestion"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "unvoteExpertQuestion", "summary": "Take the upvote back.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExpertQuestion"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/expert_questions/{id}/approve": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "approveExpertQuestion", "summary": "Approve a waiting question (hosts).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExpertQuestion"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/expert_questions/{id}/reject": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "rejectExpertQuestion", "summary": "Turn a question down (hosts): only its asker and the hosts see it.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExpertQuestion"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/expert_questions/{id}/answer": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "answerExpertQuestion", "summary": "Answer an approved question while the session is open (its experts and hosts); again to replace the answer.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "maxLength": 2000, "pattern": "\\S"}}}}}},
            "responses": {
              "200": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExpertQuestion"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/summary": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "get": {
            "operationId": "expertSummary", "summary": "The approved questions paired with their answers, and those not answered.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The summary.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["answered", "unanswered"],
                "properties": {"answered": {"type": "array", "items": {"$ref": "#/components/schemas/ExpertQuestion"}},
                               "unanswered": {"type": "array", "items": {"$ref": "#/components/schemas/ExpertQuestion"}}}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/hand_off": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "handOffExpertQuestions", "summary": "After a program's session, ask each unanswered question in the program as an open question (hosts; once each).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The new program questions.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["status_ids"], "properties": {"status_ids": {"type": "array", "items": {"type": "string"}}}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/events/{id}/expert_invitations": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "inviteExpert", "summary": "A one-use invitation link (hosts): whoever signs up with it becomes a guest who is this event's expert and sees nothing else.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "201": {"description": "The invitation.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GuestInvitation"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/transcript": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "get": {
            "operationId": "getTranscript", "summary": "An ended chat's transcript (Markdown) and its knowledge-base page, if any.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The transcript.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["markdown", "knowledge_page_id"],
                "properties": {"markdown": {"type": "string"}, "knowledge_page_id": {"type": ["string", "null"]}}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/occurrences/{id}/rsvp": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "rsvp", "summary": "Say you will come to an occurrence (you are reminded before it and told when it starts).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "cancelRSVP", "summary": "Say you will not come after all.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/reports": {
          "post": {
            "operationId": "createReport", "summary": "Report a person, and optionally posts of theirs you can see, with a reason: for the organization's moderators and, for a program's posts, the program's.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/ReportInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/ReportInput"}}}},
            "responses": {
              "201": {"description": "The report.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "get": {
            "operationId": "openReports", "summary": "Open reports, newest first, with the reported posts: the organization's queue (its moderators), or with program_id the program's (its facilitators and moderators).",
            "security": [{"oauth": ["read"]}],
            "parameters": [{"name": "program_id", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
            "responses": {
              "200": {"description": "Open reports.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Report"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/reports/{id}/resolve": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
          "post": {
            "operationId": "resolveReport", "summary": "Resolve a report (with program_id: from the program's queue, by its facilitators and moderators).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": false, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/ResolveInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/ResolveInput"}}}},
            "responses": {
              "200": {"description": "Resolved.", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/accounts/{id}/warn": {
          "parameters": [{"$ref": "#/components/parameters/AccountID"}],
          "post": {
            "operationId": "warnAccount",
            "summary": "Warn someone with a reason they are notified of (a moderation_warning notification): the organization's moderators anyone; a program's facilitators and moderators the author of a post in their program (status_id).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/WarnInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/WarnInput"}}}},
            "responses": {
              "200": {"description": "Warned.", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/accounts/{id}/suspend": {
          "parameters": [{"$ref": "#/components/parameters/AccountID"}],
          "post": {
            "operationId": "suspendAccount",
            "summary": "Suspend an account (the organization's moderators): it cannot sign in or use its tokens, and its posts are seen by moderators only.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/HideInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/HideInput"}}}},
            "responses": {
              "200": {"description": "The account, suspended.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Suspension"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "unsuspendAccount", "summary": "Lift a suspension (the organization's moderators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The account, no longer suspended.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Suspension"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/statuses/{id}/reveal_author": {
          "parameters": [{"$ref": "#/components/parameters/StatusID"}],
          "post": {
            "operationId": "revealAuthor",
            "summary": "Who asked an anonymous question: for its program's facilitators and moderators and the organization's moderators; every look is written to the audit log.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The asker.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["account"],
                "properties": {"account": {"type": "object", "description": "A Mastodon Account entity.", "required": ["id", "username", "acct"]}}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/statuses/{id}/qa": {
          "parameters": [{"$ref": "#/components/parameters/StatusID"}],
          "get": {
            "operationId": "statusQA", "summary": "A status with its Q&A state.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The status with its Q&A state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/statuses/{id}/question": {
          "parameters": [{"$ref": "#/components/parameters/StatusID"}],
          "post": {
            "operationId": "markQuestion", "summary": "Mark a status as a question (its author or the program's facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The status with its Q&A state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "undoMarkQuestion", "summary": "Take back: mark a status as a question (its author or the program's facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The status with its Q&A state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/statuses/{id}/upvote": {
          "parameters": [{"$ref": "#/components/parameters/StatusID"}],
          "post": {
            "operationId": "upvoteAnswer", "summary": "Upvote an answer (a reply to a question), not your own.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The status with its Q&A state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "undoUpvoteAnswer", "summary": "Take back: upvote an answer (a reply to a question), not your own.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The status with its Q&A state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/statuses/{id}/accept": {
          "parameters": [{"$ref": "#/components/parameters/StatusID"}],
          "post": {
            "operationId": "acceptAnswer", "summary": "Accept an answer (the asker or the program's facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The status with its Q&A state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "undoAcceptAnswer", "summary": "Take back: accept an answer (the asker or the program's facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The status with its Q&A state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/knowledge": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "listKnowledge", "summary": "The program's knowledge base pages, most recently updated first.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Pages.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/KnowledgePage"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "operationId": "promoteToKnowledge", "summary": "Save a question with its accepted answers, an answer with its question, or a thread as a page (facilitators).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/PromoteInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/PromoteInput"}}}},
            "responses": {
              "200": {"description": "The new page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/KnowledgePage"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/knowledge/export.tar": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "exportKnowledgeMarkdown", "summary": "The whole knowledge base as Markdown files (index.md and one file per page) in a tar archive.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "A tar archive.", "content": {"application/x-tar": {"schema": {"type": "string", "contentMediaType": "application/x-tar"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/knowledge/export.html": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "exportKnowledgeHTML", "summary": "The whole knowledge base as one static HTML page.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "An HTML document.", "content": {"text/html": {"schema": {"type": "string"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/statuses/{id}/hide": {
          "parameters": [{"$ref": "#/components/parameters/StatusID"}],
          "post": {
            "operationId": "hideStatus", "summary": "Hide a status from everyone but its author and moderators, with a reason its author sees (moderators of the organization or of its program).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/HideInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/HideInput"}}}},
            "responses": {
              "200": {"description": "The hidden status.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ModeratedStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "showStatus", "summary": "Show a hidden status again.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The status.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ModeratedStatus"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/admin/audit": {
          "parameters": [{"name": "max_id", "in": "query", "schema": {"type": "string"}},
                         {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 40}}],
          "get": {
            "operationId": "auditLog", "summary": "Every moderation action, newest first (admins).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Entries.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/knowledge/{id}": {
          "parameters": [{"$ref": "#/components/parameters/PageID"}],
          "get": {
            "operationId": "getKnowledgePage", "summary": "One page (for those who may see its program).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/KnowledgePage"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "patch": {
            "operationId": "editKnowledgePage", "summary": "Change a page's title or body (facilitators and moderators); the old version is kept.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/PageInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/PageInput"}}}},
            "responses": {
              "200": {"description": "The changed page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/KnowledgePage"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/knowledge/{id}/revisions": {
          "parameters": [{"$ref": "#/components/parameters/PageID"}],
          "get": {
            "operationId": "knowledgeRevisions", "summary": "Earlier versions of a page, newest first.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Revisions.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/KnowledgeRevision"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "oauth": {
            "type": "oauth2",
            "flows": {"authorizationCode": {"authorizationUrl": "/oauth/authorize", "tokenUrl": "/oauth/token",
                                            "scopes": {"read": "Read programs and members", "write": "Create, change and join programs"}}}
          }
        },
        "parameters": {
          "ProgramID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}},
          "StatusID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}},
          "PageID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}},
          "AccountID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}
        },
        "responses": {
          "Error": {"description": "What went wrong.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}}
          },
          "HideInput": {
            "type": "object", "required": ["reason"],
            "properties": {"reason": {"type": "string", "maxLength": 500, "pattern": "\\S"}}
          },
          "ModeratedStatus": {
            "type": "object", "required": ["status", "hidden_at", "hidden_reason"],
            "properties": {
              "status": {"type": "object", "description": "A Mastodon Status entity.", "required": ["id", "content", "account"]},
              "hidden_at": {"type": ["string", "null"], "format": "date-time"}, "hidden_reason": {"type": ["string", "null"]}
            }
          },
          "AuditEntry": {
            "type": "object",
            "required": ["id", "actor_id", "action", "program_id", "target_account_id", "target_status_id", "reason", "created_at"],
            "properties": {
              "id": {"type": "string"}, "actor_id": {"type": ["string", "null"]},
              "action": {"type": "string", "enum": \#(auditActions)},
              "program_id": {"type": ["string", "null"]}, "target_account_id": {"type": ["string", "null"]},
              "target_status_id": {"type": ["string", "null"]}, "reason": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}
            }
          },
          "Dashboard": {
            "type": "object",
            "required": ["open_questions", "unanswered_questions", "oldest_unanswered_at", "open_reports", "without_introduction", "last_7_days", "last_30_days"],
            "properties": {
              "open_questions": {"type": "integer", "minimum": 0}, "unanswered_questions": {"type": "integer", "minimum": 0},
              "oldest_unanswered_at": {"type": ["string", "null"], "format": "date-time"},
              "open_reports": {"type": "integer", "minimum": 0}, "without_introduction": {"type": "integer", "minimum": 0},
              "last_7_days": {"$ref": "#/components/schemas/Activity"}, "last_30_days": {"$ref": "#/components/schemas/Activity"}
            }
          },
          "GuestInvitation": {
            "type": "object", "required": ["code", "url", "program_id", "event_id", "expires_at"],
            "properties": {"code": {"type": "string"}, "url": {"type": "string", "format": "uri"}, "program_id": {"type": ["string", "null"]},
                           "event_id": {"type": ["string", "null"]}, "expires_at": {"type": "string", "format": "date-time"}}
          },
          "ExpertQuestion": {
            "type": "object",
            "required": ["id", "occurrence_id", "text", "status", "votes_count", "upvoted", "created_at", "account", "answer", "answered_at",
                         "answered_by", "open_question_status_id"],
            "properties": {
              "id": {"type": "string"}, "occurrence_id": {"type": "string"}, "text": {"type": "string"},
              "status": {"type": "string", "enum": ["pending", "approved", "rejected"],
                         "description": "pending and rejected questions are seen only by their asker and the hosts."},
              "votes_count": {"type": "integer", "minimum": 0}, "upvoted": {"type": "boolean", "description": "The caller upvoted it."},
              "created_at": {"type": "string", "format": "date-time"},
              "account": {"type": "object", "description": "A Mastodon Account entity: who asked.", "required": ["id", "username", "acct"]},
              "answer": {"type": ["string", "null"]}, "answered_at": {"type": ["string", "null"], "format": "date-time"},
              "answered_by": {"type": ["object", "null"], "description": "A Mastodon Account entity: who answered."},
              "open_question_status_id": {"type": ["string", "null"], "description": "The program question it was handed on as."}
            }
          },
          "Activity": {
            "type": "object", "required": ["posts", "active_members"],
            "properties": {"posts": {"type": "integer", "minimum": 0}, "active_members": {"type": "integer", "minimum": 0}}
          },
          "KnowledgePage": {
            "type": "object",
            "required": ["id", "program_id", "title", "body", "url", "source_status_id", "created_by", "created_at", "updated_by", "updated_at"],
            "properties": {
              "id": {"type": "string"}, "program_id": {"type": "string"}, "title": {"type": "string"},
              "body": {"type": "string", "description": "Markdown."}, "url": {"type": "string", "format": "uri"},
              "source_status_id": {"type": ["string", "null"]}, "created_by": {"type": ["string", "null"]},
              "created_at": {"type": "string", "format": "date-time"}, "updated_by": {"type": ["string", "null"]},
              "updated_at": {"type": "string", "format": "date-time"}
            }
          },
          "KnowledgeRevision": {
            "type": "object", "required": ["title", "body", "edited_by", "edited_at"],
            "properties": {"title": {"type": "string"}, "body": {"type": "string"}, "edited_by": {"type": ["string", "null"]},
                           "edited_at": {"type": "string", "format": "date-time"}}
          },
          "PromoteInput": {
            "type": "object", "required": ["status_id"],
            "properties": {"status_id": {"type": "string", "pattern": "^[0-9]+$"}, "title": {"type": "string", "maxLength": 200}}
          },
          "PageInput": {
            "type": "object",
            "properties": {"title": {"type": "string", "maxLength": 200, "pattern": "\\S"}, "body": {"type": "string", "maxLength": 100000, "pattern": "\\S"}}
          },
          "QuestionStatus": {
            "type": "object",
            "required": ["status", "is_question", "first_answer_at", "answered_at", "accepted_at", "votes_count", "voted", "anonymous"],
            "properties": {
              "status": {"type": "object", "description": "A Mastodon Status entity.", "required": ["id", "content", "account"]},
              "is_question": {"type": "boolean"},
              "first_answer_at": {"type": ["string", "null"], "format": "date-time", "description": "For a question: when someone other than the asker first answered."},
              "answered_at": {"type": ["string", "null"], "format": "date-time", "description": "For a question: when its first accepted answer was accepted."},
              "accepted_at": {"type": ["string", "null"], "format": "date-time", "description": "For an answer: when it was accepted."},
              "votes_count": {"type": "integer", "minimum": 0},
              "voted": {"type": "boolean", "description": "The caller upvoted this answer."},
              "anonymous": {"type": "boolean", "description": "Asked anonymously: to everyone but its author, the status's account is \"a learner\" (id 0)."}
            }
          },
          "Script": {
            "type": "object", "required": ["welcome", "questions"],
            "properties": {"welcome": {"type": "string"}, "questions": {"type": "array", "items": {
              "type": "object", "required": ["number", "text", "offset_minutes"],
              "properties": {"number": {"type": "integer", "minimum": 1}, "text": {"type": "string"}, "offset_minutes": {"type": "number"}}}}}
          },
          "ScriptInput": {
            "type": "object",
            "properties": {"welcome": {"type": "string", "maxLength": 380},
                           "questions": {"type": "array", "maxItems": 20, "items": {
                             "type": "object", "required": ["text", "offset_minutes"],
                             "properties": {"text": {"type": "string", "maxLength": 380, "pattern": "\\S"},
                                            "offset_minutes": {"type": "number", "minimum": 0, "maximum": 480}}}}}
          },
          "EventInput": {
            "type": "object", "required": ["kind", "title", "starts_at", "time_zone"],
            "properties": {
              "kind": {"type": "string", "enum": ["tweetchat", "ask-the-expert"]},
              "title": {"type": "string", "maxLength": 200, "pattern": "\\S"},
              "hashtag": {"type": "string", "maxLength": 100},
              "program_id": {"type": "string", "pattern": "^[0-9]+$"},
              "starts_at": {"type": "string", "format": "date-time"},
              "time_zone": {"type": "string", "description": "An IANA time zone name (Europe/Berlin)."},
              "duration_minutes": {"type": "integer", "minimum": 15, "maximum": 480, "default": 60},
              "recurrence": {"type": "string", "enum": ["none", "weekly", "every-two-weeks", "monthly"], "default": "none"},
              "reminder_minutes": {"type": "integer", "minimum": 0, "maximum": 10080, "default": 30},
              "requires_approval": {"type": "boolean", "default": false, "description": "Ask-the-expert: hosts approve questions before everyone sees them."},
              "open_to_outside": {"type": "boolean", "default": false,
                                  "description": "Open to the outside (an event in no program, its host open to the outside, federation on): its posts are public and public posts on its hashtag from other servers take part."}
            }
          },
          "Event": {
            "type": "object",
            "required": ["id", "kind", "title", "hashtag", "program_id", "url", "starts_at", "time_zone", "duration_minutes", "recurrence",
                         "reminder_minutes", "requires_approval", "open_to_outside", "occurrences"],
            "properties": {
              "id": {"type": "string"}, "kind": {"type": "string", "enum": ["tweetchat", "ask-the-expert"]}, "title": {"type": "string"},
              "hashtag": {"type": "string"}, "program_id": {"type": ["string", "null"]}, "url": {"type": "string", "format": "uri"},
              "starts_at": {"type": "string", "format": "date-time"}, "time_zone": {"type": "string"},
              "duration_minutes": {"type": "integer"}, "recurrence": {"type": "string", "enum": ["none", "weekly", "every-two-weeks", "monthly"]},
              "reminder_minutes": {"type": "integer"}, "requires_approval": {"type": "boolean"}, "open_to_outside": {"type": "boolean"},
              "occurrences": {"type": "array", "items": {
                "type": "object", "required": ["id", "starts_at", "ends_at", "started_at", "ended_at", "coming"],
                "properties": {"id": {"type": "string"}, "starts_at": {"type": "string", "format": "date-time"},
                               "ends_at": {"type": "string", "format": "date-time"},
                               "started_at": {"type": ["string", "null"], "format": "date-time"},
                               "ended_at": {"type": ["string", "null"], "format": "date-time"},
                               "coming": {"type": "boolean", "description": "The caller said they would come."}}}}
            }
          },
          "ReportInput": {
            "type": "object", "required": ["account_id"],
            "properties": {
              "account_id": {"type": "string", "pattern": "^[0-9]+$", "description": "The person reported (\"0\" names the asker of anonymous questions in status_ids)."},
              "status_ids": {"type": "array", "maxItems": 20, "items": {"type": "string", "pattern": "^[0-9]+$"}},
              "comment": {"type": "string", "maxLength": 1000},
              "category": {"type": "string", "enum": ["spam", "legal", "violation", "other"]}
            }
          },
          "ResolveInput": {
            "type": "object", "properties": {"program_id": {"type": "string", "pattern": "^[0-9]+$"}}
          },
          "Report": {
            "type": "object", "required": ["id", "category", "comment", "created_at", "target_account", "status_ids", "statuses"],
            "properties": {
              "id": {"type": "string"}, "category": {"type": "string", "enum": ["spam", "legal", "violation", "other"]},
              "comment": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
              "target_account": {"type": "object", "description": "A Mastodon Account entity.", "required": ["id", "username", "acct"]},
              "status_ids": {"type": "array", "items": {"type": "string"}},
              "statuses": {"type": "array", "items": {"type": "object", "description": "A Mastodon Status entity.", "required": ["id", "content", "account"]}}
            }
          },
          "WarnInput": {
            "type": "object", "required": ["reason"],
            "properties": {"reason": {"type": "string", "maxLength": 500, "pattern": "\\S"},
                           "status_id": {"type": "string", "pattern": "^[0-9]+$", "description": "The post the warning is about."}}
          },
          "Suspension": {
            "type": "object", "required": ["account", "suspended_at"],
            "properties": {"account": {"type": "object", "description": "A Mastodon Account entity.", "required": ["id", "username", "acct"]},
                           "suspended_at": {"type": ["string", "null"], "format": "date-time"}}
          },
          "GuideInput": {
            "type": "object", "required": ["title", "media_ids", "captions"],
            "properties": {
              "title": {"type": "string", "maxLength": 120, "pattern": "\\S"},
              "media_ids": {"type": "array", "minItems": 1, "maxItems": 10, "items": {"type": "string", "pattern": "^[0-9]+$"},
                            "description": "The steps' photos, in order (the caller's own unattached uploads)."},
              "captions": {"type": "array", "minItems": 1, "maxItems": 10, "items": {"type": "string", "maxLength": 300, "pattern": "\\S"},
                           "description": "One caption per photo, in the same order."},
              "program_id": {"type": "string", "pattern": "^[0-9]+$", "description": "Publish in this program (its hashtag is added)."},
              "visibility": {"type": "string", "enum": ["public", "organization", "followers", "direct"], "default": "organization"}
            }
          },
          "Guide": {
            "type": "object", "required": ["id", "title", "program_id", "steps", "status"],
            "properties": {
              "id": {"type": "string", "description": "The id of the status it is published as."},
              "title": {"type": "string"}, "program_id": {"type": ["string", "null"]},
              "steps": {"type": "array", "items": {
                "type": "object", "required": ["position", "caption", "media"],
                "properties": {"position": {"type": "integer", "minimum": 1}, "caption": {"type": "string"},
                               "media": {"type": "object", "description": "A Mastodon MediaAttachment.", "required": ["id", "type", "url"]}}}},
              "status": {"type": "object", "description": "A Mastodon Status entity.", "required": ["id", "content", "account", "media_attachments"]}
            }
          },
          "QuestionInput": {
            "type": "object", "required": ["status"],
            "properties": {"status": {"type": "string", "maxLength": 500, "pattern": "\\S"},
                           "anonymous": {"type": "boolean", "default": false}}
          },
          "Program": {
            "type": "object",
            "required": ["id", "title", "hashtag", "url", "description", "agreement", "agreement_version", "visibility",
                         "starts_at", "ends_at", "archived_at", "anonymous_questions", "created_at", "membership", "threads"],
            "properties": {
              "id": {"type": "string"},
              "title": {"type": "string"},
              "hashtag": {"type": "string", "description": "Without the #."},
              "url": {"type": "string", "format": "uri"},
              "description": {"type": "string"},
              "agreement": {"type": "string", "description": "The shared agreement members accept when they join."},
              "agreement_version": {"type": "integer", "minimum": 1},
              "visibility": {"type": "string", "enum": ["open", "private"]},
              "starts_at": {"type": ["string", "null"], "format": "date-time"},
              "ends_at": {"type": ["string", "null"], "format": "date-time"},
              "archived_at": {"type": ["string", "null"], "format": "date-time"},
              "anonymous_questions": {"type": "boolean", "description": "Its facilitators allow anonymous questions."},
              "created_at": {"type": "string", "format": "date-time"},
              "membership": {"oneOf": [{"$ref": "#/components/schemas/Membership"}, {"type": "null"}], "description": "The caller's, if a member."},
              "threads": {
                "type": "object", "description": "Status ids of the program's pinned threads (null: none).",
                "required": ["introductions", "challenges", "commitments"],
                "properties": {"introductions": {"type": ["string", "null"]}, "challenges": {"type": ["string", "null"]},
                               "commitments": {"type": ["string", "null"]}}
              }
            }
          },
          "Membership": {
            "type": "object", "required": ["role", "joined_at", "agreed_at", "agreement_version"],
            "properties": {
              "account": {"type": "object", "description": "A Mastodon Account entity (in member lists).", "required": ["id", "username", "acct"]},
              "role": {"type": "string", "enum": ["facilitator", "moderator", "learner", "expert"]},
              "joined_at": {"type": "string", "format": "date-time"},
              "agreed_at": {"type": ["string", "null"], "format": "date-time"},
              "agreement_version": {"type": ["integer", "null"]}
            }
          },
          "NewProgram": {
            "allOf": [{"$ref": "#/components/schemas/ProgramInput"},
                      {"type": "object", "properties": {"template": {"type": "string", "enum": ["social-learning"],
                       "description": "A default agreement (when none is given) and pinned threads for introductions, challenges and commitments."}}}],
            "required": ["title", "hashtag"]
          },
          "ProgramInput": {
            "type": "object",
            "properties": {
              "title": {"type": "string", "maxLength": 200, "pattern": "\\S"},
              "hashtag": {"type": "string", "maxLength": 100, "pattern": "^#?[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$",
                          "description": "Letters, digits and underscores (at least one letter or underscore), with single hyphens inside; fixed once created."},
              "description": {"type": "string", "maxLength": 5000},
              "agreement": {"type": "string", "maxLength": 20000},
              "visibility": {"type": "string", "enum": ["open", "private"]},
              "starts_at": {"type": "string", "format": "date-time"},
              "ends_at": {"type": "string", "format": "date-time"},
              "anonymous_questions": {"type": "boolean", "description": "Allow questions asked anonymously."}
            }
          },
          "JoinInput": {
            "type": "object", "required": ["agreement_version"],
            "properties": {"agreement_version": {"type": "integer", "description": "The version of the agreement the person read and accepts."}}
          },
          "RoleInput": {
            "type": "object", "required": ["role"],
            "properties": {"role": {"type": "string", "enum": ["facilitator", "moderator", "learner", "expert"]}}
          }
        }
      }
    }
    """#
}
