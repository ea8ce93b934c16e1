"""Starling and a third-party fediverse server on loopback: bovine-herd (PyPI, pinned), its actor moocow driven as its
own client would (Moo-Auth-1, through `bovine_peer.py`), Starling's members through Mastodon.py. Both directions of a
follow with its answer, and a post reaching the follower. bovine's fetches of JSON-LD contexts go to a proxy on a
closed loopback port (so nothing leaves the machine) and it falls back on its own cache."""
import json
import os
import subprocess
import time

import pytest

from conftest import BINARY, ROOT, start_server, stop_server
from test_federation import eventually, free_port
from test_mastodon_clients import client

FEDIVERSE_PYTHON = os.environ.get("STARLING_FEDIVERSE_PYTHON", os.path.join(ROOT, ".venv-fediverse", "bin", "python"))
PEER = os.path.join(os.path.dirname(__file__), "bovine_peer.py")
LOOPBACK_ONLY = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1,localhost"}
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def id_of(value):
    """An id, whether bovine's inbox gives the object whole (as it does, fetched) or by id."""
    return value if isinstance(value, str) else value.get("id")


class Bovine:
    """The bovine-herd server and its actor moocow."""

    def __init__(self, directory):
        self.port = free_port()
        self.process = subprocess.Popen([FEDIVERSE_PYTHON, PEER, "serve", str(self.port), str(directory)], env=LOOPBACK_ONLY,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        started = json.loads(self.process.stdout.readline())
        self.actor, self.followers, self.secret = started["actor"], started["followers"], started["secret"]
        self.host = f"127.0.0.1:{self.port}"
        eventually(lambda: self.inbox() == [], seconds=30)

    def run(self, *arguments):
        done = subprocess.run([FEDIVERSE_PYTHON, PEER, *arguments], env=LOOPBACK_ONLY, capture_output=True, text=True, timeout=60)
        return done.stdout if done.returncode == 0 else None

    def inbox(self):
        """What moocow's inbox holds (None while the server is not answering yet)."""
        listed = self.run("inbox", self.actor, self.secret)
        return json.loads(listed) if listed is not None else None

    def received(self, kind):
        return [item for item in self.inbox() or [] if item.get("type") == kind]

    def send(self, activity):
        sent = self.run("outbox", self.actor, self.secret, json.dumps({"@context": "https://www.w3.org/ns/activitystreams", "actor": self.actor,
                                                                        **activity}))
        assert sent is not None, "bovine's outbox refused the activity"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def peers(tmp_path_factory):
    bovine = Bovine(tmp_path_factory.mktemp("bovine"))
    port = free_port()
    process, url, data = start_server("--port", str(port), "--base-url", f"http://127.0.0.1:{port}", "--federation", "allowlist",
                                      "--public-access", "true", "--federation-allow-private-addresses")
    subprocess.run([BINARY, "admin", "federation", "allow", bovine.host, "--data", data], check=True, capture_output=True, timeout=60)
    yield url, bovine
    stop_server(process, data)
    bovine.stop()


def test_a_member_follows_a_bovine_actor_and_receives_its_notes(peers):
    url, bovine = peers
    ada = client(url, "ada")
    ada.account_update_credentials(discoverable=True)
    found = ada.search_v2(f"@moocow@{bovine.host}", resolve=True)["accounts"]
    assert [account["acct"] for account in found] == [f"moocow@{bovine.host}"]
    assert ada.account_follow(found[0]["id"])["requested"] is True

    follow = eventually(lambda: bovine.received("Follow"))[0]
    assert id_of(follow["actor"]) == f"{url}/users/ada" and id_of(follow["object"]) == bovine.actor
    bovine.send({"type": "Accept", "to": [id_of(follow["actor"])],
                 "object": {"id": follow["id"], "type": "Follow", "actor": id_of(follow["actor"]), "object": bovine.actor}})
    eventually(lambda: ada.account_relationships(found[0]["id"])[0]["following"])

    bovine.send({"type": "Create", "to": [PUBLIC], "cc": [bovine.followers],
                 "object": {"type": "Note", "attributedTo": bovine.actor, "to": [PUBLIC], "cc": [bovine.followers],
                            "content": "<p>Moo from the pasture <script>alert(1)</script></p>"}})
    arrived = eventually(lambda: [status for status in ada.timeline_home() if status["account"]["acct"] == f"moocow@{bovine.host}"])
    assert arrived[0]["content"] == "<p>Moo from the pasture</p>"


def test_a_bovine_actor_follows_a_member_with_approval_and_receives_a_public_post(peers):
    url, bovine = peers
    ben = client(url, "ben")
    ben.account_update_credentials(discoverable=True)
    ben_actor = f"{url}/users/ben"
    bovine.send({"type": "Follow", "object": ben_actor, "to": [ben_actor]})

    requests = eventually(ben.follow_requests)
    assert [request["acct"] for request in requests] == [f"moocow@{bovine.host}"]
    ben.follow_request_authorize(requests[0]["id"])
    eventually(lambda: bovine.received("Accept"))

    ben.status_post("Inside the organization only", visibility="unlisted")
    ben.status_post("Hello to the cows outside", visibility="public")
    created = eventually(lambda: [item for item in bovine.received("Create") if id_of(item["actor"]) == ben_actor])
    assert ["Hello to the cows outside" in json.dumps(item["object"]) for item in created] == [True]
    time.sleep(2)
    assert all("Inside the organization" not in json.dumps(item) for item in bovine.inbox())
