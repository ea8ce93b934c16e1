"""The published Mastodon clients against a real Starling: Mastodon.py and the `toot` CLI."""
import os
import subprocess
import sys
import tempfile
import uuid

from mastodon import Mastodon

SCOPES = ["read", "write", "follow"]
PASSWORD = "starling-demo"


def client(server, username):
    client_id, client_secret = Mastodon.create_app("starling-e2e", api_base_url=server, scopes=SCOPES)
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=server)
    api.log_in(username, PASSWORD, scopes=SCOPES, allow_http=True)  # loopback has no TLS
    return api


def test_mastodon_py_posts_reads_and_acts(server):
    ada = client(server, "ada")
    ben = client(server, "ben")
    me = ada.account_verify_credentials()
    assert me.username == "ada"

    word = "mpy" + uuid.uuid4().hex[:8]
    status = ada.status_post("Mastodon.py says hi %s #clienttest" % word, spoiler_text="about clients")
    assert status.spoiler_text == "about clients"
    assert status.visibility == "unlisted"  # "public" stays inside the organization
    assert [t.name for t in status.tags] == ["clienttest"]

    home = ada.timeline_home(limit=5)
    assert home[0].id == status.id
    older = ada.fetch_next(home)  # follows the Link header
    assert older and all(s.id < home[-1].id for s in older)
    newer = ada.fetch_previous(older)
    assert newer and newer[-1].id > older[0].id
    assert ada.timeline_hashtag("clienttest")[0].id == status.id
    ada.status_post("A second #clienttest post")
    tagged = ada.timeline_hashtag("clienttest", limit=1)
    earlier = ada.fetch_next(tagged)
    assert earlier and earlier[0].id < tagged[0].id
    assert ada.fetch_previous(earlier)[-1].id == tagged[0].id

    ada.status_favourite(status.id)
    ada.status_bookmark(status.id)
    seen = ada.status(status.id)
    assert seen.favourited and seen.bookmarked and seen.favourites_count == 1

    reply = ben.status_post("@ada nice one", in_reply_to_id=status.id)
    ben.status_reblog(status.id)
    context = ada.status_context(status.id)
    assert [s.id for s in context.descendants] == [reply.id]
    kinds = {(n.type, n.account.username) for n in ada.notifications(limit=10)}
    assert ("mention", "ben") in kinds and ("reblog", "ben") in kinds

    grace = ada.account(ben.account_verify_credentials().id)
    assert ada.account_unfollow(grace.id).following is False
    assert ada.account_follow(grace.id).following is True

    ada.status_delete(status.id)
    assert all(s.id != status.id for s in ada.timeline_home(limit=5))


def test_mastodon_py_reads_grouped_notifications(server):
    """Three colleagues like one post: Mastodon.py's grouped notifications show one group of three."""
    author = client(server, "ines")
    post = author.status_post("Grouped likes check %s" % uuid.uuid4().hex[:6])
    fans = [client(server, name) for name in ("jonas", "kemi", "liam")]
    for fan in fans:
        fan.status_favourite(post.id)
    results = author.grouped_notifications(types=["favourite"])
    group = next(g for g in results.notification_groups if g.status_id == post.id)
    assert group.type == "favourite" and group.notifications_count == 3
    named = {a.id: a.username for a in results.accounts}
    assert sorted(named[i] for i in group.sample_account_ids) == ["jonas", "kemi", "liam"]
    assert sorted(a.username for a in author.grouped_notification_accounts(group.group_key)) == ["jonas", "kemi", "liam"]
    assert author.grouped_notification(group.group_key).notification_groups[0].notifications_count == 3
    author.dismiss_grouped_notification(group.group_key)
    assert all(g.group_key != group.group_key for g in author.grouped_notifications(types=["favourite"]).notification_groups)


def test_toot_logs_in_posts_and_reads(server):
    env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="toot-"))
    toot = os.path.join(os.path.dirname(sys.executable), "toot")  # installed beside this venv's python

    def run(*args):
        result = subprocess.run([toot, *args], capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run("login_cli", "-i", server, "-e", "chloe@demo.starling.local", "-p", PASSWORD)
    assert "@chloe" in run("whoami")
    word = "toot" + uuid.uuid4().hex[:8]
    posted = run("post", "Posted from toot %s #tootcheck" % word)
    assert "Toot posted" in posted
    assert word in run("timelines", "home", "--no-pager", "--no-clear", "--limit", "5")
    assert word in run("timelines", "tag", "tootcheck", "--no-pager", "--no-clear", "--limit", "5")
    url = posted.strip().split()[-1]  # "Toot posted: URL"
    assert url in run("search", word)
    assert "Acme Learning" in run("instance", server)


def test_mastodon_py_logs_in_with_an_authorization_code(server, browser):
    from selenium.webdriver.common.by import By
    from conftest import submit
    from test_end_to_end import sign_in

    client_id, client_secret = Mastodon.create_app("code-flow", api_base_url=server, scopes=SCOPES)
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=server)
    url = api.auth_request_url(scopes=SCOPES, allow_http=True)
    sign_in(browser, server, "grace")
    browser.get(url)
    submit(browser, "button[value=approve]")  # the person consents
    code = browser.find_element(By.ID, "authorization-code").text
    api.log_in(code=code, scopes=SCOPES, allow_http=True)
    assert api.account_verify_credentials().username == "grace"


def test_admin_token_for_scripts(server):
    from conftest import BINARY, DATA
    token = subprocess.run([BINARY, "admin", "token", "ben", "--scopes", "read", "--data", DATA[0]],
                           capture_output=True, text=True, timeout=60).stdout.strip()
    api = Mastodon(api_base_url=server, access_token=token)
    assert api.account_verify_credentials().username == "ben"


def test_mastodon_py_streaming_listener_gets_a_new_post_within_a_second(server):
    import threading
    import time
    from mastodon import StreamListener

    ada = client(server, "ada")
    ben = client(server, "ben")
    ada.account_follow(ben.account_verify_credentials().id)
    received = {}
    arrived = threading.Event()

    class Listener(StreamListener):
        def on_update(self, status):
            received.setdefault("status", status)
            received.setdefault("at", time.monotonic())
            arrived.set()

    handle = ada.stream_user(Listener(), run_async=True, reconnect_async=False)
    try:
        time.sleep(0.5)
        word = "live" + uuid.uuid4().hex[:8]
        sent = time.monotonic()
        ben.status_post("Streaming check %s" % word)
        assert arrived.wait(5), "no update arrived"
        assert word in received["status"].content
        assert received["at"] - sent < 1.0
    finally:
        handle.close()


def test_mastodon_py_updates_the_profile_and_avatar(server):
    zoe = client(server, "zoe")
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)  # recognized by its bytes
    updated = zoe.account_update_credentials(display_name="Zoe W.", note="Designing for recall", avatar=png,
                                             avatar_mime_type="image/png")
    assert updated.display_name == "Zoe W."
    assert updated.source.note == "Designing for recall"
    assert "/media/avatars/" in updated.avatar


def png_1x1():
    """A real one-pixel PNG (media uploads are measured, so the header must be whole)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def test_mastodon_py_media_mentions_and_polls(server):
    ada = client(server, "ada")
    ben = client(server, "ben")
    media = ada.media_post(png_1x1(), mime_type="image/png", description="A one-pixel chart", focus=(0.5, -0.5))
    assert media.type == "image" and media.description == "A one-pixel chart"
    assert media.meta.original.width == 1
    pic = ada.status_post("@ben the chart from today", media_ids=[media])
    assert pic.media_attachments[0].id == media.id
    assert pic.media_attachments[0].description == "A one-pixel chart"
    assert [m.username for m in pic.mentions] == ["ben"]
    assert any(n.type == "mention" and n.status.id == pic.id for n in ben.notifications(limit=10))

    poll = ada.make_poll(["Mornings", "Evenings"], expires_in=600)
    question = ada.status_post("When should the cohort meet?", poll=poll)
    assert [o.title for o in question.poll.options] == ["Mornings", "Evenings"]
    voted = ben.poll_vote(question.poll.id, [1])
    assert voted.voted and voted.own_votes == [1] and voted.votes_count == 1
    assert ada.poll(question.poll.id).options[1].votes_count == 1


def test_mastodon_py_lists_tags_search_and_local_paging(server):
    ada = client(server, "ada")
    ben = client(server, "ben")
    ben_id = ben.account_verify_credentials().id
    ada.account_follow(ben_id)
    word = "lst" + uuid.uuid4().hex[:8]
    post = ben.status_post("List check %s #clientlists" % word)

    mentors = ada.list_create("Mentors")
    ada.list_accounts_add(mentors, [ben_id])
    assert [a.username for a in ada.list_accounts(mentors)] == ["ben"]
    assert ada.timeline_list(mentors, limit=5)[0].id == post.id
    assert ada.list_update(mentors, "Guides").title == "Guides"
    ada.list_delete(mentors)
    assert all(l.id != mentors.id for l in ada.lists())

    assert ada.tag_follow("clientlists").following is True
    assert "clientlists" in [t.name for t in ada.followed_tags()]
    assert ada.tag_unfollow("clientlists").following is False

    found = ada.search_v2(word)
    assert [s.id for s in found.statuses] == [post.id]
    assert "ben" in [a.username for a in ada.search_v2("ben", result_type="accounts").accounts]

    local = ada.timeline_local(limit=3)
    older = ada.fetch_next(local)
    assert older and older[0].id < local[-1].id
    newer = ada.fetch_previous(older)
    assert newer and newer[-1].id > older[0].id


def test_mastodon_py_schedules_and_edits(server):
    import datetime
    import time

    ada = client(server, "ada")
    word = "sch" + uuid.uuid4().hex[:8]
    due = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)
    scheduled = ada.status_post("Scheduled reminder %s" % word, scheduled_at=due)
    assert scheduled.params.text.endswith(word)
    assert any(s.id == scheduled.id for s in ada.scheduled_statuses())
    me = ada.account_verify_credentials()
    published = None
    deadline = time.monotonic() + 8
    while published is None and time.monotonic() < deadline:
        time.sleep(0.25)
        published = next((s for s in ada.account_statuses(me.id, limit=5) if word in s.content), None)
    assert published is not None, "the scheduled status was not published"
    lateness = (published.created_at - scheduled.scheduled_at).total_seconds()  # the time as the server read it
    assert 0 <= lateness < 2.0, lateness

    edited = ada.status_update(published.id, status="Rescheduled reminder %s, edited" % word)
    assert "edited" in edited.content and edited.edited_at is not None
    history = ada.status_history(published.id)
    assert len(history) == 2 and "Scheduled reminder" in history[0].content
    assert ada.status_source(published.id).text.endswith("edited")


def test_a_how_to_guide_reads_in_mastodon_py_as_its_photos_in_order_with_the_captions(server):
    ada = client(server, "ada")
    photos = [ada.media_post(png_1x1(), mime_type="image/png", description=alt)
              for alt in ["The kettle, filled", "Tea bag in the cup", "Timer at three minutes"]]
    captions = ["Boil fresh water.", "Pour it over the tea bag.", "Steep for three minutes."]
    # The guide is written through Starling's own API, with the same token Mastodon.py holds.
    made = ada.session.post(server + "/api/starling/v1/guides", json={
        "title": "Making a proper cup of tea", "media_ids": [str(p.id) for p in photos], "captions": captions},
        headers={"Authorization": "Bearer " + ada.access_token}, timeout=10)
    assert made.status_code == 201, made.text
    status = ada.status(made.json()["id"])
    assert [m.id for m in status.media_attachments] == [p.id for p in photos]
    assert [m.description for m in status.media_attachments] == ["The kettle, filled", "Tea bag in the cup", "Timer at three minutes"]
    positions = [status.content.index(caption) for caption in captions]
    assert positions == sorted(positions) and "Making a proper cup of tea" in status.content
