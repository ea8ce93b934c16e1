"""Forms as people meet them in a real browser: a refused form comes back with everything typed and the
message beside the field, a chat's script typed with Enter between its lines, time zones chosen from a
list, and a notice after every action."""
import datetime
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import submit
from test_end_to_end import sign_in


def set_datetime(browser, element_id, value):
    """A datetime-local input takes its value the way the browser's own picker would set it."""
    browser.execute_script(
        "var e = document.getElementById(arguments[0]); e.value = arguments[1];"
        "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        element_id, value)


def open_onboarding(browser, server):
    browser.get(server + "/programs")
    browser.find_element(By.LINK_TEXT, "Onboarding cohort").click()
    WebDriverWait(browser, 10).until(lambda b: "Onboarding cohort" in b.title)


def start_planning(browser, server, title, tag, starts_at):
    """Ada opens the planning form on /events and fills in a title, a hashtag and the start."""
    sign_in(browser, server, "ada")
    browser.get(server + "/events")
    browser.find_element(By.CSS_SELECTOR, "#plan summary").click()
    browser.find_element(By.ID, "event-title-input").send_keys(title)
    browser.find_element(By.ID, "event-hashtag").send_keys(tag)
    set_datetime(browser, "event-start", starts_at)


def test_a_refused_event_comes_back_filled_in_and_is_planned_once_corrected(server, browser):
    tag = "chat" + uuid.uuid4().hex[:6]
    start_planning(browser, server, "Mentoring chat", tag, "2020-01-07T18:00")  # a date in the past: a real slip
    zone_filter = browser.find_element(By.CSS_SELECTOR, "input.zone-filter")
    zone_filter.send_keys("Berlin")
    assert Select(browser.find_element(By.ID, "event-zone")).first_selected_option.get_attribute("value") == "Europe/Berlin"
    browser.find_element(By.ID, "question-minute-1").send_keys("5")
    browser.find_element(By.ID, "question-text-1").send_keys("Who mentored you first?")
    browser.find_element(By.ID, "question-text-2").send_keys("What did they get right?")  # its minute forgotten
    submit(browser, "#plan form button.button:not(.secondary)")

    # The minute is missing: said beside it, everything else kept.
    summary = browser.find_element(By.ID, "form-errors")
    assert "Q2: give the minute" in summary.text
    assert browser.find_element(By.ID, "event-title-input").get_attribute("value") == "Mentoring chat"
    assert browser.find_element(By.ID, "event-hashtag").get_attribute("value") == tag
    assert browser.find_element(By.ID, "question-text-2").get_attribute("value") == "What did they get right?"
    assert Select(browser.find_element(By.ID, "event-zone")).first_selected_option.get_attribute("value") == "Europe/Berlin"
    browser.find_element(By.ID, "question-minute-2").send_keys("20")
    submit(browser, "#plan form button.button:not(.secondary)")

    # Now the date in the past: the message sits beside the date field, marked for screen readers.
    start = browser.find_element(By.ID, "event-start")
    assert start.get_attribute("aria-invalid") == "true"
    message = browser.find_element(By.ID, start.get_attribute("aria-describedby").split()[-1])
    assert "starts in the future" in message.text
    assert browser.find_element(By.ID, "question-minute-2").get_attribute("value") == "20"
    next_year = datetime.date.today().year + 1
    set_datetime(browser, "event-start", "%d-01-07T18:00" % next_year)
    submit(browser, "#plan form button.button:not(.secondary)")

    notice = browser.find_element(By.CSS_SELECTOR, "main .notice[role=status]")
    assert "“Mentoring chat” is planned, with 2 questions in its script." in notice.text
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Hosted by Ada Okafor" in page and "Europe/Berlin" in page


def test_a_script_typed_with_enter_between_lines_goes_out_as_separate_questions(server, browser):
    tag = "enter" + uuid.uuid4().hex[:6]
    start_planning(browser, server, "Enter chat", tag, "%d-03-03T10:00" % (datetime.date.today().year + 1))
    submit(browser, "#plan form button.button:not(.secondary)")

    # The script form of the event, typed as a person types: Enter between the lines.
    questions = browser.find_element(By.ID, "script-questions")
    assert questions.is_displayed()  # an event without a script opens its script form
    questions.clear()
    questions.send_keys("5 | What is one thing you learned this week?", Keys.ENTER, "25 | Who will you share it with?")
    submit(browser, "form[action$='/script'] button[type=submit]")
    assert "The script was saved: 2 questions." in browser.find_element(By.CSS_SELECTOR, "main .notice").text

    # Live now: each release is its own question.
    submit(browser, "form[action$='/start'] button[type=submit]")
    submit(browser, "form[action$='/release-next'] button[type=submit]")
    submit(browser, "form[action$='/release-next'] button[type=submit]")
    browser.get(server + "/tags/" + tag)
    posts = [p.text for p in browser.find_elements(By.CSS_SELECTOR, "main article.post .content")]
    assert any(p.startswith("Q1: What is one thing you learned this week?") and "Q2" not in p for p in posts), posts
    assert any(p.startswith("Q2: Who will you share it with?") for p in posts), posts


def test_program_views_keep_the_header_and_mark_where_you_are(server, browser):
    sign_in(browser, server, "grace")
    open_onboarding(browser, server)
    program_url = browser.current_url
    for tab in ("Introductions", "Open questions", "Guides", "Events", "Knowledge base"):
        browser.find_element(By.LINK_TEXT, tab).click()
        WebDriverWait(browser, 10).until(lambda b: b.find_element(By.CSS_SELECTOR, "nav.tabs a[aria-current=page]").text == tab)
        header = browser.find_element(By.CSS_SELECTOR, "section.program-header")
        assert "#onboarding" in header.text and "Shared agreement" in header.text
        assert browser.find_element(By.CSS_SELECTOR, "nav.sidenav a[aria-current=page]").text.strip().endswith("Programs")
    browser.get(program_url)
    assert browser.find_element(By.CSS_SELECTOR, "#compose h2").text == "Post to #onboarding"


def test_a_question_asked_in_a_program_returns_to_it_with_a_notice(server, browser):
    word = "badge" + uuid.uuid4().hex[:6]
    sign_in(browser, server, "grace")
    open_onboarding(browser, server)
    program_url = browser.current_url
    browser.find_element(By.ID, "compose-text").send_keys("Where do I pick up my %s?" % word)
    browser.find_element(By.CSS_SELECTOR, "#compose input[name=question]").click()
    submit(browser, "#compose button[type=submit]")
    assert browser.current_url.split("#")[0] == program_url
    assert "Your question is posted" in browser.find_element(By.CSS_SELECTOR, "main .notice").text
    assert word in browser.find_element(By.CSS_SELECTOR, "main article.post").text
    # A reply box reads as a reply: no "Ask as a question" there.
    browser.find_element(By.CSS_SELECTOR, "main article.post .meta a").click()
    reply = browser.find_element(By.ID, "reply")
    assert reply.find_element(By.TAG_NAME, "h2").text.startswith("Reply to")
    assert not reply.find_elements(By.CSS_SELECTOR, "input[name=question]")


def test_a_missing_page_keeps_the_signed_in_menu(server, browser):
    sign_in(browser, server, "grace")
    browser.get(server + "/no/such/page")
    assert "404" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_element(By.CSS_SELECTOR, "nav.sidenav a[href='/@grace']")
    assert browser.find_element(By.ID, "site-search")


def test_the_phone_bar_has_five_named_destinations(server, browser):
    browser.set_window_size(390, 844)
    sign_in(browser, server, "ada")
    items = [a for a in browser.find_elements(By.CSS_SELECTOR, "nav.sidenav li > a, nav.sidenav li > form button") if a.is_displayed()]
    names = [a.text.split("\n")[-1] if not a.text.split("\n")[-1].isdigit() else a.text.split("\n")[-2] for a in items]
    assert [n.strip() for n in names] == ["Home", "Programs", "Events", "Notifications", "More"], names
    for item in items:
        assert item.size["width"] >= 44 and item.size["height"] >= 44, (item.text, item.size)
    assert not any("Sign out" in a.text for a in items)
    submit(browser, "nav.sidenav a[href='/more']")
    assert browser.find_element(By.CSS_SELECTOR, "nav.sidenav a[href='/more']").get_attribute("aria-current") == "page"
    assert browser.find_element(By.CSS_SELECTOR, "main form[action='/signout'] button").text == "Sign out"
    assert browser.find_element(By.CSS_SELECTOR, "main nav a[href='/settings/profile']")
