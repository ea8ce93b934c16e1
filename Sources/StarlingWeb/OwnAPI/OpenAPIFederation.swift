/// The part of the OpenAPI document (see `OpenAPIDocument`) for federation's settings: the mode, the
/// allowed and blocked domains, relays, and the servers deliveries fail to reach, for admins; and members'
/// asking for a hashtag's posts from outside.
enum OpenAPIFederation {
    static let json = #"""
    {
      "paths": {
        "/admin/federation": {
          "get": {
            "operationId": "getFederation", "summary": "The federation mode and the allowed and blocked domains (admins).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}
            }
          },
          "put": {
            "operationId": "setFederationMode", "summary": "Sets the mode: off, allowlist (listed domains only) or open (all but blocked ones) (admins).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/FederationModeInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/FederationModeInput"}}}},
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/admin/federation/domains": {
          "post": {
            "operationId": "listDomain",
            "summary": "Puts a domain (social.example, a URL or handle on it, or host:port) on the allow or block list, off the other; a block always wins (admins).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/DomainRuleInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/DomainRuleInput"}}}},
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/admin/federation/domains/{domain}": {
          "parameters": [{"name": "domain", "in": "path", "required": true, "schema": {"type": "string"}}],
          "delete": {
            "operationId": "forgetDomain", "summary": "Takes a domain off the lists (admins).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/admin/federation/relays": {
          "post": {
            "operationId": "subscribeRelay",
            "summary": "Subscribes to a relay (its inbox, or a tag relay's address) on an admitted domain: the server's actor follows it (admins).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/RelayInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/RelayInput"}}}},
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/admin/federation/relays/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
          "delete": {
            "operationId": "unsubscribeRelay", "summary": "Ends a relay subscription; the relay hears it (admins).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/admin/federation/tag_relay": {
          "put": {
            "operationId": "setTagRelay",
            "summary": "Sets where hashtags' relays are, with {tag} for the hashtag (https://relay.example/tag/{tag}), or none when empty (admins).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/TagRelayInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/TagRelayInput"}}}},
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/tags/{name}/outside": {
          "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
          "post": {
            "operationId": "askTagFromOutside",
            "summary": "Follows the hashtag with its posts from other servers too, through its relay (409 when federation is off or no relay for hashtags is set).",
            "security": [{"oauth": ["write:follows"]}],
            "responses": {
              "200": {"description": "The hashtag as the member follows it.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TagFromOutside"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "stopTagFromOutside", "summary": "Stops the hashtag's posts from other servers (the hashtag stays followed).",
            "security": [{"oauth": ["write:follows"]}],
            "responses": {
              "200": {"description": "The hashtag as the member follows it.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TagFromOutside"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/events/{id}/outside": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
          "post": {
            "operationId": "openEventToOutside",
            "summary": "Opens an event to the outside (its hosts): its posts are public, public posts on its hashtag from other servers take part in its live page and transcript, and its hashtag's relay is subscribed when one is set. 422 for a program's event or a host others cannot find; 409 when federation is off.",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "closeEventToOutside", "summary": "Keeps an event inside the organization again (its hosts).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The event.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/admin/federation/deliveries/{domain}/resume": {
          "parameters": [{"name": "domain", "in": "path", "required": true, "schema": {"type": "string"}}],
          "post": {
            "operationId": "resumeDeliveries",
            "summary": "Sends deliveries to a server again after they were paused for failing for days; 404 when none were failing (admins).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The settings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FederationSettings"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "schemas": {
        "FederationSettings": {
          "type": "object", "required": ["mode", "domains", "deliveries_failing", "relays", "tag_relay"],
          "properties": {
            "mode": {"type": "string", "enum": ["off", "allowlist", "open"]},
            "tag_relay": {"type": ["string", "null"], "description": "Where hashtags' relays are, {tag} standing for the hashtag."},
            "relays": {"type": "array", "items": {"$ref": "#/components/schemas/Relay"}},
            "domains": {"type": "array", "items": {"$ref": "#/components/schemas/DomainRule"}},
            "deliveries_failing": {"type": "array", "items": {"$ref": "#/components/schemas/DeliveryTrouble"}}
          }
        },
        "DeliveryTrouble": {
          "type": "object", "required": ["domain", "failing_since", "last_failure_at", "last_error", "paused_at"],
          "description": "A server deliveries have failed to reach since the last one that arrived; paused after two days.",
          "properties": {
            "domain": {"type": "string"}, "failing_since": {"type": "string", "format": "date-time"},
            "last_failure_at": {"type": "string", "format": "date-time"}, "last_error": {"type": "string"},
            "paused_at": {"type": ["string", "null"], "format": "date-time"}
          }
        },
        "DomainRule": {
          "type": "object", "required": ["domain", "kind", "created_at"],
          "properties": {
            "domain": {"type": "string"}, "kind": {"type": "string", "enum": ["allow", "block"]},
            "created_at": {"type": "string", "format": "date-time"}
          }
        },
        "FederationModeInput": {
          "type": "object", "required": ["mode"],
          "properties": {"mode": {"type": "string", "enum": ["off", "allowlist", "open"]}}
        },
        "Relay": {
          "type": "object", "required": ["id", "address", "tag", "state", "created_at"],
          "description": "A relay the server subscribes to: an admin's (tag null), or a hashtag's for the members who asked for its posts from outside.",
          "properties": {
            "id": {"type": "string"}, "address": {"type": "string"}, "tag": {"type": ["string", "null"]},
            "state": {"type": "string", "enum": ["requested", "accepted", "rejected"]},
            "created_at": {"type": "string", "format": "date-time"}
          }
        },
        "RelayInput": {"type": "object", "required": ["address"], "properties": {"address": {"type": "string"}}},
        "TagRelayInput": {"type": "object", "required": ["tag_relay"], "properties": {"tag_relay": {"type": "string"}}},
        "TagFromOutside": {
          "type": "object", "required": ["name", "following", "from_outside"],
          "properties": {"name": {"type": "string"}, "following": {"type": "boolean"}, "from_outside": {"type": "boolean"}}
        },
        "DomainRuleInput": {
          "type": "object", "required": ["domain", "kind"],
          "properties": {"domain": {"type": "string"}, "kind": {"type": "string", "enum": ["allow", "block"]}}
        }
      }
    }
    """#
}
