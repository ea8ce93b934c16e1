/// The part of the OpenAPI document (see `OpenAPIDocument`) for reinforcement after training:
/// plans and nuggets, reviews with their FSRS log, commitments, partners and the board.
enum OpenAPIReinforcement {
    static let json = #"""
    {
      "paths": {
        "/programs/{id}/plans": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "listPlans", "summary": "A program's reinforcement plans, newest first (its facilitators and moderators).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The plans.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Plan"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "operationId": "createPlan", "summary": "Make a plan (facilitators); its nuggets go out as posts of the caller on the program's hashtag.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/PlanInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/PlanInput"}}}},
            "responses": {
              "200": {"description": "The new plan.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Plan"}}},
                      "links": {"GetPlan": {"operationId": "getPlan", "parameters": {"id": "$response.body#/id"}},
                                "AddNugget": {"operationId": "addNugget", "parameters": {"id": "$response.body#/id"}},
                                "PausePlan": {"operationId": "pausePlan", "parameters": {"id": "$response.body#/id"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/plans/{id}": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "get": {
            "operationId": "getPlan", "summary": "A plan with its nuggets and when each not yet released goes out.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The plan.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Plan"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "patch": {
            "operationId": "updatePlan", "summary": "Change a plan's title and schedule (facilitators); released nuggets stay as posted.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/PlanChange"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/PlanChange"}}}},
            "responses": {
              "200": {"description": "The plan.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Plan"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/plans/{id}/pause": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "post": {
            "operationId": "pausePlan", "summary": "Pause a plan: nothing is released until it is resumed (facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The plan.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Plan"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/plans/{id}/resume": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "post": {
            "operationId": "resumePlan", "summary": "Resume a plan from its next release day; days passed while paused are skipped (facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "The plan.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Plan"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/plans/{id}/nuggets": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "post": {
            "operationId": "addNugget", "summary": "Add a nugget at the end of a plan (facilitators).",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/NuggetInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/NuggetInput"}}}},
            "responses": {
              "200": {"description": "The nugget.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nugget"}}},
                      "links": {"UpdateNugget": {"operationId": "updateNugget", "parameters": {"id": "$response.body#/id"}},
                                "DeleteNugget": {"operationId": "deleteNugget", "parameters": {"id": "$response.body#/id"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/nuggets/{id}": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "patch": {
            "operationId": "updateNugget", "summary": "Change a nugget (facilitators); a released one keeps its post and its check's options.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/NuggetInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/NuggetInput"}}}},
            "responses": {
              "200": {"description": "The nugget.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nugget"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "operationId": "deleteNugget", "summary": "Delete a nugget not released yet (facilitators).",
            "security": [{"oauth": ["write"]}],
            "responses": {
              "200": {"description": "Deleted.", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/reviews": {
          "get": {
            "operationId": "listDueReviews", "summary": "The caller's review queue: recall checks due now, the oldest due first.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Due reviews.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Review"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/reviews/{id}": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "get": {
            "operationId": "getReview", "summary": "One of the caller's checks (by nugget id) with its review log: each review's time, rating and FSRS state after it.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The review.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Review"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/reviews/{id}/answer": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "post": {
            "operationId": "answerReview", "summary": "Answer a due check: wrong is rated Again, right is Good (or the rating given); the next review follows FSRS-6.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/AnswerInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/AnswerInput"}}}},
            "responses": {
              "200": {"description": "Whether it was right, with the explanation and the next due time.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReviewOutcome"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/commitments": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "listCommitments", "summary": "A program's commitments the caller may see (private ones: their own, their partners', all for facilitators).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "Newest first.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Commitment"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "operationId": "createCommitment", "summary": "Commit to something by a day (members); a public commitment is posted in the program's commitments thread.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/CommitmentInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/CommitmentInput"}}}},
            "responses": {
              "200": {"description": "The commitment.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Commitment"}}},
                      "links": {"GetCommitment": {"operationId": "getCommitment", "parameters": {"id": "$response.body#/id"}},
                                "CheckIn": {"operationId": "checkIn", "parameters": {"id": "$response.body#/id"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/commitments/{id}": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "get": {
            "operationId": "getCommitment", "summary": "A commitment with its check-ins, oldest first.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The commitment.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Commitment"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/commitments/{id}/check_ins": {
          "parameters": [{"$ref": "#/components/parameters/RecordID"}],
          "post": {
            "operationId": "checkIn", "summary": "Check in on one's own commitment, optionally marking it done or dropped; partners are told.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/CheckInInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/CheckInInput"}}}},
            "responses": {
              "200": {"description": "The check-in.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckIn"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/partners": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "listPartnerRounds", "summary": "A program's rounds of accountability partners, newest first (facilitators and moderators).",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "The rounds.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/PartnerRound"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "operationId": "pairPartners", "summary": "Pair the program's learners (facilitators): by hand, or at random avoiding earlier pairs, optionally again every round.",
            "security": [{"oauth": ["write"]}],
            "requestBody": {"content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/PairInput"}},
              "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/PairInput"}}}},
            "responses": {
              "200": {"description": "The new round.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PartnerRound"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/programs/{id}/board": {
          "parameters": [{"$ref": "#/components/parameters/ProgramID"}],
          "get": {
            "operationId": "getBoard", "summary": "The facilitators' board: each learner's commitments, last check-in, partners, last activity, and who has gone quiet.",
            "security": [{"oauth": ["read"]}],
            "responses": {
              "200": {"description": "One row per learner.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/BoardRow"}}}}},
              "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "parameters": {
        "RecordID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}}
      },
      "schemas": {
        "PlanChange": {
          "type": "object",
          "properties": {
            "title": {"type": "string", "maxLength": 100, "pattern": "\\S"},
            "start_day": {"type": "string", "format": "date", "description": "The first release day, in the plan's time zone."},
            "release_time": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "description": "Local time, HH:MM."},
            "time_zone": {"type": "string", "description": "An IANA time zone name; the organization's by default."},
            "every_days": {"type": "integer", "minimum": 1, "maximum": 90},
            "weekdays": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}, "description": "ISO weekdays (1 Monday); empty: any day."},
            "horizon_days": {"type": "integer", "minimum": 1, "maximum": 730},
            "desired_retention": {"type": "number", "minimum": 0.7, "maximum": 0.97}
          }
        },
        "PlanInput": {"allOf": [{"$ref": "#/components/schemas/PlanChange"}], "required": ["title", "start_day"]},
        "Plan": {
          "type": "object",
          "required": ["id", "program_id", "title", "author_id", "url", "start_day", "release_time", "time_zone", "every_days", "weekdays",
                       "horizon_days", "ends_at", "desired_retention", "paused", "created_at", "nuggets"],
          "properties": {
            "id": {"type": "string"}, "program_id": {"type": "string"}, "title": {"type": "string"}, "author_id": {"type": "string"},
            "url": {"type": "string", "format": "uri"}, "start_day": {"type": "string", "format": "date"}, "release_time": {"type": "string"},
            "time_zone": {"type": "string"}, "every_days": {"type": "integer"}, "weekdays": {"type": "array", "items": {"type": "integer"}},
            "horizon_days": {"type": "integer"}, "ends_at": {"type": "string", "format": "date-time"}, "desired_retention": {"type": "number"},
            "paused": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"},
            "nuggets": {"type": "array", "items": {"$ref": "#/components/schemas/Nugget"}}
          }
        },
        "NuggetInput": {
          "type": "object", "required": ["text"],
          "properties": {
            "text": {"type": "string", "minLength": 1},
            "link": {"type": "string", "description": "An http(s) address."},
            "media_id": {"type": "string", "pattern": "^[0-9]+$", "description": "An unused upload (POST /api/v2/media) of the plan's facilitator."},
            "check_question": {"type": "string", "maxLength": 300},
            "check_options": {"type": "array", "items": {"type": "string", "maxLength": 50}, "maxItems": 4},
            "check_correct": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 3}, "description": "Positions of the right options."},
            "check_explanation": {"type": "string", "maxLength": 1000}
          }
        },
        "RecallCheck": {
          "type": "object", "required": ["question", "options", "multiple", "correct", "explanation"],
          "properties": {
            "question": {"type": "string"}, "options": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 4},
            "multiple": {"type": "boolean", "description": "More than one option is right."},
            "correct": {"type": ["array", "null"], "items": {"type": "integer"}, "description": "Hidden (null) from a learner while the check is due."},
            "explanation": {"type": ["string", "null"]}
          }
        },
        "Nugget": {
          "type": "object", "required": ["id", "plan_id", "position", "text", "link", "media_id", "check", "released_at", "status_id", "release_at"],
          "properties": {
            "id": {"type": "string"}, "plan_id": {"type": "string"}, "position": {"type": "integer"}, "text": {"type": "string"},
            "link": {"type": ["string", "null"]}, "media_id": {"type": ["string", "null"]},
            "check": {"oneOf": [{"$ref": "#/components/schemas/RecallCheck"}, {"type": "null"}]},
            "released_at": {"type": ["string", "null"], "format": "date-time"}, "status_id": {"type": ["string", "null"]},
            "release_at": {"type": ["string", "null"], "format": "date-time", "description": "When it goes out; null once released, or when the horizon leaves no day for it."}
          }
        },
        "ReviewLogEntry": {
          "type": "object", "required": ["reviewed_at", "choices", "right", "rating", "stability", "difficulty", "due_at", "interval_days", "mastered"],
          "properties": {
            "reviewed_at": {"type": "string", "format": "date-time"}, "choices": {"type": "array", "items": {"type": "integer"}},
            "right": {"type": "boolean"}, "rating": {"type": "string", "enum": ["again", "hard", "good", "easy"]},
            "stability": {"type": "number", "description": "FSRS stability after the review, in days."},
            "difficulty": {"type": "number", "description": "FSRS difficulty after the review, 1 to 10."},
            "due_at": {"type": "string", "format": "date-time"}, "interval_days": {"type": "integer", "minimum": 1}, "mastered": {"type": "boolean"}
          }
        },
        "Review": {
          "type": "object",
          "required": ["nugget_id", "program_id", "plan_id", "nugget_text", "check", "due_at", "due", "reviews", "lapses", "right_streak",
                       "mastered_at", "stability", "difficulty", "status_id", "url"],
          "properties": {
            "nugget_id": {"type": "string"}, "program_id": {"type": "string"}, "plan_id": {"type": "string"}, "nugget_text": {"type": "string"},
            "check": {"$ref": "#/components/schemas/RecallCheck"}, "due_at": {"type": "string", "format": "date-time"}, "due": {"type": "boolean"},
            "reviews": {"type": "integer"}, "lapses": {"type": "integer"}, "right_streak": {"type": "integer"},
            "mastered_at": {"type": ["string", "null"], "format": "date-time"},
            "stability": {"type": ["number", "null"]}, "difficulty": {"type": ["number", "null"]},
            "status_id": {"type": ["string", "null"], "description": "The direct status (with a poll) the due review was sent as."},
            "url": {"type": "string", "format": "uri"},
            "log": {"type": "array", "items": {"$ref": "#/components/schemas/ReviewLogEntry"}}
          }
        },
        "AnswerInput": {
          "type": "object", "required": ["choices"],
          "properties": {
            "choices": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1},
            "rating": {"type": "string", "enum": ["hard", "good", "easy"], "description": "How a right answer felt (a wrong one is Again)."}
          }
        },
        "ReviewOutcome": {
          "type": "object", "required": ["right", "correct", "explanation", "entry", "due_at", "mastered"],
          "properties": {
            "right": {"type": "boolean"}, "correct": {"type": "array", "items": {"type": "integer"}}, "explanation": {"type": "string"},
            "entry": {"$ref": "#/components/schemas/ReviewLogEntry"}, "due_at": {"type": "string", "format": "date-time"}, "mastered": {"type": "boolean"}
          }
        },
        "CommitmentInput": {
          "type": "object", "required": ["text", "due_on"],
          "properties": {
            "text": {"type": "string", "maxLength": 500, "pattern": "\\S"},
            "due_on": {"type": "string", "format": "date", "description": "The day it is due by, in the caller's time zone; today or later."},
            "private": {"type": "boolean", "description": "Seen by the author, their partners and the facilitators only."},
            "reminder_every_days": {"type": "integer", "minimum": 1, "maximum": 60}
          }
        },
        "CheckIn": {
          "type": "object", "required": ["id", "text", "state", "status_id", "created_at"],
          "properties": {
            "id": {"type": "string"}, "text": {"type": "string"}, "state": {"type": ["string", "null"], "enum": ["open", "done", "dropped", null]},
            "status_id": {"type": ["string", "null"]}, "created_at": {"type": "string", "format": "date-time"}
          }
        },
        "CheckInInput": {
          "type": "object",
          "properties": {
            "text": {"type": "string", "maxLength": 500},
            "state": {"type": "string", "enum": ["open", "done", "dropped"]}
          }
        },
        "Commitment": {
          "type": "object",
          "required": ["id", "program_id", "author_id", "text", "due_at", "private", "state", "overdue", "status_id", "reminder_every_days",
                       "created_at", "updated_at", "url"],
          "properties": {
            "id": {"type": "string"}, "program_id": {"type": "string"}, "author_id": {"type": "string"}, "text": {"type": "string"},
            "due_at": {"type": "string", "format": "date-time"}, "private": {"type": "boolean"},
            "state": {"type": "string", "enum": ["open", "done", "dropped"]}, "overdue": {"type": "boolean"},
            "status_id": {"type": ["string", "null"], "description": "Its post in the program's commitments thread (public ones)."},
            "reminder_every_days": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"}, "url": {"type": "string", "format": "uri"},
            "check_ins": {"type": "array", "items": {"$ref": "#/components/schemas/CheckIn"}}
          }
        },
        "PairInput": {
          "type": "object",
          "properties": {
            "groups": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]+(,[0-9]+){1,2}$"},
                       "description": "Groups by hand, each two or three account ids separated by commas; absent: at random."},
            "weeks": {"type": "integer", "minimum": 1, "maximum": 12},
            "recurring": {"type": "boolean"}
          }
        },
        "PartnerRound": {
          "type": "object", "required": ["id", "program_id", "started_at", "ends_at", "recur_every_weeks", "groups"],
          "properties": {
            "id": {"type": "string"}, "program_id": {"type": "string"}, "started_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"}, "recur_every_weeks": {"type": ["integer", "null"]},
            "groups": {"type": "array", "items": {
              "type": "object", "required": ["account_ids", "thread_status_id", "check_back_status_id"],
              "properties": {"account_ids": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 3},
                             "thread_status_id": {"type": ["string", "null"]}, "check_back_status_id": {"type": ["string", "null"]}}}}
          }
        },
        "BoardRow": {
          "type": "object", "required": ["account", "commitments", "last_check_in_at", "partner_ids", "last_active_at", "quiet", "check_back"],
          "properties": {
            "account": {"type": "object", "description": "A Mastodon Account entity.", "required": ["id", "username"]},
            "commitments": {"type": "array", "items": {"$ref": "#/components/schemas/Commitment"}},
            "last_check_in_at": {"type": ["string", "null"], "format": "date-time"},
            "partner_ids": {"type": "array", "items": {"type": "string"}},
            "last_active_at": {"type": ["string", "null"], "format": "date-time"},
            "quiet": {"type": "boolean", "description": "Nothing in the program for two weeks."},
            "check_back": {"type": ["string", "null"], "description": "Their answer to the current round's check-back poll."}
          }
        }
      }
    }
    """#
}
