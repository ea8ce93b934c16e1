"""Starling's API responses checked against Mastodon's entity schemas (../shared/data/mastodon-openapi.json,
an OpenAPI 3.1 description of the Mastodon 4.7 client API): every promised field present, no null where
a value is promised, the right types."""
import json
import os
import subprocess
import urllib.parse
import urllib.request

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import BINARY, DATA, ROOT

SPEC = os.path.join(ROOT, "..", "shared", "data", "mastodon-openapi.json")
pytestmark = pytest.mark.skipif(not os.path.exists(SPEC), reason="the shared OpenAPI document is not beside the project")


def validator(entity):
    document = json.load(open(SPEC))
    registry = Registry().with_resource("urn:mastodon", Resource.from_contents(document, default_specification=DRAFT202012))
    return Draft202012Validator({"$ref": "urn:mastodon#/components/schemas/" + entity}, registry=registry)


def problems(entity, value):
    return ["%s %s: %s" % (entity, "/".join(map(str, e.path)), e.message[:200]) for e in validator(entity).iter_errors(value)]


class API:
    def __init__(self, base, token):
        self.base, self.token = base, token

    def call(self, method, path, **form):
        body = urllib.parse.urlencode(form, doseq=True).encode() if form else None
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={"Authorization": "Bearer " + self.token})
        try:
            with urllib.request.urlopen(request) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            return json.load(error)


def token(username):
    result = subprocess.run([BINARY, "admin", "token", username, "--data", DATA[0]], capture_output=True, text=True, timeout=60)
    return result.stdout.strip()


def test_entities_match_mastodon_schemas(server):
    ada, ben = API(server, token("ada")), API(server, token("ben"))
    ben_id = ben.call("GET", "/api/v1/accounts/verify_credentials")["id"]
    ada.call("POST", "/api/v1/accounts/%s/follow" % ben_id)
    posted = ben.call("POST", "/api/v1/statuses", status="Schema check @ada #schemacheck", spoiler_text="cw")
    reply = ada.call("POST", "/api/v1/statuses", status="@ben answered", in_reply_to_id=posted["id"])
    reblog = ada.call("POST", "/api/v1/statuses/%s/reblog" % posted["id"])
    ada.call("POST", "/api/v1/tags/schemacheck/follow")

    checks = [
        ("Account", ada.call("GET", "/api/v1/accounts/verify_credentials")),
        ("Account", ada.call("GET", "/api/v1/accounts/%s" % ben_id)),
        ("Account", ada.call("GET", "/api/v1/accounts/lookup?acct=ben")),
        ("Status", posted), ("Status", reply), ("Status", reblog),
        ("Status", ada.call("GET", "/api/v1/statuses/%s" % posted["id"])),
        ("Context", ada.call("GET", "/api/v1/statuses/%s/context" % posted["id"])),
        ("Search", ada.call("GET", "/api/v2/search?q=schema")),
        ("Instance", ada.call("GET", "/api/v2/instance")),
        ("V1Instance", ada.call("GET", "/api/v1/instance")),
        ("Tag", ada.call("GET", "/api/v1/tags/schemacheck")),
        ("Error", ada.call("GET", "/api/v1/statuses/1")),
    ]
    for path in ["/api/v1/timelines/home?limit=5", "/api/v1/timelines/public?limit=5", "/api/v1/timelines/tag/schemacheck",
                 "/api/v1/accounts/%s/statuses" % ben_id, "/api/v1/favourites", "/api/v1/bookmarks"]:
        checks += [("Status", s) for s in ada.call("GET", path)]
    checks += [("Notification", n) for n in ben.call("GET", "/api/v1/notifications?limit=10")]
    checks += [("Relationship", r) for r in ada.call("GET", "/api/v1/accounts/relationships?id[]=%s" % ben_id)]
    checks += [("Tag", t) for t in ada.call("GET", "/api/v1/followed_tags")]
    checks += [("Account", a) for a in ada.call("GET", "/api/v1/accounts/%s/followers" % ben_id)]

    assert len(checks) > 25
    found = [problem for entity, value in checks for problem in problems(entity, value)]
    assert found == [], "\n".join(found)
