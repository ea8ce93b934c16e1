"""Email through a real SMTP server on loopback: aiosmtpd (PyPI, pinned) with STARTTLS under the test's
own certificate authority and a password. An admin's invitation by email is followed to the sign-up
form; the whole password reset runs in headless Chromium; a mention notice and the weekly digest arrive
for someone who chose them. Every message is parsed (plain-text and HTML parts, List-Unsubscribe) and its
links followed; the one-click unsubscribe works as a mail client sends it. A mail server that is away
delays the email until it is back, and /metrics counts what was sent and what failed."""
import email
import email.policy
import re
import socket
import ssl
import subprocess
import threading
import time

import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from mastodon import Mastodon
from prometheus_client.parser import text_string_to_metric_families
from selenium.webdriver.common.by import By

from conftest import BINARY, certificate_authority, make_certificate, start_server, stop_server, submit

PASSWORD = "starling-demo"
SMTP_USER, SMTP_PASSWORD = "starling", "mail-secret"
SENDER = "Acme Learning <learning@acme.example>"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http():
    session = requests.Session()
    session.trust_env = False
    return session


class Inbox:
    """What the mail server received: (envelope sender, recipients, parsed message), and the logins it refused."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message, session.authenticated))
        return "250 Message accepted for delivery"

    def wait_for(self, to, subject, timeout=30):
        """The first message to `to` whose subject contains `subject`, waiting for it."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                for sender, recipients, message, authenticated in self.messages:
                    if to in recipients and subject in message["Subject"]:
                        return sender, message, authenticated
            time.sleep(0.1)
        raise AssertionError(f"no email to {to} about {subject!r}; got {[(r, m['Subject']) for _, r, m, _ in self.messages]}")

    def count(self, to, subject):
        with self.lock:
            return sum(1 for _, recipients, message, _ in self.messages if to in recipients and subject in message["Subject"])


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok)


def mail_server(port, directory):
    """aiosmtpd on `port` requiring STARTTLS (with a certificate of the test's authority) and a login."""
    cert, key = make_certificate(directory, "smtp", "mail")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=authenticator, auth_required=True, auth_require_tls=True)
    controller.start()
    return controller, inbox


@pytest.fixture(scope="module")
def setup():
    """A mail server and a Starling sending through it; yields (url, data directory, inbox, authority folder)."""
    directory = certificate_authority()
    port = free_port()
    controller, inbox = mail_server(port, directory)
    process, url, data = start_server(*smtp_flags(port, directory), env={"STARLING_SMTP_PASSWORD": SMTP_PASSWORD})
    yield url, data, inbox
    stop_server(process, data)
    controller.stop()


def smtp_flags(port, directory):
    return ("--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "starttls", "--smtp-user", SMTP_USER,
            "--smtp-from", SENDER, "--smtp-ca-file", directory + "/ca.pem")


def sign_in(browser, url, username, password=PASSWORD):
    browser.delete_all_cookies()
    browser.get(url + "/signin")
    browser.find_element(By.ID, "login").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(password)
    submit(browser, "form[action='/signin'] button[type=submit]")
    assert browser.find_element(By.CSS_SELECTOR, "nav.sidenav a[href='/@%s']" % username)


def parts(message):
    """The plain-text and HTML bodies of a multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def links(text, url):
    return re.findall(re.escape(url) + r"/\S+", text)


def emails_counted(url, kind, result):
    for family in text_string_to_metric_families(http().get(url + "/metrics", timeout=5).text):
        for sample in family.samples:
            if sample.name == "starling_emails_total" and sample.labels == {"kind": kind, "result": result}:
                return sample.value
    return 0


def test_an_admin_invites_by_email_and_the_link_leads_to_sign_up(setup, browser):
    url, _, inbox = setup
    sign_in(browser, url, "ada")
    browser.get(url + "/admin/users")
    browser.find_element(By.ID, "invite-email").send_keys("newcomer@acme.example")
    submit(browser, "form[action='/admin/invitations'] button[type=submit]")
    assert "emailed to newcomer@acme.example" in browser.page_source

    sender, message, authenticated = inbox.wait_for("newcomer@acme.example", "invited you to Acme Learning")
    assert sender == "learning@acme.example" and authenticated  # logged in, which the server allows only after STARTTLS
    assert message["From"] == SENDER and message["To"] == "newcomer@acme.example" and message["Message-ID"]
    assert message["List-Unsubscribe"] is None  # nobody chose invitations: nothing to unsubscribe from
    text, html = parts(message)
    [link] = [link for link in links(text, url) if "/invite/" in link]
    assert f'href="{link}"' in html
    page = http().get(link, timeout=10)
    assert page.status_code == 200 and 'name="username"' in page.text
    assert emails_counted(url, "invitation", "sent") >= 1


def test_a_forgotten_password_is_reset_through_the_emailed_link_once(setup, browser):
    url, _, inbox = setup
    browser.delete_all_cookies()
    browser.get(url + "/signin")
    submit(browser, "a[href='/password/forgot']")
    browser.find_element(By.ID, "email").send_keys("dev@demo.starling.local")
    submit(browser, "form[action='/password/forgot'] button[type=submit]")
    assert "on its way" in browser.page_source

    _, message, _ = inbox.wait_for("dev@demo.starling.local", "Set a new password")
    text, html = parts(message)
    [link] = [link for link in links(text, url) if "/password/reset/" in link]
    assert link in html
    browser.get(link)
    browser.find_element(By.ID, "new_password").send_keys("a fresh passphrase")
    submit(browser, "form[action^='/password/reset/'] button[type=submit]")
    assert "Your new password is set" in browser.page_source
    sign_in(browser, url, "dev", "a fresh passphrase")

    again = http().get(link, timeout=10)
    assert again.status_code == 403 and "already used or has expired" in again.text
    web = http()
    web.get(url + "/signin", timeout=10)
    old = web.post(url + "/signin", data={"login": "dev", "password": PASSWORD, "next": "/", "_csrf": web.cookies.get("starling_csrf")},
                   allow_redirects=False, timeout=10)
    assert old.status_code == 401  # the old password no longer works


def test_chosen_notices_arrive_and_one_click_turns_a_kind_off(setup, browser):
    url, data, inbox = setup
    sign_in(browser, url, "elena")
    browser.get(url + "/settings/email")
    for kind in ("mentions", "weekly_digest"):
        box = browser.find_element(By.ID, "email-" + kind)
        if not box.is_selected():
            box.click()
    submit(browser, "form[action='/settings/email'] button[type=submit]")
    assert "Your email choices were saved" in browser.page_source

    token = subprocess.run([BINARY, "admin", "token", "farid", "--data", data], capture_output=True, text=True, check=True).stdout.strip()
    farid = Mastodon(access_token=token, api_base_url=url)
    status = farid.status_post("@elena could you share the #datalit reading list? Ünïcode too")
    _, mention, _ = inbox.wait_for("elena@demo.starling.local", "mentioned you")
    text, html = parts(mention)
    assert "could you share the #datalit reading list? Ünïcode too" in text
    assert f"{url}/posts/{status['id']}" in text and f"{url}/posts/{status['id']}" in html
    assert mention["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_mentions = mention["List-Unsubscribe"].strip("<>")
    assert "kind=mentions" in unsubscribe_mentions

    subprocess.run([BINARY, "admin", "email-digest", "--data", data], check=True, capture_output=True)
    _, digest, _ = inbox.wait_for("elena@demo.starling.local", "Your week at Acme Learning")
    text, html = parts(digest)
    assert "came into your home timeline" in text
    for link in [link for link in links(text, url) if "/posts/" in link]:
        assert http().get(link, allow_redirects=False, timeout=10).status_code in (200, 303)  # a post, or sign in first

    # The mail client's one-click unsubscribe (RFC 8058): a POST without cookies or a form of ours.
    done = http().post(unsubscribe_mentions, data={"List-Unsubscribe": "One-Click"}, timeout=10)
    assert done.status_code == 200
    browser.get(url + "/settings/email")
    assert not browser.find_element(By.ID, "email-mentions").is_selected()
    assert browser.find_element(By.ID, "email-weekly_digest").is_selected()
    farid.status_post("@elena one more question")
    farid.status_post("@farid a note to self, to know the queue has moved on")
    time.sleep(3)
    assert inbox.count("elena@demo.starling.local", "mentioned you") == 1


def test_a_mail_server_that_is_away_delays_the_email_until_it_is_back(browser):
    directory = certificate_authority()
    port = free_port()
    process, url, data = start_server(*smtp_flags(port, directory), env={"STARLING_SMTP_PASSWORD": SMTP_PASSWORD})
    controller = None
    try:
        sign_in(browser, url, "ada")
        browser.get(url + "/admin/users")
        browser.find_element(By.ID, "invite-email").send_keys("patient@acme.example")
        submit(browser, "form[action='/admin/invitations'] button[type=submit]")
        deadline = time.time() + 15
        while emails_counted(url, "invitation", "failed") < 1 and time.time() < deadline:
            time.sleep(0.2)
        assert emails_counted(url, "invitation", "failed") == 1
        browser.get(url + "/admin/jobs")
        assert "1 job waits" in browser.page_source or "jobs wait" in browser.page_source

        controller, inbox = mail_server(port, directory)  # the mail server comes back; the retry is due 30 s after the failure
        inbox.wait_for("patient@acme.example", "invited you", timeout=60)
        assert emails_counted(url, "invitation", "sent") == 1
    finally:
        stop_server(process, data)
        if controller:
            controller.stop()
