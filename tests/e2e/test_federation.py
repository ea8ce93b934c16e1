"""Two Starling servers federating on loopback: two `starling serve` processes of the demo organization, each in
allowlist mode naming the other (`starling admin federation allow`), with private addresses allowed, driven through
the Mastodon API by Mastodon.py as people's apps would."""
import socket
import subprocess
import time

import pytest

from conftest import BINARY, start_server, stop_server
from test_mastodon_clients import client


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def eventually(check, seconds=30):
    """What `check` returns once it is truthy (deliveries go through the job queue, which ticks every second)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"not true within {seconds} s: {check}")


@pytest.fixture(scope="module")
def two_servers():
    ports = [free_port(), free_port()]
    started = []
    for port, other in [(ports[0], ports[1]), (ports[1], ports[0])]:
        process, url, data = start_server("--port", str(port), "--base-url", f"http://127.0.0.1:{port}", "--federation", "allowlist", "--public-access", "true",
                                          "--federation-allow-private-addresses")
        subprocess.run([BINARY, "admin", "federation", "allow", f"127.0.0.1:{other}", "--data", data], check=True,
                       capture_output=True, timeout=60)
        started.append((process, url, data))
    yield [url for _, url, _ in started]
    for process, _, data in started:
        stop_server(process, data)


def test_a_member_follows_someone_on_another_server_with_approval_and_reads_likes_and_answers_their_posts(two_servers):
    a, b = two_servers
    host_a, host_b = a.split("//")[1], b.split("//")[1]
    ada, ben = client(a, "ada"), client(b, "ben")
    for api in (ada, ben):
        api.account_update_credentials(discoverable=True)

    found = ada.search_v2(f"@ben@{host_b}", resolve=True)["accounts"]
    assert [account["acct"] for account in found] == [f"ben@{host_b}"]
    assert found[0]["url"] == f"{b}/@ben"
    ben_on_a = found[0]["id"]
    assert ada.account_follow(ben_on_a)["requested"] is True

    requests = eventually(ben.follow_requests)
    assert [request["acct"] for request in requests] == [f"ada@{host_a}"]
    ben.follow_request_authorize(requests[0]["id"])
    eventually(lambda: ada.account_relationships(ben_on_a)[0]["following"])

    ben.status_post("Inside the organization only", visibility="unlisted")
    original = ben.status_post("Hello from the other server #farfromhome", visibility="public")
    # ada's home has the demo organization's posts too: those from ben on B are the ones that came in.
    arrived = eventually(lambda: [status for status in ada.timeline_home() if status["account"]["acct"] == f"ben@{host_b}"])
    assert [status["content"] for status in arrived] == [
        '<p>Hello from the other server <a href="' + a + '/tags/farfromhome" class="hashtag" rel="tag">#farfromhome</a></p>']
    assert arrived[0]["uri"] == original["uri"]
    # Not part of A's own timeline.
    assert all(status["account"]["acct"] != f"ben@{host_b}" for status in ada.timeline_local())

    ada.status_favourite(arrived[0]["id"])
    ada.status_post("Glad to read you", in_reply_to_id=arrived[0]["id"], visibility="public")
    eventually(lambda: ben.status(original["id"])["favourites_count"] == 1)
    replies = eventually(lambda: ben.status_context(original["id"])["descendants"])
    assert replies[0]["account"]["acct"] == f"ada@{host_a}"
    assert "Glad to read you" in replies[0]["content"]
