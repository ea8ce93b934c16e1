"""Analytics end to end: the demo's onboarding cohort as its facilitator sees it in headless Chromium
(screenshots for the README), and its figures recomputed here in Python, straight from the SQLite file,
as the README defines them."""
import json
import os
import sqlite3
import subprocess
import urllib.request
from datetime import date, timedelta

from selenium.webdriver.common.by import By

from conftest import BINARY, DATA
from test_end_to_end import sign_in
from test_screenshots import GALLERY, onboarding_url, shoot


def api(server, path, username="ada"):
    token = subprocess.run([BINARY, "admin", "token", username, "--scopes", "read", "--data", DATA[0]],
                           check=True, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[-1]
    request = urllib.request.Request(server + "/api/starling/v1" + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def database():
    return sqlite3.connect("file:%s?mode=ro" % os.path.join(DATA[0], "starling.sqlite"), uri=True)


def day(ordinal):
    return date(1970, 1, 1) + timedelta(days=ordinal)


def monday(d):
    return d - timedelta(days=d.weekday())


def test_a_facilitator_sees_the_retention_heat_map_and_charts(server, browser):
    os.makedirs(GALLERY, exist_ok=True)
    sign_in(browser, server, "ada")
    browser.get(onboarding_url(browser, server) + "/analytics")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.heatmap tbody tr")
    assert len(rows) >= 3, "cohorts and the average row"
    shaded = browser.find_elements(By.CSS_SELECTOR, "table.heatmap td.h10, table.heatmap td.h9, table.heatmap td.h8")
    assert shaded and shaded[0].value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    charts = browser.find_elements(By.CSS_SELECTOR, "figure.chart svg[role=img]")
    assert len(charts) >= 3
    for chart in charts:
        assert chart.size["width"] > 300 and chart.size["height"] > 80
        assert chart.find_elements(By.CSS_SELECTOR, "polyline, rect.bar")
    assert "Came back the next week" in browser.find_element(By.CSS_SELECTOR, ".headline").text
    shoot(browser, "analytics")
    browser.get(server + "/analytics")
    assert browser.find_element(By.CSS_SELECTOR, "svg.sparkline")
    shoot(browser, "analytics-organization")


def test_program_figures_match_a_computation_over_the_sqlite_file(server):
    programs = api(server, "/programs")
    program = next(p for p in programs if p["hashtag"] == "onboarding")
    figures = api(server, "/programs/%s/analytics" % program["id"])
    today = date.fromisoformat(figures["today"])
    current = monday(today)
    with database() as db:
        learners = {row[0] for row in db.execute(
            "SELECT account_id FROM program_members WHERE program_id = ? AND role = 'learner'", (program["id"],))}
        days = {}
        for account, ordinal in db.execute("SELECT account_id, day FROM activity_days WHERE program_id = ?", (program["id"],)):
            if account in learners and day(ordinal) <= today:
                days.setdefault(account, set()).add(day(ordinal))
    weeks = {account: {monday(d) for d in active} for account, active in days.items()}

    # Cohort retention: cohort = week of first activity; the share active in week c + n, for weeks begun.
    expected = []
    for cohort in sorted({monday(min(active)) for active in days.values()}):
        members = [a for a, active in days.items() if monday(min(active)) == cohort]
        n = 0
        while cohort + timedelta(weeks=n) <= current:
            active = sum(1 for a in members if cohort + timedelta(weeks=n) in weeks[a])
            expected.append({"cohort": cohort.isoformat(), "size": len(members), "week": n, "active": active})
            n += 1
    served = [{k: row[k] for k in ("cohort", "size", "week", "active")} for row in figures["tables"]["retention"]]
    assert served == expected

    # Weekly return rate of the last 8 complete week pairs.
    pairs = []
    for back in range(8, 0, -1):
        week = current - timedelta(weeks=back + 1)
        active = [a for a, w in weeks.items() if week in w]
        pairs.append({"week": week.isoformat(), "active": len(active),
                      "returned": sum(1 for a in active if week + timedelta(weeks=1) in weeks[a])})
    assert [{k: row[k] for k in ("week", "active", "returned")} for row in figures["tables"]["weekly_return"]] == pairs
    assert figures["headline"]["weekly_return"] == round(pairs[-1]["returned"] / pairs[-1]["active"], 4)


def test_organization_stickiness_matches_a_computation_over_the_sqlite_file(server):
    figures = api(server, "/analytics")
    first, last = date.fromisoformat(figures["period"]["from"]), date.fromisoformat(figures["period"]["to"])
    with database() as db:
        rows = [(account, day(ordinal)) for account, ordinal in db.execute(
            "SELECT d.account_id, d.day FROM activity_days d JOIN accounts a ON a.id = d.account_id "
            "WHERE d.program_id = 0 AND a.guest = 0")]
    ratios = []
    served = {row["day"]: row for row in figures["tables"]["daily_active"]}
    d = first
    while d <= last:
        dau = len({a for a, when in rows if when == d})
        mau = len({a for a, when in rows if d - timedelta(days=29) <= when <= d})
        assert (served[d.isoformat()]["dau"], served[d.isoformat()]["mau"]) == (dau, mau), d
        ratios.append(dau / mau if mau else 0)
        d += timedelta(days=1)
    assert abs(figures["headline"]["stickiness"] - sum(ratios) / len(ratios)) < 1e-4
