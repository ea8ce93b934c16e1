"""Fixtures for end-to-end tests: a real `starling` server on 127.0.0.1 and headless Chromium."""
import atexit
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("STARLING_BINARY", os.path.join(ROOT, ".build", "debug", "starling"))
DATA = []  # the data directory of the session's server, for command-line tests against it
SEEDED = []  # a data directory with the demo organization seeded once this session (SQLite), copied for each server


def keep_reading(process, lines):
    """Reads the rest of the server's output into `lines` (a log line per request: left unread,
    it would fill the pipe and stop the server)."""
    def read():
        for line in process.stdout:
            lines.append(line)
    threading.Thread(target=read, daemon=True).start()
    process.output = lines


def new_postgres_database():
    """A new, empty database on the PostgreSQL server STARLING_E2E_POSTGRES_URL names (None without one)."""
    server = os.environ.get("STARLING_E2E_POSTGRES_URL")
    if not server:
        return None
    return subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "database", server],
                          check=True, capture_output=True, text=True).stdout.strip()


def start_server(*extra, data=None, env=None, database=None, demo=True):
    """Starts `starling serve --demo` (or without the demo) on a free port with a fresh data directory (or `data`),
    with `env` added to the environment; returns (process, base URL, data directory). `process.output` holds what
    it printed. On the PostgreSQL `database` when given; else, with STARLING_E2E_POSTGRES_URL set, on a new
    database on that server. A fresh SQLite data directory with the demo is a copy of `seeded_demo()`."""
    database = database or new_postgres_database()
    if data is None:
        data = tempfile.mkdtemp(prefix="starling-e2e-")
        if demo and database is None:
            shutil.copytree(seeded_demo(), data, dirs_exist_ok=True)
    process = subprocess.Popen(
        [BINARY, "serve", *(["--demo"] if demo else []), "--port", "0", "--data", data, "--name", "Acme Learning", *extra,
         *(["--database", database] if database else [])],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})},
    )
    url = None
    # A guard against a server that never starts, not a measure of start-up: seeding the demo organization runs
    # thousands of writes through the debug build, which took 100 to 150 s on PostgreSQL on a slow day of this 2-core machine.
    deadline = time.time() + 300
    lines = []
    while time.time() < deadline and url is None:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        match = re.search(r"running at (https?://127\.0\.0\.1:\d+)", line)
        if match:
            url = match.group(1)
    if url is None:
        process.kill()
        raise RuntimeError("starling did not start:\n" + "".join(lines))
    keep_reading(process, lines)
    process.database = database
    return process, url, data


def seeded_demo():
    """A data directory in which a server seeded the demo organization, made once this session: seeding runs
    thousands of writes through the debug build (9 s a start), so each SQLite server with the demo starts from
    a copy, in which `seedIfNeeded` finds it seeded. The seeding itself is tested by the first start."""
    if not SEEDED:
        template = tempfile.mkdtemp(prefix="starling-e2e-demo-")
        atexit.register(shutil.rmtree, template, True)
        process, _, _ = start_server(data=template)
        process.terminate()
        process.wait(timeout=10)
        SEEDED.append(template)
    return SEEDED[0]


def stop_server(process, data):
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    """The session's server (demo organization); yields its base URL."""
    process, url, data = start_server()
    DATA.append(data)
    if process.database:  # admin commands run against the session's server use its database
        os.environ["STARLING_DATABASE_URL"] = process.database
    yield url
    stop_server(process, data)


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


def certificate_authority():
    """A new folder holding a certificate authority of the test's own (`ca.pem`, `ca.key`)."""
    directory = tempfile.mkdtemp(prefix="starling-tls-")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", os.path.join(directory, "ca.key"),
            "-out", os.path.join(directory, "ca.pem"), "-days", "2", "-subj", "/CN=Starling Test CA")
    return directory


def make_certificate(directory, name, common_name):
    """A key and certificate for 127.0.0.1 signed by the test's authority in `directory`."""
    key, csr, cert = (os.path.join(directory, name + suffix) for suffix in (".key", ".csr", ".pem"))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=" + common_name)
    extensions = os.path.join(directory, "ext.cnf")
    with open(extensions, "w") as file:
        file.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", csr, "-CA", os.path.join(directory, "ca.pem"), "-CAkey", os.path.join(directory, "ca.key"),
            "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", extensions)
    return cert, key


def chromium():
    """Headless Chromium from Debian (never a downloaded browser)."""
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages, for tests that none is an error
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    return driver


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def second_browser():
    """Another, separate Chromium session (another person at the same time)."""
    driver = chromium()
    yield driver
    driver.quit()


def submit(browser, css):
    """Clicks the element (a submit button or link) and waits until the next page has replaced this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, css).click()

    def replaced(_):
        try:
            page.is_enabled()
            return False
        except WebDriverException:  # stale, or "does not belong to the document": the page was replaced
            return True

    WebDriverWait(browser, 15).until(replaced)
