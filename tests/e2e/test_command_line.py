"""The `starling` command line against a real data directory, also while the server runs."""
import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from conftest import BINARY, ROOT, keep_reading


def run(*args, env=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=60, env=env)


def start(data, *extra, env=None):
    process = subprocess.Popen([BINARY, "serve", "--port", "0", "--data", data, *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines = []
    for _ in range(200):
        line = process.stdout.readline()
        lines.append(line)
        match = re.search(r"running at (http://127\.0\.0\.1:\d+)", line)
        if match:
            keep_reading(process, lines)
            return process, match.group(1)
    process.kill()
    raise RuntimeError("server did not start")


def sign_in(base, login, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/signin").read()
    csrf = next(c.value for c in jar if c.name == "starling_csrf")
    body = urllib.parse.urlencode({"_csrf": csrf, "login": login, "password": password, "next": "/"}).encode()
    page = opener.open(base + "/signin", body).read().decode()
    return opener, page


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"\d+\.\d+\.\d+\n", result.stdout)


def test_admin_commands_work_while_the_server_runs():
    data = tempfile.mkdtemp(prefix="starling-cli-")
    env = dict(os.environ, STARLING_NAME="Env Named Org")
    server, base = start(data, env=env)
    try:
        created = run("admin", "create-user", "zed", "--email", "zed@example.org", "--password", "zed-password",
                      "--display-name", "Zed Zimmer", "--role", "moderator", "--data", data)
        assert created.returncode == 0, created.stderr
        assert "Created @zed (moderator)" in created.stdout
        _, home = sign_in(base, "zed", "zed-password")
        assert "Env Named Org" in home  # the instance name came from STARLING_NAME
        assert "@zed" in home

        duplicate = run("admin", "create-user", "ZED", "--email", "other@example.org", "--password", "zed-password", "--data", data)
        assert duplicate.returncode != 0
        assert "That username is taken." in duplicate.stderr

        invited = run("admin", "invite", "--data", data)
        assert invited.returncode == 0
        url = invited.stdout.strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:8080/invite/[A-Za-z0-9_-]+", url)
        page = urllib.request.urlopen(base + urllib.parse.urlparse(url).path).read().decode()
        assert "Create my account" in page
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=15) == 0  # a clean stop


def test_sigint_stops_cleanly():
    server, _ = start(tempfile.mkdtemp(prefix="starling-cli-"))
    server.send_signal(signal.SIGINT)
    assert server.wait(timeout=15) == 0


def test_a_database_from_a_newer_starling_is_refused():
    data = tempfile.mkdtemp(prefix="starling-cli-")
    assert run("admin", "invite", "--data", data).returncode == 0  # creates and migrates
    with sqlite3.connect(os.path.join(data, "starling.sqlite")) as db:
        db.execute("PRAGMA user_version = 999")
    result = run("serve", "--port", "0", "--data", data)
    assert result.returncode != 0
    assert "newer Starling" in result.stderr


def test_bad_settings_are_refused_clearly():
    result = run("serve", "--port", "0", "--max-post-length", "0", "--data", tempfile.mkdtemp())
    assert result.returncode != 0
    assert "post length limit" in result.stderr


def test_federation_lists_are_kept_and_shown_and_bad_domains_refused():
    data = tempfile.mkdtemp(prefix="starling-cli-")
    assert run("admin", "federation", "--data", data).stdout.splitlines() == ["mode off"]
    assert run("admin", "federation", "allow", "https://Social.Example/@ada", "--data", data).stdout.strip() == "Allowed social.example."
    assert run("admin", "federation", "allow", "127.0.0.1:8081", "--data", data).returncode == 0
    assert run("admin", "federation", "block", "127.0.0.1:8081", "--data", data).returncode == 0
    assert run("admin", "federation", "mode", "allowlist", "--data", data).returncode == 0
    assert run("admin", "federation", "list", "--data", data).stdout.splitlines() == [
        "mode allowlist", "allow social.example", "block 127.0.0.1:8081"]
    bad = run("admin", "federation", "allow", "not a domain", "--data", data)
    assert bad.returncode != 0 and "is not a domain" in bad.stderr
    unknown = run("admin", "federation", "forget", "other.example", "--data", data)
    assert unknown.returncode != 0 and "on neither list" in unknown.stderr
    mode = run("serve", "--port", "0", "--federation", "sideways", "--data", data)
    assert mode.returncode != 0 and "off, allowlist or open" in mode.stderr


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_bad_database_url_is_refused_clearly():
    result = run("serve", "--port", "0", "--data", tempfile.mkdtemp(), "--database", "mysql://root@db/starling")
    assert result.returncode != 0
    assert "postgres://" in result.stderr


def test_an_unreachable_database_is_a_clear_error_not_a_hang():
    started = time.monotonic()
    result = run("serve", "--port", "0", "--data", tempfile.mkdtemp(), "--database", f"postgres://starling@127.0.0.1:{free_port()}/starling")
    assert result.returncode != 0
    assert "Cannot reach the database" in result.stderr
    assert time.monotonic() - started < 15


def test_serve_and_admin_commands_run_on_postgres():
    """The server and an admin command share one PostgreSQL database (STARLING_DATABASE_URL for the command)."""
    server_url = os.environ["STARLING_TEST_POSTGRES_URL"]
    database = subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "database", server_url],
                              check=True, capture_output=True, text=True).stdout.strip()
    data = tempfile.mkdtemp(prefix="starling-cli-")
    server, base = start(data, "--database", database)
    try:
        created = run("admin", "create-user", "pia", "--email", "pia@example.org", "--password", "pia-password",
                      "--data", data, env=dict(os.environ, STARLING_DATABASE_URL=database))
        assert created.returncode == 0, created.stderr
        _, home = sign_in(base, "pia", "pia-password")
        assert "@pia" in home
        assert not os.path.exists(os.path.join(data, "starling.sqlite"))
        backup = run("admin", "backup", tempfile.mkdtemp() + "/b", "--data", data, "--database", database)
        assert backup.returncode != 0 and "pg_dump" in backup.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=15) == 0
