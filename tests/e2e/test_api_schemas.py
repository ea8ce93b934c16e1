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

    def call(self, method, path, upload=None, **form):
        headers = {"Authorization": "Bearer " + self.token}
        body = urllib.parse.urlencode(form, doseq=True).encode() if form else None
        if upload is not None:  # one file as multipart/form-data
            boundary = "schema-check-boundary"
            body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.png\"\r\n\r\n" % boundary).encode() \
                + upload + ("\r\n--%s--\r\n" % boundary).encode()
            headers["Content-Type"] = "multipart/form-data; boundary=" + boundary
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
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


    # The entities added for media, polls, edits, scheduling, lists, conversations, reports and suggestions.
    from test_mastodon_clients import png_1x1
    media = ada.call("POST", "/api/v2/media", upload=png_1x1())
    with_media = ada.call("POST", "/api/v1/statuses", status="picture", **{"media_ids[]": [media["id"]]})
    with_poll = ada.call("POST", "/api/v1/statuses", status="poll", **{"poll[options][]": ["a", "b"], "poll[expires_in]": "600"})
    ada.call("PUT", "/api/v1/statuses/%s" % with_poll["id"], status="poll, edited")
    scheduled = ada.call("POST", "/api/v1/statuses", status="later", scheduled_at="2099-01-01T00:00:00Z", in_reply_to_id=posted["id"],
                         **{"poll[options][]": ["x", "y"], "poll[expires_in]": "600"})
    mentors = ada.call("POST", "/api/v1/lists", title="Mentors")
    ben.call("POST", "/api/v1/statuses", status="@ada psst", visibility="direct")
    report = ada.call("POST", "/api/v1/reports", account_id=ben_id, comment="schema check")
    warn = ada.call("POST", "/api/v2/filters", title="Schema", filter_action="warn", **{
        "context[]": ["home"], "keywords_attributes[][keyword]": ["Schema"], "keywords_attributes[][whole_word]": ["true"]})
    ada.call("POST", "/api/v2/filters/%s/statuses" % warn["id"], status_id=posted["id"])
    filtered = [s for s in ada.call("GET", "/api/v1/timelines/home?limit=20") if s.get("filtered")]
    assert filtered, "the warn filter marked nothing"
    checks += [
        ("MediaAttachment", media), ("Status", with_media), ("Status", with_poll),
        ("Poll", ben.call("POST", "/api/v1/polls/%s/votes" % with_poll["poll"]["id"], **{"choices[]": ["1"]})),
        ("StatusSource", ada.call("GET", "/api/v1/statuses/%s/source" % with_poll["id"])),
        ("ScheduledStatus", scheduled), ("List", mentors), ("Report", report),
    ]
    checks += [("StatusEdit", e) for e in ada.call("GET", "/api/v1/statuses/%s/history" % with_poll["id"])]
    checks += [("Conversation", c) for c in ada.call("GET", "/api/v1/conversations")]
    checks += [("Suggestion", x) for x in ada.call("GET", "/api/v2/suggestions")]
    checks += [("ScheduledStatus", x) for x in ada.call("GET", "/api/v1/scheduled_statuses")]
    checks += [("List", x) for x in ada.call("GET", "/api/v1/lists")]
    checks += [("Filter", x) for x in ada.call("GET", "/api/v2/filters")]
    checks += [("FilterKeyword", x) for x in ada.call("GET", "/api/v2/filters/%s/keywords" % warn["id"])]
    checks += [("FilterStatus", x) for x in ada.call("GET", "/api/v2/filters/%s/statuses" % warn["id"])]
    checks += [("Status", s) for s in filtered] + [("FilterResult", r) for s in filtered for r in s["filtered"]]

    assert len(checks) > 40
    found = [problem for entity, value in checks for problem in problems(entity, value)]
    assert found == [], "\n".join(found)
