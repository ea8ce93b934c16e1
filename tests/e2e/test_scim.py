"""SCIM 2.0 provisioning with a plain HTTP client, following RFC 7643/7644's examples: create, get,
list with a filter, PATCH (deactivate), DELETE; a deactivated person's open stream ends and their token
is refused; requests without the token or with a malformed filter are refused in SCIM's error format."""
import json
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import BINARY, start_server, stop_server

SCIM_JSON = "application/scim+json"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


@pytest.fixture(scope="module")
def scim():
    process, url, data = start_server()
    token = subprocess.run([BINARY, "admin", "provisioning-token", "e2e identity provider", "--data", data],
                           capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    yield url, token, data
    stop_server(process, data)


def call(url, method, path, token, body=None):
    headers = {"Accept": SCIM_JSON}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = SCIM_JSON
    request = urllib.request.Request(url + "/scim/v2" + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, dict(response.headers), json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, dict(error.headers), json.loads(raw) if raw else None


# RFC 7643 §8.2, the full User representation, trimmed to what an identity provider sends.
BJENSEN = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "externalId": "701984",
    "userName": "bjensen@example.com",
    "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara"},
    "displayName": "Babs Jensen",
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": True}],
    "active": True,
}


def test_the_user_lifecycle_of_rfc_7644(scim):
    url, token, _ = scim
    status, headers, created = call(url, "POST", "/Users", token, BJENSEN)
    assert status == 201 and headers["Content-Type"].startswith(SCIM_JSON)
    user_id = created["id"]
    assert headers["Location"] == created["meta"]["location"] and created["meta"]["resourceType"] == "User"
    assert created["userName"] == "bjensen@example.com" and created["active"] is True and created["externalId"] == "701984"
    assert created["emails"][0]["value"] == "bjensen@example.com"

    status, _, fetched = call(url, "GET", "/Users/" + user_id, token)
    assert status == 200 and fetched["displayName"] == "Babs Jensen" and fetched["name"]["givenName"] == "Barbara"

    query = urllib.parse.urlencode({"filter": 'userName Eq "bjensen@example.com"', "startIndex": 1, "count": 10})
    status, _, found = call(url, "GET", "/Users?" + query, token)
    assert status == 200 and found["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    assert found["totalResults"] == 1 and [u["id"] for u in found["Resources"]] == [user_id]

    status, _, page = call(url, "GET", "/Users?startIndex=2&count=3", token)
    assert status == 200 and page["startIndex"] == 2 and page["itemsPerPage"] == 3 and page["totalResults"] > 3

    # RFC 7644 §3.5.2.3: replace an attribute's value.
    patch = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "replace", "path": "active", "value": False}]}
    status, _, patched = call(url, "PATCH", "/Users/" + user_id, token, patch)
    assert status == 200 and patched["active"] is False

    # RFC 7644 §3.5.2.1: add members to a group (here, a role).
    add = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{"op": "add", "path": "members", "value": [{"display": "Babs Jensen", "value": user_id}]}]}
    status, _, moderators = call(url, "PATCH", "/Groups/moderators", token, add)
    assert status == 200 and user_id in [m["value"] for m in moderators["members"]]

    status, _, _ = call(url, "DELETE", "/Users/" + user_id, token)
    assert status == 204
    status, _, gone = call(url, "GET", "/Users/" + user_id, token)
    assert status == 404 and gone["schemas"] == [ERROR_SCHEMA]


def test_a_deactivated_person_loses_their_stream_and_token_at_once(scim):
    url, token, data = scim
    member_token = subprocess.run([BINARY, "admin", "token", "maya", "--data", data], capture_output=True, text=True,
                                  timeout=60, check=True).stdout.strip()
    query = urllib.parse.urlencode({"filter": 'emails.value eq "maya@demo.starling.local"'})
    _, _, found = call(url, "GET", "/Users?" + query, token)
    maya = found["Resources"][0]["id"]

    ended = threading.Event()

    def listen():
        request = urllib.request.Request(url + "/api/v1/streaming/user", headers={"Authorization": "Bearer " + member_token})
        with urllib.request.urlopen(request, timeout=30) as stream:
            while stream.readline():
                pass
        ended.set()

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(0.5)
    assert not ended.is_set()
    patch = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "replace", "value": {"active": False}}]}
    assert call(url, "PATCH", "/Users/" + maya, token, patch)[0] == 200
    assert ended.wait(5), "the stream stayed open"
    request = urllib.request.Request(url + "/api/v1/accounts/verify_credentials", headers={"Authorization": "Bearer " + member_token})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401


def test_requests_without_the_token_or_with_a_malformed_filter_are_refused(scim):
    url, token, _ = scim
    status, headers, body = call(url, "GET", "/Users", None)
    assert status == 401 and body["schemas"] == [ERROR_SCHEMA] and body["status"] == "401" and "Bearer" in headers["WWW-Authenticate"]
    assert call(url, "GET", "/Users", "scim_not-a-token")[0] == 401
    for bad in ['userName sw "bj"', "userName eq bjensen", 'title eq "x"', "((("]:
        status, _, body = call(url, "GET", "/Users?" + urllib.parse.urlencode({"filter": bad}), token)
        assert status == 400 and body["scimType"] == "invalidFilter", bad
