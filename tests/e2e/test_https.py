"""HTTPS served by Starling itself, with a certificate authority and certificates the test makes:
Mastodon.py and Debian's `toot` 0.34 (which speaks HTTPS only) log in, post and read; HTTP/2 by ALPN;
HSTS; a renewed certificate served after SIGHUP while an open stream carries on."""
import base64
import hashlib
import os
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time

import pytest
import requests
from mastodon import Mastodon

from conftest import certificate_authority, make_certificate, start_server, stop_server

PASSWORD = "starling-demo"


@pytest.fixture(scope="module")
def https_server():
    directory = certificate_authority()
    cert, key = make_certificate(directory, "server", "first")
    served_cert, served_key = os.path.join(directory, "served.pem"), os.path.join(directory, "served.key")
    os.rename(cert, served_cert)
    os.rename(key, served_key)
    process, url, data = start_server("--tls-cert", served_cert, "--tls-key", served_key)
    assert url.startswith("https://")
    yield process, url, directory
    stop_server(process, data)


def session(directory):
    web = requests.Session()
    web.verify = os.path.join(directory, "ca.pem")
    web.trust_env = False  # else a REQUESTS_CA_BUNDLE in the environment would replace the test's authority
    return web


def signed_in_app(name, url, web):
    """A Mastodon.py client app, logged in as ada over the test's HTTPS session."""
    client_id, client_secret = Mastodon.create_app(name, api_base_url=url, scopes=["read", "write"], session=web)
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=url, session=web)
    api.log_in("ada", PASSWORD, scopes=["read", "write"])
    return api


def served_common_name(url, directory):
    host, port = url.split("//")[1].split(":")
    context = ssl.create_default_context(cafile=os.path.join(directory, "ca.pem"))
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            subject = dict(part[0] for part in tls.getpeercert()["subject"])
            return subject["commonName"]


def test_mastodon_py_logs_in_posts_and_reads_over_https(https_server):
    _, url, directory = https_server
    web = session(directory)
    api = signed_in_app("starling-https", url, web)
    status = api.status_post("Over HTTPS with Mastodon.py")
    assert status.url.startswith(url)
    assert api.timeline_home(limit=5)[0].id == status.id


def test_debian_toot_logs_in_posts_and_reads_over_https(https_server):
    _, url, directory = https_server
    home = tempfile.mkdtemp(prefix="toot-home-")
    env = dict(os.environ, HOME=home, REQUESTS_CA_BUNDLE=os.path.join(directory, "ca.pem"))
    toot = "/usr/bin/toot"  # Debian's 0.34, not the PyPI one in the test venv
    instance = url.split("//")[1]
    login = subprocess.run([toot, "login_cli", "-i", instance, "-e", "ada@demo.starling.local"], input=PASSWORD + "\n",
                           capture_output=True, text=True, timeout=60, env=env)
    assert login.returncode == 0 and "Successfully logged in" in login.stdout, login.stdout + login.stderr
    posted = subprocess.run([toot, "post", "Posted by Debian's toot over HTTPS"], capture_output=True, text=True, timeout=60, env=env)
    assert posted.returncode == 0 and url in posted.stdout, posted.stdout + posted.stderr
    timeline = subprocess.run([toot, "timeline", "--once"], capture_output=True, text=True, timeout=60, env=env)
    assert timeline.returncode == 0 and "Posted by Debian's toot over HTTPS" in timeline.stdout


def test_http2_by_alpn_http1_otherwise_and_hsts(https_server):
    _, url, directory = https_server
    ca = os.path.join(directory, "ca.pem")
    for flag, version in (("--http2", "2"), ("--http1.1", "1.1")):
        result = subprocess.run(["curl", "-s", flag, "--cacert", ca, "-o", "/dev/null", "-w", "%{http_version}", url + "/health"],
                                capture_output=True, text=True, timeout=30)
        assert result.stdout == version
    response = session(directory).get(url + "/signin", timeout=10)
    assert response.status_code == 200 and response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in response.headers["Set-Cookie"]


def test_websocket_streaming_over_https(https_server):
    """Mastodon apps stream over a WebSocket on HTTP/1.1 (ALPN), as here by hand: upgrade, then a post arrives."""
    _, url, directory = https_server
    web = session(directory)
    api = signed_in_app("starling-wss", url, web)
    host, port = url.split("//")[1].split(":")
    context = ssl.create_default_context(cafile=os.path.join(directory, "ca.pem"))
    context.set_alpn_protocols(["http/1.1"])
    with socket.create_connection((host, int(port)), timeout=10) as raw, context.wrap_socket(raw, server_hostname=host) as tls:
        key = base64.b64encode(os.urandom(16)).decode()
        tls.sendall((f"GET /api/v1/streaming?stream=user HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                     f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                     f"Authorization: Bearer {api.access_token}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += tls.recv(1)
        assert head.startswith(b"HTTP/1.1 101"), head
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:] if ": " in line)
        assert {k.lower(): v for k, v in headers.items()}["sec-websocket-accept"] == accept
        # The server answers messages in order, after subscribing: the reply to an unknown message
        # type means the stream is in place (posting at once raced the subscription on busy machines).
        tls.sendall(masked_text_frame('{"type":"test-barrier","stream":"user"}'))
        received = b""
        deadline = time.time() + 10
        while b"Unknown message type: test-barrier" not in received and time.time() < deadline:
            received += tls.recv(65536)
        api.status_post("Streamed over wss")
        deadline = time.time() + 10
        while b"Streamed over wss" not in received and time.time() < deadline:
            received += tls.recv(65536)
        assert b"Streamed over wss" in received


def masked_text_frame(text):
    """A client's WebSocket text frame (RFC 6455 §5.2: clients mask what they send); short texts only."""
    payload, mask = text.encode(), os.urandom(4)
    assert len(payload) < 126
    return bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def test_a_renewed_certificate_is_served_after_sighup_and_open_streams_carry_on(https_server):
    process, url, directory = https_server
    web = session(directory)
    api = signed_in_app("starling-sighup", url, web)
    assert served_common_name(url, directory) == "first"

    received = []
    stream = web.get(url + "/api/v1/streaming/user", headers={"Authorization": "Bearer " + api.access_token}, stream=True, timeout=30)

    def read():
        try:
            for line in stream.iter_lines(decode_unicode=True):
                received.append(line)
        except Exception:  # the test closes the stream at its end
            pass

    threading.Thread(target=read, daemon=True).start()
    time.sleep(0.5)
    cert, key = make_certificate(directory, "renewed", "renewed")
    os.replace(cert, os.path.join(directory, "served.pem"))
    os.replace(key, os.path.join(directory, "served.key"))
    process.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while served_common_name(url, directory) != "renewed" and time.time() < deadline:
        time.sleep(0.2)
    assert served_common_name(url, directory) == "renewed"
    assert process.poll() is None  # SIGHUP reloads, it does not stop the server
    api.status_post("After the renewal")
    deadline = time.time() + 10
    while not any("After the renewal" in line for line in received) and time.time() < deadline:
        time.sleep(0.2)
    assert any("After the renewal" in line for line in received)
    stream.close()
