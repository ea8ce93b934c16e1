"""A person's first hour with Starling, in a real browser: sign in, post with a hashtag, find the
post on the hashtag page and by search, get a reply from a colleague, and see the notification."""
import os
import time
import uuid

from selenium.webdriver.common.by import By

from conftest import submit

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCREENSHOT = os.path.join(ROOT, "docs", "screenshot.png")
PASSWORD = "starling-demo"


def sign_in(browser, server, username):
    browser.delete_all_cookies()
    browser.get(server + "/signin")
    browser.find_element(By.ID, "login").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(browser, "form[action='/signin'] button[type=submit]")
    assert browser.find_element(By.CSS_SELECTOR, "nav.sidenav a[href='/@%s']" % username)


def test_post_find_reply_and_notify(server, browser):
    word = "spaced" + uuid.uuid4().hex[:8]
    text = "Trying %s practice this week #onboarding" % word

    # Ada posts from her home page.
    sign_in(browser, server, "ada")
    browser.find_element(By.ID, "compose-text").send_keys(text)
    counter = browser.find_element(By.ID, "compose-text-counter").text
    assert "characters left" in counter  # the small script enhances the form
    submit(browser, "#compose button[type=submit]")
    assert word in browser.find_element(By.CSS_SELECTOR, "article.post.focus").text

    # The post is on the hashtag page...
    browser.get(server + "/tags/onboarding")
    assert word in browser.find_element(By.TAG_NAME, "main").text
    # ...and search finds it.
    browser.get(server + "/search")
    browser.find_element(By.ID, "search-q").send_keys(word)
    submit(browser, "main form button[type=submit]")
    result = browser.find_element(By.CSS_SELECTOR, "main article.post")
    assert word in result.text
    permalink = result.find_element(By.CSS_SELECTOR, ".meta a").get_attribute("href")

    # Ben replies to it.
    sign_in(browser, server, "ben")
    browser.get(permalink)
    reply_box = browser.find_element(By.ID, "reply-text")
    assert reply_box.get_attribute("value").startswith("@ada ")
    reply_box.send_keys("Same here, the 1-3-7 rhythm works for me.")
    submit(browser, "#reply button[type=submit]")
    assert "1-3-7 rhythm" in browser.find_element(By.TAG_NAME, "main").text

    # Ada sees the notification.
    sign_in(browser, server, "ada")
    badge = browser.find_element(By.CSS_SELECTOR, "nav.sidenav a[href='/notifications'] .badge")
    assert int(badge.text) >= 1
    submit(browser, "nav.sidenav a[href='/notifications']")
    first = browser.find_element(By.CSS_SELECTOR, "main article.notification")
    assert "Ben Carter replied to your post" in first.text
    assert "1-3-7 rhythm" in first.text

    # The screenshot shown in the README: Ada's home timeline.
    browser.get(server + "/")
    time.sleep(0.3)
    os.makedirs(os.path.dirname(SCREENSHOT), exist_ok=True)
    browser.save_screenshot(SCREENSHOT)


def test_script_in_a_post_never_runs(server, browser):
    sign_in(browser, server, "ada")
    browser.find_element(By.ID, "compose-text").send_keys('<img src=x onerror="document.title=\'pwned\'"> #xsscheck')
    submit(browser, "#compose button[type=submit]")
    browser.get(server + "/tags/xsscheck")
    time.sleep(0.3)
    assert browser.title != "pwned"
    assert "<img src=x" in browser.find_element(By.TAG_NAME, "main").text  # shown as text


def test_phone_layout_keeps_navigation_reachable(server, browser):
    browser.set_window_size(390, 844)
    sign_in(browser, server, "ada")
    nav = browser.find_element(By.CSS_SELECTOR, "nav.sidenav")
    assert nav.is_displayed()
    assert nav.location["y"] > 500  # a bottom bar on phones
