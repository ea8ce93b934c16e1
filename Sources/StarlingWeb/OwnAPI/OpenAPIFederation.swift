/// The part of the OpenAPI document (see `OpenAPIDocument`) for federation's settings: the mode and the
/// allowed and blocked domains, for admins.
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
        }
      },
      "schemas": {
        "FederationSettings": {
          "type": "object", "required": ["mode", "domains"],
          "properties": {
            "mode": {"type": "string", "enum": ["off", "allowlist", "open"]},
            "domains": {"type": "array", "items": {"$ref": "#/components/schemas/DomainRule"}}
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
        "DomainRuleInput": {
          "type": "object", "required": ["domain", "kind"],
          "properties": {"domain": {"type": "string"}, "kind": {"type": "string", "enum": ["allow", "block"]}}
        }
      }
    }
    """#
}
