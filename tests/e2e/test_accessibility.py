"""Every page reachable from the demo's menus, for a member, a facilitator and an admin, in headless
Chromium: axe-core finds no violation of serious or critical impact, the browser logs no console
error, and at phone width (320 px) nothing scrolls sideways."""
import os
import re
from urllib.parse import urlparse

import axe_playwright_python
import pytest
from selenium.webdriver.common.by import By

from test_end_to_end import sign_in

# axe-core as the pinned package ships it (we inject it through Selenium; Playwright is not used).
AXE = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8").read()

# Who looks: Grace is a learner, Ben facilitates the leadership lab, Ada is the admin.
PEOPLE = ["grace", "ben", "ada"]

# Addresses that are not pages (downloads, feeds, actions) or that leave the signed-in session.
NOT_PAGES = re.compile(r"(\.ics|\.csv|\.md|\.html|\.tar|\.svg|/stream|/signout|/calendar/|/media/|/assets/)")


def page_kind(path):
    """Pages of one kind share their markup: /programs/12/questions and /programs/34/questions are checked
    once, and so are a timeline's further pages, the report form for each post, each hashtag's page and the
    dashboard for each period."""
    path = re.sub(r"[?&](max_id|min_id|since_id)=\d+", "", path)
    path = re.sub(r"\b(from|to)=\d{4}-\d{2}-\d{2}", r"\1=D", path)
    path = re.sub(r"/tags/[^/?#]+", "/tags/T", path)
    return re.sub(r"\d+", "N", re.sub(r"/@[^/?#]+", "/@U", path))


def pages_from_menus(browser, server):
    """The menu's destinations (the side menu and the phone's More page), then the pages they link to,
    and a program's tabs, one of each kind."""
    browser.get(server + "/more")
    start = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "nav.sidenav a, main nav a")]
    seen_kinds, pages = set(), []

    def add(url):
        parsed = urlparse(url)
        if not url.startswith(server) or NOT_PAGES.search(parsed.path):
            return False
        path = parsed.path + ("?" + parsed.query if parsed.query else "")
        kind = page_kind(path)
        if kind in seen_kinds:
            return False
        seen_kinds.add(kind)
        pages.append(server + path)
        return True

    for url in start:
        add(url)
    for url in list(pages):
        browser.get(url)
        for link in [a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, "main a[href]")]:
            add(link.split("#")[0])
    # A program's tabs (its questions, commitments, plans, board) are two clicks from the menu.
    program = next((url for url in pages if page_kind(urlparse(url).path) == "/programs/N"), None)
    if program:
        browser.get(program)
        for link in [a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, "nav.tabs a[href]")]:
            add(link.split("#")[0])
    return pages


def console_errors(browser):
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.mark.parametrize("username", PEOPLE)
def test_pages_from_the_menus_are_accessible_and_quiet(server, browser, username):
    sign_in(browser, server, username)
    pages = pages_from_menus(browser, server)
    assert len(pages) >= 15, pages
    problems = []
    browser.get_log("browser")  # start with an empty console
    for url in pages:
        browser.get(url)
        browser.execute_script(AXE)
        results = browser.execute_async_script(
            "var done = arguments[0]; axe.run(document, {resultTypes: ['violations']}).then(done, function (e) { done({error: String(e)}); });")
        assert "error" not in results, results
        for violation in results["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                problems.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        for message in console_errors(browser):
            problems.append(f"{url}: console error: {message}")
        shown = browser.find_element(By.TAG_NAME, "main").text
        if re.search(r'\b(aria-[a-z]+|class|href|id)="', shown):
            problems.append(f"{url}: markup escaped twice, shown as text")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ["grace", "ada"])
def test_nothing_scrolls_sideways_on_a_small_phone(server, browser, username):
    sign_in(browser, server, username)
    pages = pages_from_menus(browser, server)
    browser.set_window_size(320, 700)
    wide = []
    for url in pages:
        browser.get(url)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            culprit = browser.execute_script("""
                var width = document.documentElement.clientWidth, worst = null;
                document.querySelectorAll('main *, header *, nav *').forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  if (r.right > width + 1 && (!worst || r.right > worst.r)) worst = {r: r.right, d: e.tagName + '.' + e.className};
                });
                return worst && worst.d;""")
            wide.append(f"{url}: {overflow}px wider than the screen ({culprit})")
    assert not wide, "\n".join(wide)
