"""A new member's first day in a real browser, and what members do beside posting: the checklist on
home, reporting a post, editing one's own, and notifications that group."""
import subprocess
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import BINARY, DATA, submit
from test_end_to_end import PASSWORD, sign_in


def new_member():
    name = "new" + uuid.uuid4().hex[:6]
    subprocess.run([BINARY, "admin", "create-user", name, "--email", name + "@example.test", "--password", PASSWORD, "--data", DATA[0]],
                   check=True, capture_output=True, timeout=60)
    return name


def post_from_home(browser, server, username, text):
    """Signs in as `username`, posts `text` from home, and returns the new post's address."""
    sign_in(browser, server, username)
    browser.find_element(By.ID, "compose-text").send_keys(text)
    submit(browser, "#compose button[type=submit]")
    return browser.current_url


def checklist(browser):
    return browser.find_element(By.CSS_SELECTOR, "section.checklist")


def test_a_new_member_follows_the_checklist_until_it_is_done(server, browser):
    name = new_member()
    sign_in(browser, server, name)
    assert "0 of 5 done" in checklist(browser).text

    # A few hashtags, from the busiest ones suggested.
    for _ in range(3):
        submit(browser, "section.checklist form[action$='/follow'] button")
        assert "You follow #" in browser.find_element(By.CSS_SELECTOR, "main .notice").text
    assert "1 of 5 done" in checklist(browser).text

    # The profile: a bio typed over two lines, and a time zone found by typing.
    browser.find_element(By.LINK_TEXT, "Complete your profile").click()
    browser.find_element(By.ID, "bio").send_keys("Product analyst.", Keys.ENTER, "Learning SQL this month.")
    browser.find_element(By.CSS_SELECTOR, "input.zone-filter").send_keys("Lisbon")
    submit(browser, "form[action='/settings/profile'] button[type=submit]")
    assert "Your profile was saved." in browser.find_element(By.CSS_SELECTOR, "main .notice").text
    assert browser.find_element(By.ID, "bio").get_attribute("value") == "Product analyst.\nLearning SQL this month."
    browser.get(server + "/@" + name)
    assert "Product analyst.\nLearning SQL this month." in browser.find_element(By.CSS_SELECTOR, "main section.card").text

    # A program: joined from the checklist, then an introduction in its Introductions tab.
    browser.get(server + "/")
    browser.find_element(By.LINK_TEXT, "Onboarding cohort").click()
    browser.find_element(By.CSS_SELECTOR, "form[action$='/join'] input[name=accept]").click()
    submit(browser, "form[action$='/join'] button[type=submit]")
    browser.get(server + "/")
    submit(browser, "section.checklist a[href$='/introductions']")
    browser.find_element(By.ID, "reply-text").send_keys("Hello, I'm new here and I analyse products.")
    submit(browser, "#reply button[type=submit]")
    assert "analyse products" in browser.find_element(By.TAG_NAME, "main").text

    # An event: said yes to the next one.
    browser.get(server + "/")
    assert "4 of 5 done" in checklist(browser).text
    submit(browser, "section.checklist li.todo ul a")
    submit(browser, "form[action$='/rsvp'] button[type=submit]")
    browser.get(server + "/")
    assert not browser.find_elements(By.CSS_SELECTOR, "section.checklist")


def test_a_member_reports_a_post_and_moderators_get_it(server, browser):
    word = "rude" + uuid.uuid4().hex[:6]
    post_url = post_from_home(browser, server, "kemi", "Some %s remark" % word)

    sign_in(browser, server, "liam")
    browser.get(post_url)
    report = browser.find_element(By.CSS_SELECTOR, "article.post.focus .actions a[href^='/report']")
    assert report.get_attribute("aria-label") == "Report" and report.get_attribute("title")
    submit(browser, "article.post.focus .actions a[href^='/report']")
    browser.find_element(By.CSS_SELECTOR, "input[name=category][value=violation]").click()
    browser.find_element(By.ID, "report-comment").send_keys("Not how we talk to each other.")
    submit(browser, "form[action='/report'] button[type=submit]")
    assert "Your report went to" in browser.find_element(By.CSS_SELECTOR, "main .notice").text

    sign_in(browser, server, "ada")
    browser.get(server + "/admin/reports")
    queue = browser.find_element(By.TAG_NAME, "main").text
    assert "Not how we talk to each other." in queue and "kemi" in queue


def test_a_member_edits_a_post_and_everyone_sees_its_history(server, browser):
    word = "typo" + uuid.uuid4().hex[:6]
    post_from_home(browser, server, "liam", "Meet at 3pm for %s" % word)
    submit(browser, "article.post.focus .actions a[href$='/edit']")
    text = browser.find_element(By.ID, "edit-text")
    text.clear()
    text.send_keys("Meet at 4pm for %s" % word)
    submit(browser, "form[action$='/edit'] button[type=submit]")
    assert "Your post was changed" in browser.find_element(By.CSS_SELECTOR, "main .notice").text
    focus = browser.find_element(By.CSS_SELECTOR, "article.post.focus")
    assert "4pm" in focus.text
    submit(browser, "article.post.focus a[href$='/history']")
    versions = [v.text for v in browser.find_elements(By.CSS_SELECTOR, "ol.history > li")]
    assert "Current version" in versions[0] and "4pm" in versions[0] and "3pm" in versions[1]


def test_likes_of_one_post_read_as_one_notification(server, browser):
    word = "liked" + uuid.uuid4().hex[:6]
    post_url = post_from_home(browser, server, "olivia", "A tip worth liking %s" % word)
    for fan in ("ben", "chloe", "dev"):
        sign_in(browser, server, fan)
        browser.get(post_url)
        submit(browser, "article.post.focus form[action$='/like'] button")
    sign_in(browser, server, "olivia")
    browser.get(server + "/notifications")
    grouped = [n.text for n in browser.find_elements(By.CSS_SELECTOR, "main article.notification") if word in n.text]
    assert len(grouped) == 1 and " and 2 others liked your post" in grouped[0], grouped
