"""A person downloads their data: the archive is a tar in the layout of a Mastodon archive, and its
outbox holds exactly their posts (counted in the database), their images among its files. Posts Starling
sent in their name to one other person alone (a learner's review, a reminder) are that person's, not in it."""
import io
import json
import sqlite3
import tarfile

from conftest import DATA
from test_command_line import sign_in


def test_the_archive_holds_every_post_of_its_owner(server):
    opener, _ = sign_in(server, "ada", "starling-demo")
    with opener.open(server + "/settings/archive", timeout=30) as response:
        assert response.headers["Content-Type"] == "application/x-tar"
        assert "starling-archive-ada-" in response.headers["Content-Disposition"]
        archive = tarfile.open(fileobj=io.BytesIO(response.read()))
    names = archive.getnames()
    for expected in ("actor.json", "outbox.json", "likes.json", "bookmarks.json", "following_accounts.csv",
                     "starling/commitments.json", "starling/reviews.json"):
        assert expected in names
    actor = json.load(archive.extractfile("actor.json"))
    assert actor["type"] == "Person" and actor["preferredUsername"] == "ada"
    outbox = json.load(archive.extractfile("outbox.json"))
    database = sqlite3.connect(DATA[0] + "/starling.sqlite")
    (posts,) = database.execute("""SELECT count(*) FROM posts p JOIN accounts a ON a.id = p.author_id
                                   WHERE a.username = 'ada' AND (p.only_for IS NULL OR p.only_for = a.id)""").fetchone()
    assert outbox["totalItems"] == len(outbox["orderedItems"]) == posts
    (reposts,) = database.execute("""SELECT count(*) FROM posts p JOIN accounts a ON a.id = p.author_id
                                     WHERE a.username = 'ada' AND p.repost_of_id IS NOT NULL""").fetchone()
    assert sum(item["type"] == "Announce" for item in outbox["orderedItems"]) == reposts
    attachments = [a["url"] for item in outbox["orderedItems"] if item["type"] == "Create" for a in item["object"]["attachment"]]
    assert attachments and all(url in names for url in attachments)
