"""A program's life in a real browser: a facilitator starts a private cohort from the social-learning
template, learners join by accepting its agreement, introduce themselves, ask and answer; the asker
accepts an answer, the facilitator saves it to the knowledge base, search finds the page, and someone
outside the program sees none of it."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import submit
from test_end_to_end import sign_in


def test_program_from_template_to_knowledge_base(server, browser):
    tag = "cohort" + uuid.uuid4().hex[:6]
    word = "reimburse" + uuid.uuid4().hex[:6]

    # Ada starts a private program from the template and adds two learners.
    sign_in(browser, server, "ada")
    browser.get(server + "/programs")
    browser.find_element(By.ID, "program-title").send_keys("Spring cohort " + tag)
    browser.find_element(By.ID, "program-hashtag").send_keys(tag)
    Select(browser.find_element(By.ID, "program-visibility")).select_by_value("private")
    assert browser.find_element(By.CSS_SELECTOR, "input[name=template]").is_selected()
    submit(browser, "form[action='/programs'] button[type=submit]")
    program_url = browser.current_url
    assert "Start here" in browser.find_element(By.TAG_NAME, "main").text
    for learner in ("grace", "dev"):
        browser.find_element(By.ID, "member-username").send_keys(learner)
        submit(browser, "form[action$='/members'] button[type=submit]")
    assert "Joined, not introduced yet (2)" in browser.find_element(By.TAG_NAME, "main").text

    # Grace accepts the agreement, introduces herself and asks a question.
    sign_in(browser, server, "grace")
    browser.get(program_url)
    assert "We assume good intent" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.CSS_SELECTOR, "form[action$='/join'] input[name=accept]").click()
    submit(browser, "form[action$='/join'] button[type=submit]")
    assert browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=start-here] a").text == "Introduce yourself"
    submit(browser, "section[aria-labelledby=start-here] a")
    browser.find_element(By.ID, "reply-text").send_keys("Hi, I'm Grace, a designer; my challenge is running critiques.")
    submit(browser, "#reply button[type=submit]")
    browser.get(program_url)
    compose = browser.find_element(By.ID, "compose-text")
    assert compose.get_attribute("value") == "#%s " % tag
    compose.send_keys("How do I %s a conference ticket?" % word)
    browser.find_element(By.CSS_SELECTOR, "#compose input[name=question]").click()
    submit(browser, "#compose button[type=submit]")
    # Back on the program, with a notice and the question on top of its stream.
    assert "Your question is posted" in browser.find_element(By.CSS_SELECTOR, "main .notice").text
    question = browser.find_element(By.CSS_SELECTOR, "main article.post")
    assert word in question.text and "Question" in question.text
    question_url = question.find_element(By.CSS_SELECTOR, ".meta a").get_attribute("href")

    # Dev accepts the agreement and answers from the open questions view.
    sign_in(browser, server, "dev")
    browser.get(program_url)
    browser.find_element(By.CSS_SELECTOR, "form[action$='/join'] input[name=accept]").click()
    submit(browser, "form[action$='/join'] button[type=submit]")
    browser.get(program_url + "/questions?show=open")
    assert word in browser.find_element(By.TAG_NAME, "main").text
    browser.get(question_url)
    browser.find_element(By.ID, "reply-text").send_keys("File it under Training in the expenses portal.")
    submit(browser, "#reply button[type=submit]")

    # Grace accepts the answer.
    sign_in(browser, server, "grace")
    browser.get(question_url)
    submit(browser, "form[action$='/accept'] button[type=submit]")
    assert "Accepted answer" in browser.find_element(By.TAG_NAME, "main").text

    # Ada saves the question to the knowledge base; search finds the page.
    sign_in(browser, server, "ada")
    browser.get(question_url)
    browser.find_element(By.CSS_SELECTOR, "form[action$='/knowledge'] input[name=title]").send_keys("Conference tickets " + word)
    submit(browser, "form[action$='/knowledge'] button[type=submit]")
    page_url = browser.current_url
    page_text = browser.find_element(By.CSS_SELECTOR, "article.knowledge").text
    assert "Training in the expenses portal" in page_text
    browser.get(server + "/search?q=" + word)
    assert "Conference tickets " + word in browser.find_element(By.TAG_NAME, "main").text

    # Kemi is not in the program: she sees none of it.
    sign_in(browser, server, "kemi")
    for url in (program_url, question_url, page_url):
        browser.get(url)
        assert "Spring cohort" not in browser.page_source and word not in browser.page_source
        assert "not found" in browser.page_source.lower()
    browser.get(server + "/search?q=" + word)
    assert word not in browser.find_element(By.TAG_NAME, "main").text
    browser.get(server + "/tags/" + tag)
    assert "How do I" not in browser.find_element(By.TAG_NAME, "main").text
