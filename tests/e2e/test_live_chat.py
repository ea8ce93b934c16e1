"""A tweetchat in two real browsers at once: the host plans it, writes the script and starts it; Q1
comes out on its own; a participant answers from the live page; the host's page shows the answer
under Q1 without reloading; the host ends the chat and the transcript lists the answer."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import submit
from test_end_to_end import sign_in


def plan_event(host, server, title, kind, tag):
    """Plans an organization event from the events page (in 2031) and lands on its page."""
    host.get(server + "/events")
    host.find_element(By.CSS_SELECTOR, "details.form summary").click()
    host.find_element(By.ID, "event-title-input").send_keys(title)
    Select(host.find_element(By.ID, "event-kind")).select_by_value(kind)
    host.find_element(By.ID, "event-hashtag").send_keys(tag)
    host.execute_script("arguments[0].value = '2031-01-17T16:00'", host.find_element(By.ID, "event-start"))
    submit(host, "form[action='/events'] button[type=submit]")


def test_host_and_participant_in_a_live_chat(server, browser, second_browser):
    host, participant = browser, second_browser
    tag = "chat" + uuid.uuid4().hex[:6]
    word = "retrieval" + uuid.uuid4().hex[:6]

    # Ada plans an organization tweetchat, writes its script and starts it now.
    sign_in(host, server, "ada")
    plan_event(host, server, "Friday chat " + tag, "tweetchat", tag)
    host.find_element(By.ID, "script-welcome").send_keys("Welcome! Say hello.")
    host.find_element(By.ID, "script-questions").send_keys("0 | What helped you learn this week?\n30 | What will you try next?")
    submit(host, "form[action$='/script'] button[type=submit]")
    submit(host, "form[action$='/start'] button[type=submit]")
    submit(host, "a[href$='/live']")
    live_url = host.current_url
    WebDriverWait(host, 15).until(lambda d: d.find_elements(By.ID, "live-q1"))  # released by the server's scheduler
    assert "Q1: What helped you learn this week?" in host.find_element(By.ID, "live-q1").text
    host.execute_script("window.sameDocument = true")

    # Grace opens the live page and answers from it; the marker and hashtag are added for her.
    sign_in(participant, server, "grace")
    participant.get(live_url)
    WebDriverWait(participant, 15).until(lambda d: "A1" in d.find_element(By.ID, "live-marker").text)
    participant.find_element(By.ID, "live-status").send_keys("practising %s with flashcards" % word)
    participant.find_element(By.CSS_SELECTOR, "#live-compose button[type=submit]").click()

    # Ada's page shows it under Q1, with no reload; her filter narrows the page to Q1.
    WebDriverWait(host, 15).until(lambda d: word in d.find_element(By.CSS_SELECTOR, "#live-q1 .live-posts").text)
    assert host.execute_script("return window.sameDocument") is True
    answer = host.find_element(By.CSS_SELECTOR, "#live-q1 .live-posts").text
    assert "A1: practising %s with flashcards #%s" % (word, tag) in answer
    Select(host.find_element(By.ID, "live-filter")).select_by_value("1")
    assert not host.find_element(By.ID, "live-general").is_displayed()
    assert host.find_element(By.ID, "live-q1").is_displayed()
    WebDriverWait(participant, 15).until(lambda d: word in d.find_element(By.CSS_SELECTOR, "#live-q1 .live-posts").text)

    # Ada ends the chat; the transcript lists Grace's answer under Q1.
    submit(host, "form[action$='/end'] button[type=submit]")
    assert "Ended" in host.find_element(By.CSS_SELECTOR, ".live-head").text
    submit(host, "a[href$='/transcript']")
    transcript = host.find_element(By.TAG_NAME, "main").text
    assert "Q1: What helped you learn this week?" in transcript
    assert "@grace: A1: practising %s with flashcards" % word in transcript
    assert transcript.index("Q1:") < transcript.index(word)


def test_a_chat_through_mastodon_py_and_the_own_api(server):
    """Mastodon apps follow a chat as its hashtag: Mastodon.py's hashtag stream gets Q1, released by the
    server's scheduler after the host started the chat through the own API, and a participant's answer."""
    import json
    import threading
    import urllib.request
    from mastodon import StreamListener
    from test_mastodon_clients import client

    ada, ben = client(server, "ada"), client(server, "ben")
    tag = "apichat" + uuid.uuid4().hex[:6]

    def own(method, path, body=None):
        request = urllib.request.Request(server + "/api/starling/v1" + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Authorization": "Bearer " + ada.access_token, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    event = own("POST", "/events", {"kind": "tweetchat", "title": "API chat", "hashtag": tag,
                                    "starts_at": "2031-01-17T16:00:00Z", "time_zone": "UTC"})
    own("PUT", "/events/%s/script" % event["id"], {"welcome": "", "questions": [{"text": "What is one habit you keep?", "offset_minutes": 0}]})
    seen, both = [], threading.Event()

    class Listener(StreamListener):
        def on_update(self, status):
            seen.append(status.content)
            if len(seen) >= 2:
                both.set()

    handle = ben.stream_hashtag(tag, Listener(), run_async=True, reconnect_async=False)
    try:
        import time
        time.sleep(0.5)
        own("POST", "/occurrences/%s/start" % event["occurrences"][0]["id"])
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.1)
        assert seen and "Q1: What is one habit you keep?" in seen[0]
        ben.status_post("A1 a walk after lunch #" + tag)
        assert both.wait(5), "the answer did not arrive"
        assert "A1 a walk after lunch" in seen[1]
    finally:
        handle.close()


def test_an_expert_queue_shows_new_questions_without_reload(server, browser, second_browser):
    """The host of an ask-the-expert session keeps its queue open; a member's new question appears in it."""
    host, member = browser, second_browser
    tag = "ask" + uuid.uuid4().hex[:6]
    sign_in(host, server, "ada")
    plan_event(host, server, "Ask the CFO " + tag, "ask-the-expert", tag)
    submit(host, "a[href$='/questions']")
    queue_url = host.current_url
    host.execute_script("window.sameDocument = true")

    sign_in(member, server, "grace")
    member.get(queue_url)
    member.find_element(By.ID, "expert-question").send_keys("How is the budget set?")
    submit(member, "form[action$='/questions'] button[type=submit]")
    assert "How is the budget set?" in member.find_element(By.ID, "expert-queue").text

    WebDriverWait(host, 15).until(lambda d: "How is the budget set?" in d.find_element(By.ID, "expert-queue").text)
    assert host.execute_script("return window.sameDocument") is True
