"""`starling admin migrate --to postgres://…` moves the demo organization from its SQLite data directory into an
empty PostgreSQL database: every table and upload is counted, the migrated server answers the same API requests
with the same bodies, a database that holds data is refused, and the source is left as it was."""
import hashlib
import json
import os
import signal
import subprocess
import tempfile

import requests

from conftest import BINARY, ROOT, start_server

POSTGRES = os.path.join(ROOT, "scripts", "postgres.sh")
# What a member reads through the Mastodon API and the own API: timelines, threads, search, notifications, programs.
REQUESTS = [
    "/api/v1/accounts/verify_credentials", "/api/v1/timelines/home?limit=40", "/api/v1/timelines/public?limit=40",
    "/api/v1/timelines/tag/onboarding?limit=40", "/api/v1/notifications?limit=30", "/api/v1/bookmarks",
    "/api/v1/favourites", "/api/v1/follow_requests", "/api/v1/lists", "/api/v2/search?q=datalit&limit=40",
    "/api/v1/followed_tags", "/api/starling/v1/programs", "/api/starling/v1/events",
]


def cli(*args, **kwargs):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=600, **kwargs)


def answers(url, token):
    """The bodies of REQUESTS and of a few posts and threads."""
    web = requests.Session()
    web.trust_env = False
    headers = {"Authorization": "Bearer " + token}
    got = {path: web.get(url + path, headers=headers).json() for path in REQUESTS}
    statuses = got["/api/v1/timelines/home?limit=40"]
    for status in statuses[:5]:  # threads and one post each
        got["/api/v1/statuses/" + status["id"]] = web.get(url + "/api/v1/statuses/" + status["id"], headers=headers).json()
        context = "/api/v1/statuses/" + status["id"] + "/context"
        got[context] = web.get(url + context, headers=headers).json()
    return got


def database_server():
    """A PostgreSQL server of the test run (STARLING_TEST_POSTGRES_URL, started by scripts/test.sh)."""
    return os.environ["STARLING_TEST_POSTGRES_URL"]


def new_database():
    return subprocess.run([POSTGRES, "database", database_server()], check=True, capture_output=True, text=True).stdout.strip()


def sha256(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def test_the_demo_organization_moves_to_postgres_and_answers_the_same(tmp_path):
    process, url, data = start_server()  # SQLite, with the demo organization
    token = cli("admin", "token", "ben", "--scopes", "read", "--data", data).stdout.strip()
    with open(os.path.join(ROOT, "docs", "screenshot.png"), "rb") as file:  # an upload travels too
        avatar = requests.patch(url + "/api/v1/accounts/update_credentials", files={"avatar": ("me.png", file, "image/png")},
                                headers={"Authorization": "Bearer " + cli("admin", "token", "ben", "--scopes", "write", "--data", data).stdout.strip()})
    assert avatar.status_code == 200, avatar.text
    before = answers(url, token)
    assert before["/api/v2/search?q=datalit&limit=40"]["statuses"], "the search compared finds nothing"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    source = os.path.join(data, "starling.sqlite")
    fingerprint = sha256(source)

    database = new_database()
    migrated = cli("admin", "migrate", "--to", database, "--data", data)
    assert migrated.returncode == 0, migrated.stderr
    counts = dict(line.split() for line in migrated.stdout.splitlines()[1:] if len(line.split()) == 2)
    for table in ("accounts", "posts", "follows", "programs", "events", "jobs", "files"):
        assert int(counts[table]) > 0, f"no rows copied into {table}"
    assert sha256(source) == fingerprint, "the source database was changed"

    again = cli("admin", "migrate", "--to", database, "--data", data)
    assert again.returncode != 0 and "already holds data" in again.stderr

    empty = tempfile.mkdtemp(prefix="starling-migrated-")  # the PostgreSQL node needs nothing from the old directory
    # The same address for links as before (posts keep the links they were written with).
    process, url, _ = start_server("--base-url", url, data=empty, database=database, demo=False)
    try:
        after = answers(url, token)
        assert after.keys() == before.keys()
        for path in before:
            if path.startswith("/api/v2/search"):  # the same results; each engine ranks them its own way
                for kind in ("accounts", "statuses", "hashtags"):
                    assert sorted(map(json.dumps, after[path][kind])) == sorted(map(json.dumps, before[path][kind])), path
            else:
                assert after[path] == before[path], f"{path} differs after the migration"
        me = before["/api/v1/accounts/verify_credentials"]
        served = requests.get(url + "/" + me["avatar"].split("/", 3)[3])
        assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)


def test_a_bad_target_is_refused_clearly(tmp_path):
    bad = cli("admin", "migrate", "--to", "mysql://db/starling", "--data", str(tmp_path))
    assert bad.returncode != 0 and "postgres://" in bad.stderr
    nothing = cli("admin", "migrate", "--to", new_database(), "--data", str(tmp_path))
    assert nothing.returncode != 0 and "no SQLite database" in nothing.stderr
