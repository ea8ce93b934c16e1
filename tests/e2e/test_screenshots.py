"""The screenshot gallery (docs/screenshots/, linked from the README): the main pages as a member
and a facilitator see them, on a desktop and on a phone, saved by a real browser."""
import os
import time

from selenium.webdriver.common.by import By

from conftest import submit
from test_end_to_end import sign_in

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GALLERY = os.path.join(ROOT, "docs", "screenshots")
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def onboarding_url(browser, server):
    browser.get(server + "/programs")
    return browser.find_element(By.LINK_TEXT, "Onboarding cohort").get_attribute("href")


def shoot(browser, name):
    """Saves the page at each size, the whole height of its content (up to 2,400 px)."""
    for size, (width, height) in SIZES.items():
        browser.set_window_size(width, height)
        time.sleep(0.2)
        full = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(width, min(max(full, height), 2400))
        time.sleep(0.2)
        path = os.path.join(GALLERY, "%s-%s.png" % (name, size))
        browser.save_screenshot(path)
        assert os.path.getsize(path) > 10_000
    browser.set_window_size(*SIZES["desktop"])


def test_screenshot_gallery(server, browser):
    os.makedirs(GALLERY, exist_ok=True)
    sign_in(browser, server, "grace")
    program = onboarding_url(browser, server)
    pages = [("home", "/"), ("program", program), ("introductions", program + "/introductions"),
             ("questions", program + "/questions?show=open"), ("events", "/events"), ("calendar", "/events/calendar"),
             ("notifications", "/notifications"), ("search", "/search?q=onboarding"), ("menu", "/more"),
             ("reviews", "/reviews"), ("commitments", program + "/commitments")]
    for name, path in pages:
        browser.get(path if path.startswith("http") else server + path)
        shoot(browser, name)
    browser.get(server + "/reviews")
    browser.find_element(By.CSS_SELECTOR, ".review-queue a.button").click()
    shoot(browser, "review")

    # A facilitator's view, and a refused form as it comes back.
    sign_in(browser, server, "ada")
    browser.get(server + "/events")
    browser.find_element(By.CSS_SELECTOR, "#plan summary").click()
    browser.find_element(By.ID, "event-title-input").send_keys("Coaching circle")
    browser.find_element(By.ID, "event-hashtag").send_keys("coachingcircle")
    browser.execute_script("document.getElementById('event-start').value = '2020-02-02T10:00'")
    browser.find_element(By.CSS_SELECTOR, "input.zone-filter").send_keys("Berlin")
    browser.find_element(By.ID, "question-minute-1").send_keys("5")
    browser.find_element(By.ID, "question-text-1").send_keys("What is your coaching question this week?")
    submit(browser, "#plan form button.button:not(.secondary)")
    assert browser.find_element(By.ID, "form-errors")
    shoot(browser, "refused-form")
    browser.get(onboarding_url(browser, server))
    shoot(browser, "program-facilitator")
    browser.get(onboarding_url(browser, server) + "/plans")
    browser.find_element(By.CSS_SELECTOR, "main li.card h3 a").click()
    shoot(browser, "plan")
    browser.get(onboarding_url(browser, server) + "/board")
    shoot(browser, "board")
