/// The part of the OpenAPI document (see `OpenAPIDocument`) for analytics: a program's figures, the
/// organization's, and one's own activity, each table an array of rows keyed like its CSV columns.
enum OpenAPIAnalytics {
    static let json = #"""
    {
      "paths": {
        "/programs/{id}/analytics": {
          "parameters": [
            {
              "$ref": "#/components/parameters/ProgramID"
            },
            {
              "$ref": "#/components/parameters/AnalyticsFrom"
            },
            {
              "$ref": "#/components/parameters/AnalyticsTo"
            }
          ],
          "get": {
            "operationId": "programAnalytics",
            "summary": "A program's analytics: return rate, cohort retention, active learners, questions, tweetchats, reinforcement (its facilitators and admins).",
            "security": [
              {
                "oauth": [
                  "read"
                ]
              }
            ],
            "responses": {
              "200": {
                "description": "The figures.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ProgramAnalytics"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Error"
              },
              "403": {
                "$ref": "#/components/responses/Error"
              },
              "404": {
                "$ref": "#/components/responses/Error"
              },
              "422": {
                "$ref": "#/components/responses/Error"
              }
            }
          }
        },
        "/analytics": {
          "parameters": [
            {
              "$ref": "#/components/parameters/AnalyticsFrom"
            },
            {
              "$ref": "#/components/parameters/AnalyticsTo"
            }
          ],
          "get": {
            "operationId": "organizationAnalytics",
            "summary": "The organization's analytics: DAU, WAU, MAU, stickiness, return rate, programs side by side, busiest hashtags, members (admins).",
            "security": [
              {
                "oauth": [
                  "read"
                ]
              }
            ],
            "responses": {
              "200": {
                "description": "The figures.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/OrganizationAnalytics"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Error"
              },
              "403": {
                "$ref": "#/components/responses/Error"
              },
              "422": {
                "$ref": "#/components/responses/Error"
              }
            }
          }
        },
        "/accounts/me/activity": {
          "parameters": [
            {
              "$ref": "#/components/parameters/AnalyticsFrom"
            },
            {
              "$ref": "#/components/parameters/AnalyticsTo"
            }
          ],
          "get": {
            "operationId": "ownActivity",
            "summary": "The days the caller was active, anywhere and in each program they are in (only their own).",
            "security": [
              {
                "oauth": [
                  "read"
                ]
              }
            ],
            "responses": {
              "200": {
                "description": "The days.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/OwnActivity"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Error"
              },
              "422": {
                "$ref": "#/components/responses/Error"
              }
            }
          }
        }
      },
      "parameters": {
        "AnalyticsFrom": {
          "name": "from",
          "in": "query",
          "required": false,
          "description": "First day of the period (yyyy-mm-dd); by default 12 weeks before `to`.",
          "schema": {
            "type": "string",
            "format": "date"
          }
        },
        "AnalyticsTo": {
          "name": "to",
          "in": "query",
          "required": false,
          "description": "Last day of the period (yyyy-mm-dd), not after today; by default today. A period is at most 400 days.",
          "schema": {
            "type": "string",
            "format": "date"
          }
        }
      },
      "schemas": {
        "AnalyticsWeeklyReturnRow": {
          "type": "object",
          "required": [
            "week",
            "active",
            "returned",
            "rate"
          ],
          "properties": {
            "week": {
              "type": "string",
              "format": "date"
            },
            "active": {
              "type": "integer"
            },
            "returned": {
              "type": "integer"
            },
            "rate": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsRetentionRow": {
          "type": "object",
          "required": [
            "cohort",
            "size",
            "week",
            "active",
            "rate"
          ],
          "properties": {
            "cohort": {
              "type": "string",
              "format": "date"
            },
            "size": {
              "type": "integer"
            },
            "week": {
              "type": "integer"
            },
            "active": {
              "type": "integer"
            },
            "rate": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsRetentionAverageRow": {
          "type": "object",
          "required": [
            "week",
            "active",
            "size",
            "rate"
          ],
          "properties": {
            "week": {
              "type": "integer"
            },
            "active": {
              "type": "integer"
            },
            "size": {
              "type": "integer"
            },
            "rate": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsWeeklyActiveRow": {
          "type": "object",
          "required": [
            "week",
            "learners"
          ],
          "properties": {
            "week": {
              "type": "string",
              "format": "date"
            },
            "learners": {
              "type": "integer"
            }
          }
        },
        "AnalyticsDailyActiveRow": {
          "type": "object",
          "required": [
            "day",
            "dau",
            "wau",
            "mau",
            "stickiness"
          ],
          "properties": {
            "day": {
              "type": "string",
              "format": "date"
            },
            "dau": {
              "type": "integer"
            },
            "wau": {
              "type": "integer"
            },
            "mau": {
              "type": "integer"
            },
            "stickiness": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsQuestionsRow": {
          "type": "object",
          "required": [
            "week",
            "asked",
            "answered",
            "median_hours",
            "p90_hours"
          ],
          "properties": {
            "week": {
              "type": "string",
              "format": "date"
            },
            "asked": {
              "type": "integer"
            },
            "answered": {
              "type": "integer"
            },
            "median_hours": {
              "type": [
                "number",
                "null"
              ]
            },
            "p90_hours": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsTweetchatsRow": {
          "type": "object",
          "required": [
            "event",
            "occurrence",
            "participants",
            "new",
            "returning",
            "answers_per_question",
            "came_to_next"
          ],
          "properties": {
            "event": {
              "type": "string"
            },
            "occurrence": {
              "type": "string",
              "format": "date"
            },
            "participants": {
              "type": "integer"
            },
            "new": {
              "type": "integer"
            },
            "returning": {
              "type": "integer"
            },
            "answers_per_question": {
              "type": [
                "number",
                "null"
              ]
            },
            "came_to_next": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsReinforcementRow": {
          "type": "object",
          "required": [
            "plan",
            "nuggets_released",
            "reviews_due",
            "reviews_answered",
            "first_right",
            "later_right",
            "learners",
            "learners_mastered"
          ],
          "properties": {
            "plan": {
              "type": "string"
            },
            "nuggets_released": {
              "type": "integer"
            },
            "reviews_due": {
              "type": "integer"
            },
            "reviews_answered": {
              "type": "integer"
            },
            "first_right": {
              "type": [
                "number",
                "null"
              ]
            },
            "later_right": {
              "type": [
                "number",
                "null"
              ]
            },
            "learners": {
              "type": "integer"
            },
            "learners_mastered": {
              "type": "integer"
            }
          }
        },
        "AnalyticsCommitmentsRow": {
          "type": "object",
          "required": [
            "week",
            "due",
            "done_by_due_date",
            "share"
          ],
          "properties": {
            "week": {
              "type": "string",
              "format": "date"
            },
            "due": {
              "type": "integer"
            },
            "done_by_due_date": {
              "type": "integer"
            },
            "share": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsQuietRow": {
          "type": "object",
          "required": [
            "username",
            "name",
            "last_active"
          ],
          "properties": {
            "username": {
              "type": "string"
            },
            "name": {
              "type": "string"
            },
            "last_active": {
              "type": "string",
              "description": "yyyy-mm-dd, or \"never\""
            }
          }
        },
        "AnalyticsProgramsRow": {
          "type": "object",
          "required": [
            "program",
            "hashtag",
            "learners",
            "active_last_week",
            "active_8_weeks",
            "weekly_return"
          ],
          "properties": {
            "program": {
              "type": "string"
            },
            "hashtag": {
              "type": "string"
            },
            "learners": {
              "type": "integer"
            },
            "active_last_week": {
              "type": "integer"
            },
            "active_8_weeks": {
              "type": "string",
              "description": "Active learners in each of the last 8 complete weeks, oldest first, separated by spaces."
            },
            "weekly_return": {
              "type": [
                "number",
                "null"
              ]
            }
          }
        },
        "AnalyticsHashtagsRow": {
          "type": "object",
          "required": [
            "hashtag",
            "posts"
          ],
          "properties": {
            "hashtag": {
              "type": "string"
            },
            "posts": {
              "type": "integer"
            }
          }
        },
        "AnalyticsMembersRow": {
          "type": "object",
          "required": [
            "week",
            "joined",
            "total"
          ],
          "properties": {
            "week": {
              "type": "string",
              "format": "date"
            },
            "joined": {
              "type": "integer"
            },
            "total": {
              "type": "integer"
            }
          }
        },
        "AnalyticsPeriod": {
          "type": "object",
          "required": [
            "from",
            "to"
          ],
          "properties": {
            "from": {
              "type": "string",
              "format": "date"
            },
            "to": {
              "type": "string",
              "format": "date"
            }
          }
        },
        "ProgramAnalytics": {
          "type": "object",
          "required": [
            "program_id",
            "period",
            "today",
            "learners",
            "cohorts_hidden",
            "headline",
            "tables"
          ],
          "description": "A program's figures for the period, as defined in the README (\"Analytics\"). Shares are 0 to 1; null where there is nothing to divide by.",
          "properties": {
            "program_id": {
              "type": "string"
            },
            "period": {
              "$ref": "#/components/schemas/AnalyticsPeriod"
            },
            "today": {
              "type": "string",
              "format": "date"
            },
            "learners": {
              "type": "integer"
            },
            "cohorts_hidden": {
              "type": "boolean",
              "description": "True when the program has fewer than 5 learners and the caller is not one of its facilitators: the retention table is then empty."
            },
            "headline": {
              "type": "object",
              "required": [
                "weekly_return",
                "weekly_return_previous",
                "active_learners_last_week",
                "active_learners_previous_week",
                "stickiness",
                "stickiness_previous"
              ],
              "properties": {
                "weekly_return": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "weekly_return_previous": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "active_learners_last_week": {
                  "type": "integer"
                },
                "active_learners_previous_week": {
                  "type": [
                    "integer",
                    "null"
                  ]
                },
                "stickiness": {
                  "type": "number"
                },
                "stickiness_previous": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            },
            "tables": {
              "type": "object",
              "required": [
                "weekly_return",
                "retention",
                "retention_average",
                "weekly_active",
                "daily_active",
                "questions",
                "tweetchats",
                "reinforcement",
                "commitments"
              ],
              "properties": {
                "weekly_return": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsWeeklyReturnRow"
                  }
                },
                "retention": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsRetentionRow"
                  }
                },
                "retention_average": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsRetentionAverageRow"
                  }
                },
                "weekly_active": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsWeeklyActiveRow"
                  }
                },
                "daily_active": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsDailyActiveRow"
                  }
                },
                "questions": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsQuestionsRow"
                  }
                },
                "tweetchats": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsTweetchatsRow"
                  }
                },
                "reinforcement": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsReinforcementRow"
                  }
                },
                "commitments": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsCommitmentsRow"
                  }
                },
                "quiet": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsQuietRow"
                  },
                  "description": "Learners not active in the program for 14 days: for its facilitators only (absent otherwise)."
                }
              }
            }
          }
        },
        "OrganizationAnalytics": {
          "type": "object",
          "required": [
            "period",
            "today",
            "headline",
            "tables"
          ],
          "description": "The organization's figures for the period (guests are in none).",
          "properties": {
            "period": {
              "$ref": "#/components/schemas/AnalyticsPeriod"
            },
            "today": {
              "type": "string",
              "format": "date"
            },
            "headline": {
              "type": "object",
              "required": [
                "dau",
                "wau",
                "mau",
                "stickiness",
                "stickiness_previous",
                "weekly_return",
                "weekly_return_previous"
              ],
              "properties": {
                "dau": {
                  "type": "integer"
                },
                "wau": {
                  "type": "integer"
                },
                "mau": {
                  "type": "integer"
                },
                "stickiness": {
                  "type": "number"
                },
                "stickiness_previous": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "weekly_return": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "weekly_return_previous": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            },
            "tables": {
              "type": "object",
              "required": [
                "daily_active",
                "weekly_return",
                "programs",
                "hashtags",
                "members"
              ],
              "properties": {
                "daily_active": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsDailyActiveRow"
                  }
                },
                "weekly_return": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsWeeklyReturnRow"
                  }
                },
                "programs": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsProgramsRow"
                  }
                },
                "hashtags": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsHashtagsRow"
                  }
                },
                "members": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AnalyticsMembersRow"
                  }
                }
              }
            }
          }
        },
        "OwnActivity": {
          "type": "object",
          "required": [
            "period",
            "days",
            "programs"
          ],
          "properties": {
            "period": {
              "$ref": "#/components/schemas/AnalyticsPeriod"
            },
            "days": {
              "type": "array",
              "items": {
                "type": "string",
                "format": "date"
              }
            },
            "programs": {
              "type": "array",
              "items": {
                "type": "object",
                "required": [
                  "id",
                  "title",
                  "days"
                ],
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "days": {
                    "type": "array",
                    "items": {
                      "type": "string",
                      "format": "date"
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    """#
}
