"""Activities of many shapes from fediverse-pasture (PyPI, pinned; its inputs from fediverse-pasture-inputs), signed by
its actor on loopback, sent to a Starling member as notes that mention her: none gets a 5xx, and what Starling shows of
them through the Mastodon API is its own markup only (no script, no event handler, no style, no image from elsewhere)."""
import json
import os
import re
import subprocess
import urllib.request

import pytest

from conftest import BINARY, start_server, stop_server
from test_bovine import FEDIVERSE_PYTHON, LOOPBACK_ONLY
from test_federation import eventually, free_port
from test_mastodon_clients import client

PEER = os.path.join(os.path.dirname(__file__), "pasture_peer.py")
# What Starling writes in a post's HTML: paragraphs, breaks, and its own links (mentions, hashtags, web addresses).
ALLOWED_TAG = re.compile(r"^</?(p|br|a|span)( (href|class|rel|target)=\"[^\"]*\")*\s*/?>$")


def answers(url):
    request = urllib.request.Request(url, headers={"Accept": "application/activity+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def pasture(tmp_path_factory):
    port = free_port()
    directory = tmp_path_factory.mktemp("pasture")
    process = subprocess.Popen([FEDIVERSE_PYTHON, PEER, "serve", str(port), str(directory)], env=LOOPBACK_ONLY,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Its actor answers once its keys are made and kept (data.toml), which sending needs too.
    eventually(lambda: answers(f"http://127.0.0.1:{port}/actor"), seconds=60)
    yield port, directory
    process.terminate()
    process.wait(timeout=10)


def test_signed_notes_of_many_shapes_reach_the_inbox_without_a_server_error_and_are_shown_sanitized(pasture):
    port, directory = pasture
    starling_port = free_port()
    process, url, data = start_server("--port", str(starling_port), "--base-url", f"http://127.0.0.1:{starling_port}",
                                      "--federation", "allowlist", "--public-access", "true", "--federation-allow-private-addresses")
    try:
        subprocess.run([BINARY, "admin", "federation", "allow", f"127.0.0.1:{port}", "--data", data], check=True, capture_output=True, timeout=60)
        ada = client(url, "ada")
        ada.account_update_credentials(discoverable=True)
        sent = subprocess.run([FEDIVERSE_PYTHON, PEER, "send", str(port), str(directory), f"{url}/users/ada"], env=LOOPBACK_ONLY,
                              capture_output=True, text=True, timeout=600)
        assert sent.returncode == 0, sent.stderr[-2000:]
        results = json.loads(sent.stdout)
        assert len(results) > 50
        assert [result for result in results if not isinstance(result["status"], int) or result["status"] >= 500] == []
        # Refused (400), and only these: notes attributed to an actor on another host (pasture's fixed example domain), and
        # notes without an id or without an author. Every other shape is taken (202).
        refused = {(result["input"], result["example"]) for result in results if result["status"] != 202}
        assert {name for name, _ in refused} <= {"attributed_to", "necessary_properties"}, refused
        assert {example for name, example in refused if name == "necessary_properties"} == {1, 3}
        assert {result["status"] for result in results if (result["input"], result["example"]) in refused} == {400}

        mentions = eventually(lambda: ada.notifications(types=["mention"], limit=40))
        assert len(mentions) >= 20
        for mention in mentions:
            content = mention["status"]["content"]
            for tag in re.findall(r"<[^>]*>", content):
                assert ALLOWED_TAG.match(tag), f"{tag} in {content}"
            assert "javascript:" not in content.lower()
            assert mention["status"]["account"]["acct"].endswith(f"@127.0.0.1:{port}")
    finally:
        stop_server(process, data)
