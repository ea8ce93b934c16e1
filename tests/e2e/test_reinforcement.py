"""Reinforcement after training, end to end: a review answered by voting in its poll from Mastodon.py
(its schedule recomputed by the reference FSRS), and in headless Chromium a facilitator's plan whose
first nugget reaches the stream, a learner's wrong answer, and a commitment a partner sees."""
import json
import time
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler
from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError
from selenium.webdriver.common.by import By

from conftest import submit
from test_end_to_end import sign_in
from test_mastodon_clients import client


def own_api(server, api, path):
    request = urllib.request.Request(server + "/api/starling/v1" + path, headers={"Authorization": "Bearer " + api.access_token})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def parse(timestamp):
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def reference_replay(log):
    """The card the reference FSRS makes of a review log (ratings at their times)."""
    scheduler = Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card()
    for entry in log:
        card, _ = scheduler.review_card(card, Rating[entry["rating"].capitalize()], review_datetime=parse(entry["reviewed_at"]))
    return card


def test_a_learner_answers_a_review_by_voting_in_its_poll_from_mastodon_py(server):
    grace = client(server, "grace")
    due = own_api(server, grace, "/reviews")
    assert due, "the demo leaves Grace reviews to do"
    review = next(r for r in due if r["status_id"])
    status = grace.status(review["status_id"])
    assert status["visibility"] == "direct" and status["account"]["acct"] == "ada"
    assert [o["title"] for o in status["poll"]["options"]] == review["check"]["options"]
    before = len(own_api(server, grace, "/reviews/" + review["nugget_id"])["log"])

    grace.poll_vote(status["poll"]["id"], [0])

    after = own_api(server, grace, "/reviews/" + review["nugget_id"])
    assert len(after["log"]) == before + 1
    last = after["log"][-1]
    assert last["choices"] == [0] and last["rating"] in ("again", "good")
    card = reference_replay(after["log"])
    assert abs(card.stability - last["stability"]) <= 1e-6 * card.stability
    assert abs(card.difficulty - last["difficulty"]) <= 1e-6 * card.difficulty
    assert abs((card.due - parse(last["due_at"])).total_seconds()) < 1
    replies = grace.status_context(status["id"])["descendants"]
    assert any(("Right!" in r["content"]) or ("Not quite" in r["content"]) for r in replies)
    with pytest.raises(MastodonAPIError):
        grace.poll_vote(status["poll"]["id"], [0])
    with pytest.raises(MastodonNotFoundError):
        client(server, "dev").status(status["id"])
    with pytest.raises(MastodonNotFoundError):
        client(server, "ada").status(status["id"])  # not even the facilitator it comes from


def test_a_plan_a_wrong_answer_and_a_commitment_in_the_browser(server, browser):
    marker = uuid.uuid4().hex[:8]
    question = "Who answers fastest %s?" % marker
    sign_in(browser, server, "ada")
    browser.get(server + "/programs")
    browser.find_element(By.LINK_TEXT, "Onboarding cohort").click()
    program = browser.current_url.split("/programs/")[1].split("/")[0].split("?")[0]
    browser.get(server + "/programs/%s/plans" % program)
    title = browser.find_element(By.ID, "plan-title")
    title.clear()
    title.send_keys("Follow-up " + marker)
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).strftime("%Y-%m-%d")
    browser.execute_script("document.getElementById('plan-start').value = arguments[0]", yesterday)
    every = browser.find_element(By.ID, "plan-every")
    every.clear()
    every.send_keys("7")
    submit(browser, "form[action$='/plans'] button[type=submit]")
    assert "Follow-up " + marker in browser.page_source
    for number, (text, wrong) in enumerate([("Ask a peer first " + marker, "Nobody"), ("Write it down " + marker, "Never")]):
        browser.find_element(By.ID, "nugget-text").send_keys(text)
        browser.find_element(By.ID, "check-question").send_keys(question if number == 0 else "When to write %s?" % marker)
        browser.find_element(By.ID, "option0").send_keys("A peer" if number == 0 else "Right after")
        browser.find_element(By.ID, "option1").send_keys(wrong)
        browser.find_element(By.CSS_SELECTOR, "input[name=right][value='0']").click()
        browser.find_element(By.ID, "check-explanation").send_keys("Peers have met the same problem %s." % marker)
        submit(browser, "form[action$='/nuggets'] button[type=submit]")
    assert "Goes out" in browser.page_source, "the second nugget waits for its day"

    # The plan started yesterday: its first nugget is released at once, into the program's stream.
    deadline = time.time() + 10
    while time.time() < deadline:
        browser.get(server + "/programs/%s" % program)
        if "Ask a peer first " + marker in browser.page_source:
            break
        time.sleep(0.5)
    assert "Ask a peer first " + marker in browser.page_source
    assert "Write it down " + marker not in browser.page_source

    # Hugo (a learner) answers wrong, sees the explanation, and the check comes back the next day.
    sign_in(browser, server, "hugo")
    deadline = time.time() + 10
    while time.time() < deadline:
        browser.get(server + "/reviews")
        if question in browser.page_source:
            break
        time.sleep(0.5)
    browser.find_element(By.LINK_TEXT, question).click()
    browser.find_element(By.CSS_SELECTOR, "input[name=choice][value='1']").click()
    answered_at = datetime.now(timezone.utc)
    submit(browser, "form[action^='/reviews/'] button[type=submit]")
    page = browser.page_source
    assert "Your last answer: not right" in page
    assert "Peers have met the same problem %s." % marker in page
    comes_back = browser.find_element(By.CSS_SELECTOR, "#last-answer time").get_attribute("datetime")
    assert abs((parse(comes_back) - answered_at - timedelta(days=1)).total_seconds()) < 120

    # Hugo commits privately and checks in; Ines, his partner in the demo, sees both.
    browser.get(server + "/programs/%s/commitments" % program)
    browser.find_element(By.ID, "commit-text").send_keys("Answer a newcomer's question daily " + marker)
    browser.find_element(By.CSS_SELECTOR, "input[name=private]").click()
    submit(browser, "form[action$='/commitments'] button[type=submit]")
    browser.find_element(By.ID, "checkin-text").send_keys("Three answered so far " + marker)
    submit(browser, "form[action$='/check-ins'] button[type=submit]")
    commitment_url = browser.current_url
    sign_in(browser, server, "ines")
    browser.get(server + "/programs/%s/commitments" % program)
    assert "Answer a newcomer&#39;s question daily " + marker in browser.page_source or \
        "Answer a newcomer's question daily " + marker in browser.find_element(By.TAG_NAME, "main").text
    browser.get(commitment_url)
    assert "Three answered so far " + marker in browser.find_element(By.TAG_NAME, "main").text
    # Someone who is not his partner does not see it.
    sign_in(browser, server, "farid")
    browser.get(server + "/programs/%s/commitments" % program)
    assert marker not in browser.find_element(By.TAG_NAME, "main").text
