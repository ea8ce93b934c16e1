"""Several nodes on one PostgreSQL database (issue 16), as an organization runs them: real `starling serve`
processes on a PostgreSQL cluster of this module's own (started here from Debian's packages, so that the tests
may stop and start it), and Debian's nginx in front with the repository's configuration
(deploy/nginx/starling-two-nodes.conf). A node killed with SIGKILL loses no acknowledged post and leaves its job
to the other; a database that goes away gives 503s and the nodes recover by themselves."""
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import pytest
import requests
import websocket
from aiosmtpd.controller import Controller

from conftest import BINARY, ROOT, start_server, stop_server

PASSWORD = "password-of-ada"
POSTGRES = os.path.join(ROOT, "scripts", "postgres.sh")


def http():
    session = requests.Session()
    session.trust_env = False
    return session


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary directory, which a test may halt and resume on the same port."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="starling-nodes-pg-")
        self.url = subprocess.run([POSTGRES, "start", self.directory], check=True, capture_output=True, text=True).stdout.strip()

    def new_database(self):
        return subprocess.run([POSTGRES, "database", self.url], check=True, capture_output=True, text=True).stdout.strip()

    def halt(self):
        subprocess.run([POSTGRES, "halt", self.directory], check=True, capture_output=True)

    def resume(self):
        subprocess.run([POSTGRES, "resume", self.directory], check=True, capture_output=True)

    def stop(self):
        subprocess.run([POSTGRES, "stop", self.directory], check=True, capture_output=True)


@pytest.fixture(scope="module")
def cluster():
    made = Cluster()
    yield made
    made.stop()


def node(database, *extra):
    """`starling serve` on `database` with a data directory of its own (nothing is shared but the database)."""
    return start_server(*extra, database=database, demo=False)


def new_organization(cluster):
    """A new database with one person, ada, made by the command line (quicker than the demo organization)."""
    database = cluster.new_database()
    subprocess.run([BINARY, "admin", "create-user", "ada", "--email", "ada@acme.example", "--password", PASSWORD,
                    "--role", "admin", "--database", database], check=True, capture_output=True, timeout=120)
    return database


def token(url, username="ada"):
    """A bearer token for `username` through the password grant, as a Mastodon app gets one."""
    web = http()
    app = web.post(url + "/api/v1/apps", data={"client_name": "nodes", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
                                                "scopes": "read write follow"}).json()
    answer = web.post(url + "/oauth/token", data={"grant_type": "password", "client_id": app["client_id"],
                                                  "client_secret": app["client_secret"], "username": username,
                                                  "password": PASSWORD, "scope": "read write follow"})
    assert answer.status_code == 200, answer.text
    return answer.json()["access_token"]


def bearer(value):
    return {"Authorization": "Bearer " + value}


def post(url, access, text):
    return http().post(url + "/api/v1/statuses", headers=bearer(access), data={"status": text}, timeout=30)


def nginx_in_front_of(*ports):
    """Debian's nginx with the repository's configuration, its nodes and listening port changed for the test;
    returns (process, base URL, directory)."""
    directory = tempfile.mkdtemp(prefix="starling-nginx-")
    with open(os.path.join(ROOT, "deploy", "nginx", "starling-two-nodes.conf")) as file:
        site = file.read()
    listen = free_port()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    site = site.replace("127.0.0.1:8081", f"127.0.0.1:{ports[0]}").replace("127.0.0.1:8082", f"127.0.0.1:{ports[1]}")
    with open(os.path.join(directory, "site.conf"), "w") as file:
        file.write(site)
    temp = {name: os.path.join(directory, name) for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    with open(os.path.join(directory, "nginx.conf"), "w") as file:
        file.write(f"""daemon off;
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {temp['body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {directory}/site.conf;
}}
""")
    process = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", os.path.join(directory, "nginx.conf"), "-e",
                                os.path.join(directory, "error.log")], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{listen}"
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            http().get(url + "/health", timeout=2)
            return process, url, directory
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("nginx did not start: " + open(os.path.join(directory, "error.log")).read())


def websocket_user_stream(url, access):
    """A WebSocket on Mastodon's user stream, open and subscribed (the reply to an unknown message type,
    answered in order, says the subscription is in place)."""
    connection = websocket.create_connection(url.replace("http://", "ws://") + "/api/v1/streaming?stream=user",
                                             header=["Authorization: Bearer " + access], timeout=10)
    connection.send(json.dumps({"type": "test-barrier", "stream": "user"}))
    while "Unknown message type" not in connection.recv():
        pass
    return connection


def receives(connection, text, seconds):
    """Whether an update containing `text` arrives on the WebSocket within `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        connection.settimeout(max(0.05, deadline - time.time()))
        try:
            message = json.loads(connection.recv())
        except websocket.WebSocketTimeoutException:
            return False
        if message.get("event") == "update" and text in message.get("payload", ""):
            return True
    return False


@pytest.fixture(scope="module")
def two_nodes(cluster):
    """Nodes A and B on one database, and nginx in front of both."""
    database = new_organization(cluster)
    a, b = node(database), node(database)
    proxy, proxy_url, proxy_directory = nginx_in_front_of(a[1].rsplit(":", 1)[1], b[1].rsplit(":", 1)[1])
    yield a[1], b[1], proxy_url
    proxy.terminate()
    proxy.wait(timeout=10)
    shutil.rmtree(proxy_directory, ignore_errors=True)
    for process, _, data in (a, b):
        stop_server(process, data)


def test_a_token_from_node_a_works_on_node_b_and_a_post_through_a_is_read_on_b_at_once(two_nodes):
    a, b, _ = two_nodes
    access = token(a)
    made = post(a, access, "Read your writes across #nodes")
    assert made.status_code == 200, made.text
    home = http().get(b + "/api/v1/timelines/home", headers=bearer(access)).json()
    assert home[0]["id"] == made.json()["id"]
    assert http().get(b + "/api/v1/statuses/" + made.json()["id"], headers=bearer(access)).status_code == 200


def test_a_post_through_node_a_reaches_a_websocket_on_node_b_within_a_second(two_nodes):
    a, b, _ = two_nodes
    access = token(a)
    stream = websocket_user_stream(b, access)
    try:
        started = time.time()
        assert post(a, access, "Streamed from node A").status_code == 200
        assert receives(stream, "Streamed from node A", 1.0), "the post did not reach node B's stream within a second"
        assert time.time() - started < 1.5
    finally:
        stream.close()


def test_an_image_uploaded_through_node_a_is_served_by_node_b(two_nodes):
    a, b, _ = two_nodes
    access = token(a)
    with open(os.path.join(ROOT, "docs", "screenshot.png"), "rb") as file:
        made = http().post(a + "/api/v2/media", headers=bearer(access), files={"file": ("shot.png", file, "image/png")},
                           data={"description": "The home page"})
    assert made.status_code == 200, made.text
    path = "/" + made.json()["url"].split("/", 3)[3]
    served = http().get(b + path)
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/png" and len(served.content) > 1000


def test_through_nginx_posts_timelines_and_websocket_streams_work_whichever_node_answers(two_nodes):
    a, _, proxy = two_nodes
    access = token(proxy)
    stream = websocket_user_stream(proxy, access)
    try:
        ids = [post(proxy, access, f"Through the proxy {n}").json()["id"] for n in range(4)]
        home = [status["id"] for status in http().get(proxy + "/api/v1/timelines/home", headers=bearer(access)).json()]
        assert home[:4] == list(reversed(ids))
        assert post(a, access, "Straight to node A").status_code == 200
        assert receives(stream, "Straight to node A", 2.0)
    finally:
        stream.close()
    # Server-sent events through the proxy too (nginx must not buffer them).
    events = http().get(proxy + "/api/v1/streaming/user", headers=bearer(access), stream=True, timeout=10)
    seen = []

    def read():
        try:
            for line in events.iter_lines(decode_unicode=True):
                seen.append(line)
        except requests.RequestException:  # closed at the end of the test
            pass

    threading.Thread(target=read, daemon=True).start()
    time.sleep(0.5)
    assert post(a, access, "Sent as an event").status_code == 200
    deadline = time.time() + 5
    while not any("Sent as an event" in line for line in seen) and time.time() < deadline:
        time.sleep(0.05)
    events.close()
    assert any("Sent as an event" in line for line in seen)


def test_killing_a_node_under_write_load_loses_no_acknowledged_post(cluster):
    database = new_organization(cluster)
    a_process, a, a_data = node(database)
    b_process, b, b_data = node(database)
    try:
        access = token(a)
        acknowledged, stop = [], threading.Event()

        def write(worker):
            n = 0
            while not stop.is_set():
                try:
                    answer = post(a, access, f"Load {worker}-{n}")
                except requests.RequestException:
                    return  # the node is gone: what it did not acknowledge may or may not be there
                if answer.status_code == 200:
                    acknowledged.append(answer.json()["id"])
                n += 1

        writers = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
        for writer in writers:
            writer.start()
        time.sleep(3)
        a_process.send_signal(signal.SIGKILL)
        a_process.wait(timeout=10)
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
        assert len(acknowledged) >= 20, "too few posts were written to tell anything"
        missing = [i for i in acknowledged if http().get(b + "/api/v1/statuses/" + i, headers=bearer(access)).status_code != 200]
        assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged posts are gone"
    finally:
        stop_server(b_process, b_data)
        shutil.rmtree(a_data, ignore_errors=True)


class StallingMailServer:
    """An SMTP server whose first message hangs (the node sending it is killed meanwhile); later ones are accepted."""

    def __init__(self):
        self.attempts, self.delivered = [], []

    async def handle_DATA(self, server, session, envelope):
        self.attempts.append(list(envelope.rcpt_tos))
        if len(self.attempts) == 1:
            await asyncio.sleep(15)
            return "451 too late"
        self.delivered.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def test_a_job_whose_node_is_killed_mid_run_is_run_once_by_the_other(cluster):
    handler, port = StallingMailServer(), free_port()
    mail = Controller(handler, hostname="127.0.0.1", port=port)
    mail.start()
    database = new_organization(cluster)
    flags = ("--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none",
             "--smtp-from", "Acme Learning <learning@acme.example>", "--job-lease", "5")
    a_process, a, a_data = node(database, *flags)
    b = None
    try:
        web = http()
        form = web.get(a + "/password/forgot").text
        csrf = re.search(r'name="_csrf" value="([^"]+)"', form).group(1)
        assert web.post(a + "/password/forgot", data={"_csrf": csrf, "email": "ada@acme.example"}).status_code == 200
        deadline = time.time() + 20
        while not handler.attempts and time.time() < deadline:
            time.sleep(0.05)
        assert handler.attempts, "node A never started sending"
        a_process.send_signal(signal.SIGKILL)  # in the middle of handing the email over
        a_process.wait(timeout=10)
        b = node(database, *flags)
        deadline = time.time() + 30
        while not handler.delivered and time.time() < deadline:
            time.sleep(0.1)
        assert handler.delivered == [["ada@acme.example"]]
        time.sleep(3)  # nothing runs it a third time
        assert len(handler.attempts) == 2
    finally:
        mail.stop()
        if b:
            stop_server(b[0], b[2])
        shutil.rmtree(a_data, ignore_errors=True)


def test_a_database_that_goes_away_gives_503s_and_the_node_recovers_by_itself(cluster):
    process, url, data = node(new_organization(cluster))
    try:
        access = token(url)
        assert http().get(url + "/api/v1/timelines/home", headers=bearer(access)).status_code == 200
        cluster.halt()
        try:
            started = time.time()
            api = http().get(url + "/api/v1/timelines/home", headers=bearer(access), timeout=30)
            assert api.status_code == 503 and "not answering" in api.json()["error"]
            assert api.headers["Retry-After"] == "5"
            assert time.time() - started < 15
            page = http().get(url + "/@ada", headers={"Accept": "text/html"}, timeout=30)
            assert page.status_code == 503 and "text/html" in page.headers["Content-Type"]
            assert "not answering" in page.text
        finally:
            cluster.resume()
        deadline, status = time.time() + 60, None
        while time.time() < deadline:
            status = http().get(url + "/api/v1/timelines/home", headers=bearer(access), timeout=30).status_code
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, "the node did not recover after the database came back"
        assert post(url, access, "Back after the database returned").status_code == 200
    finally:
        stop_server(process, data)
