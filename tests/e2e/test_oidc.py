"""Single sign-on with a real OpenID provider on loopback (`oidc-provider-mock` from PyPI, pinned, in a
venv of its own): through headless Chromium ("Sign in with ...", the provider's login, back in Starling
signed in, with the role its groups give), through a Mastodon app's authorization code flow (Mastodon.py),
and with passwords turned off for everyone but the break-glass admin. Forged, expired and misdirected
tokens are the Swift tests' part (they sign tokens themselves)."""
import json
import os
import re
import socket
import subprocess
import time
import urllib.parse

import pytest
import requests
from mastodon import Mastodon
from prometheus_client.parser import text_string_to_metric_families
from selenium.webdriver.common.by import By

from conftest import ROOT, start_server, stop_server, submit

PROVIDER_PYTHON = os.environ.get("STARLING_OIDC_PYTHON", os.path.join(ROOT, ".venv-oidc", "bin", "python"))
SCOPES = ["read", "write"]


def http():
    session = requests.Session()
    session.trust_env = False
    return session


@pytest.fixture(scope="module")
def provider():
    """oidc-provider-mock on a free port; yields its issuer URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([PROVIDER_PYTHON, "-m", "oidc_provider_mock", "--port", str(port), "--require-nonce", "true"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if http().get(issuer + "/.well-known/openid-configuration", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("oidc-provider-mock did not start")
    yield issuer
    process.terminate()
    process.wait(timeout=10)


def person(issuer, sub, **claims):
    """Tells the provider who `sub` is (its claims in the ID token)."""
    assert http().put(f"{issuer}/users/{urllib.parse.quote(sub)}", json=claims, timeout=5).status_code == 204


def provider_flags(issuer, *extra):
    return ("--oidc-issuer", issuer, "--oidc-client-id", "starling-e2e", "--oidc-client-secret", "e2e-secret",
            "--oidc-name", "Acme ID", "--sso-admin-groups", "starling-admins", *extra)


@pytest.fixture(scope="module")
def starling(provider):
    process, url, data = start_server(*provider_flags(provider))
    yield url
    stop_server(process, data)


def through_provider(browser, sub):
    """On the provider's login page: authorize as `sub`, and wait to be back in Starling."""
    browser.find_element(By.NAME, "sub").send_keys(sub)
    submit(browser, "button[type=submit]:not([name])")


def sign_ins(url, method, result):
    text = http().get(url + "/metrics", timeout=5).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "starling_sign_ins_total" and sample.labels == {"method": method, "result": result}:
                return sample.value
    return 0


def test_signing_in_with_the_organizations_provider_in_the_browser(starling, provider, browser):
    person(provider, "grace-sub", email="grace.hopper@acme.example", email_verified=True, name="Grace Hopper",
           preferred_username="grace.hopper", groups=["staff", "starling-admins"])
    before = sign_ins(starling, "oidc", "success")
    browser.get(starling + "/signin?next=/admin/audit")
    submit(browser, "#sign-in-with-provider")
    assert browser.current_url.startswith(provider)
    through_provider(browser, "grace-sub")
    assert browser.current_url == starling + "/admin/audit"  # back where they were going, an admin by the groups claim
    assert "Audit log" in browser.page_source
    assert "grace_hopper" in browser.page_source  # the new account's username, from preferred_username
    assert sign_ins(starling, "oidc", "success") == before + 1


def test_a_mastodon_app_is_authorized_through_the_provider(starling, provider, browser):
    person(provider, "ken-sub", email="ken@acme.example", email_verified=True, name="Ken Thompson", preferred_username="ken")
    client_id, client_secret = Mastodon.create_app("sso-flow", api_base_url=starling, scopes=SCOPES)
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=starling)
    browser.delete_all_cookies()
    browser.get(api.auth_request_url(scopes=SCOPES, allow_http=True))
    assert "/signin" in browser.current_url  # not signed in yet: the sign-in page, which offers the provider
    submit(browser, "#sign-in-with-provider")
    through_provider(browser, "ken-sub")
    assert "/oauth/authorize" in browser.current_url
    submit(browser, "button[value=approve]")
    code = browser.find_element(By.ID, "authorization-code").text
    api.log_in(code=code, scopes=SCOPES, allow_http=True)
    me = api.account_verify_credentials()
    assert me.username == "ken" and me.display_name == "Ken Thompson"
    api.status_post("Signed in through Acme ID, posting from an app")
    assert "posting from an app" in api.timeline_home(limit=1)[0].content


def test_the_password_grant_says_an_sso_account_has_no_password(starling, provider, browser):
    person(provider, "lin-sub", email="lin@acme.example", email_verified=True, preferred_username="lin")
    browser.delete_all_cookies()
    browser.get(starling + "/signin")
    submit(browser, "#sign-in-with-provider")
    through_provider(browser, "lin-sub")
    web = http()
    web.get(starling + "/signin", timeout=5)
    answer = web.post(starling + "/signin", data={"login": "lin", "password": "any-password", "next": "/",
                                                  "_csrf": web.cookies.get("starling_csrf")}, allow_redirects=False, timeout=5)
    assert answer.status_code == 403
    assert "signs in through the organization's single sign-on" in answer.text.replace("&#39;", "'")


def test_with_passwords_off_only_the_break_glass_admin_uses_one(provider):
    process, url, data = start_server(*provider_flags(provider, "--local-passwords", "off", "--break-glass-admin", "ada"))
    try:
        page = http().get(url + "/signin", timeout=5).text
        assert "Sign in with Acme ID" in page and "<details>" in page  # the password form is folded away
        for login, status in (("ada", 303), ("ben", 403)):
            web = http()
            web.get(url + "/signin", timeout=5)
            answer = web.post(url + "/signin", data={"login": login, "password": "starling-demo", "next": "/",
                                                     "_csrf": web.cookies.get("starling_csrf")}, allow_redirects=False, timeout=5)
            assert answer.status_code == status, login
    finally:
        stop_server(process, data)


def test_a_provider_that_does_not_answer_gives_a_clear_page():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    issuer = f"http://127.0.0.1:{silent.getsockname()[1]}"
    process, url, data = start_server(*provider_flags(issuer, "--sso-timeout", "2"))
    try:
        started = time.time()
        answer = http().get(url + "/signin/oidc?next=/", allow_redirects=False, timeout=15)
        assert time.time() - started < 8
        assert answer.status_code == 502 and "identity provider did not answer" in answer.text
    finally:
        stop_server(process, data)
        silent.close()
