"""Backups of a running server: `starling admin backup` while posts are written through the API,
`starling admin restore` into an empty data directory, and a server on the restored data that answers
the same requests with the same bodies."""
import json
import sqlite3
import struct
import subprocess
import tempfile
import threading
import urllib.request
import zlib

from mastodon import Mastodon

from conftest import BINARY, start_server, stop_server


def png(width=4, height=3):
    """A small real PNG: red pixels."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def token(data, username):
    return subprocess.run([BINARY, "admin", "token", username, "--data", data], capture_output=True, text=True,
                          timeout=60, check=True).stdout.strip()


def fetch(base, path, bearer):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + bearer})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def test_backup_while_writing_then_restore_answers_the_same():
    process, url, data = start_server()
    restored_process = None
    restored = tempfile.mkdtemp(prefix="starling-restored-")
    try:
        ada_token, ben_token = token(data, "ada"), token(data, "ben")
        ada = Mastodon(access_token=ada_token, api_base_url=url)
        ben = Mastodon(access_token=ben_token, api_base_url=url)
        media = ada.media_post(png(), mime_type="image/png", description="a red square")
        pictured = ada.status_post("Before the backup, with a picture", media_ids=[media.id])

        stop = threading.Event()
        written = []

        def write():
            while not stop.is_set():
                written.append(ben.status_post("Written during the backup %d" % len(written)).id)

        writer = threading.Thread(target=write)
        writer.start()
        while len(written) < 5:
            pass
        backup = tempfile.mkdtemp(prefix="starling-backup-") + "/copy"
        result = subprocess.run([BINARY, "admin", "backup", backup, "--data", data], capture_output=True, text=True, timeout=120)
        stop.set()
        writer.join()
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith("Backed up")
        manifest = json.load(open(backup + "/backup.json"))
        assert manifest["media_files"] >= 1 and manifest["schema_version"] > 0

        result = subprocess.run([BINARY, "admin", "restore", backup, "--data", restored], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        again = subprocess.run([BINARY, "admin", "restore", backup, "--data", restored], capture_output=True, text=True, timeout=60)
        assert again.returncode != 0 and "empty data directory" in again.stdout + again.stderr

        in_backup = [row[0] for row in sqlite3.connect(backup + "/starling.sqlite").execute(
            "SELECT p.id FROM posts p JOIN accounts a ON a.id = p.author_id WHERE a.username = 'ben' AND p.source LIKE 'Written during%'")]
        assert 0 < len(in_backup) <= len(written)

        restored_process, restored_url, _ = start_server(data=restored)

        def same(path):
            # The two servers differ only in their port: links the API writes name each its own; links
            # written into posts name the original's in both.
            original = fetch(url, path, ada_token).decode().replace(url.split("//")[1], "HOST")
            copy = fetch(restored_url, path, ada_token).decode().replace(url.split("//")[1], "HOST")
            copy = copy.replace(restored_url.split("//")[1], "HOST")
            assert original == copy, path

        ada_id = ada.account_verify_credentials().id
        for path in ["/api/v1/accounts/verify_credentials", "/api/v1/accounts/%s/statuses?limit=40" % ada_id,
                     "/api/v1/statuses/%s" % pictured.id, "/api/v1/statuses/%s/context" % pictured.id,
                     "/api/v1/bookmarks", "/api/v1/lists", "/api/starling/v1/programs"]:
            same(path)
        # What ben wrote: the restored server has exactly the posts of the backup, each as the original shows it.
        restored_ben = Mastodon(access_token=ben_token, api_base_url=restored_url)
        ben_id = restored_ben.account_verify_credentials().id
        seen, page = [], restored_ben.account_statuses(ben_id, limit=40)
        while page:
            seen += [int(s.id) for s in page if s.content.startswith("<p>Written during")]
            page = restored_ben.fetch_next(page)
        assert sorted(seen) == sorted(in_backup)
        assert set(seen) <= {int(i) for i in written}
        picture = ada.status(pictured.id).media_attachments[0].url.replace(url, restored_url)
        assert urllib.request.urlopen(picture, timeout=10).read() == png()
    finally:
        if restored_process:
            stop_server(restored_process, restored)
        stop_server(process, data)
