"""Sign-in against Debian's OpenLDAP (slapd), started here in a temporary directory on a free loopback
port with people and groups: the directory's people sign in with their directory password (search as a
service account, then bind as the person), a wrong password and someone outside the group are refused,
an LDAP injection in the username finds nobody, and local break-glass accounts still work."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import requests

from conftest import start_server, stop_server

BASE = "dc=acme,dc=example"
ADMIN_DN = "cn=admin," + BASE
ADMIN_PASSWORD = "directory-secret"
PEOPLE = [  # uid, name, mail, password, groups
    ("grace", "Grace Hopper", "grace@acme.example", "cobol-1959", ["starling", "starling-admins"]),
    ("linus", "Linus Lee", "linus@acme.example", "kernel-1991", []),
    ("mary", "Mary Jackson", "mary@acme.example", "wind-tunnel", ["starling"]),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ldif():
    entries = [f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\no: Acme\ndc: acme\n",
               f"dn: ou=people,{BASE}\nobjectClass: organizationalUnit\nou: people\n",
               f"dn: ou=groups,{BASE}\nobjectClass: organizationalUnit\nou: groups\n"]
    for uid, name, mail, password, _ in PEOPLE:
        entries.append(f"dn: uid={uid},ou=people,{BASE}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {name}\n"
                       f"sn: {name.split()[-1]}\nmail: {mail}\nuserPassword: {password}\n")
    for group in ("starling", "starling-admins"):
        members = [f"member: uid={uid},ou=people,{BASE}" for uid, *_, groups in PEOPLE if group in groups]
        entries.append(f"dn: cn={group},ou=groups,{BASE}\nobjectClass: groupOfNames\ncn: {group}\n" + "\n".join(members) + "\n")
    return "\n".join(entries)


@pytest.fixture(scope="module")
def directory():
    """slapd on a free port with the people above; yields its URL."""
    root = tempfile.mkdtemp(prefix="starling-slapd-")
    os.mkdir(os.path.join(root, "db"))
    schema = "/etc/ldap/schema"
    with open(os.path.join(root, "slapd.conf"), "w") as conf:
        conf.write(f"""
include {schema}/core.schema
include {schema}/cosine.schema
include {schema}/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {root}/slapd.pid
database mdb
maxsize 10485760
suffix "{BASE}"
rootdn "{ADMIN_DN}"
rootpw {ADMIN_PASSWORD}
directory {root}/db
access to attrs=userPassword by anonymous auth by * none
access to * by * read
""")
    port = free_port()
    url = f"ldap://127.0.0.1:{port}"
    process = subprocess.Popen(["slapd", "-d", "0", "-f", os.path.join(root, "slapd.conf"), "-h", url + "/"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        added = subprocess.run(["ldapadd", "-x", "-H", url, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD],
                               input=ldif(), capture_output=True, text=True)
        if added.returncode == 0:
            break
        time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("slapd did not start: " + added.stderr + (process.stdout.read() if process.stdout else ""))
    yield url
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def starling(directory):
    process, url, data = start_server(
        "--ldap-url", directory, "--ldap-base-dn", BASE, "--ldap-bind-dn", ADMIN_DN, "--ldap-bind-password", ADMIN_PASSWORD,
        "--ldap-group-dn", f"cn=starling,ou=groups,{BASE}", "--sso-admin-groups", "starling-admins", "--sso-moderator-groups", "moderators",
        "--sso-timeout", "3")
    yield url
    stop_server(process, data)


def sign_in(url, login, password):
    """Signs in through the web form; returns (response, session)."""
    session = requests.Session()
    session.trust_env = False
    session.get(url + "/signin", timeout=10)
    response = session.post(url + "/signin", data={"login": login, "password": password, "next": "/",
                                                   "_csrf": session.cookies.get("starling_csrf")},
                            allow_redirects=False, timeout=10)
    return response, session


def alert(response):
    match = re.search(r'<p class="error" role="alert">(.*?)</p>', response.text, re.S)
    return match.group(1).replace("&#39;", "'") if match else ""


def test_a_person_in_the_directory_signs_in_with_their_directory_password(starling):
    response, session = sign_in(starling, "grace", "cobol-1959")
    assert response.status_code == 303 and "starling_session" in session.cookies
    home = session.get(starling + "/settings/profile", timeout=10)
    assert home.status_code == 200 and "Grace Hopper" in home.text
    # By email too, and the same account: the directory entry is the lasting link.
    again, second = sign_in(starling, "grace@acme.example", "cobol-1959")
    assert again.status_code == 303
    assert "Grace Hopper" in second.get(starling + "/settings/profile", timeout=10).text


def test_roles_follow_directory_groups(starling):
    _, session = sign_in(starling, "grace", "cobol-1959")
    assert session.get(starling + "/admin/audit", timeout=10).status_code == 200  # starling-admins: an admin
    _, mary = sign_in(starling, "mary", "wind-tunnel")
    assert mary.get(starling + "/admin/audit", timeout=10).status_code == 403


def test_a_wrong_directory_password_is_refused(starling):
    response, session = sign_in(starling, "mary", "not-her-password")
    assert response.status_code == 401 and "starling_session" not in session.cookies
    assert "not right" in alert(response)


def test_someone_outside_the_group_is_refused(starling):
    response, session = sign_in(starling, "linus", "kernel-1991")
    assert response.status_code == 401 and "starling_session" not in session.cookies
    assert "not in the group" in alert(response)


@pytest.mark.parametrize("login", ["*)(uid=*", "*", "grace)(|(uid=*", "*)(|(objectClass=*"])
def test_an_ldap_injection_in_the_username_finds_nobody(starling, login):
    response, session = sign_in(starling, login, "cobol-1959")
    assert response.status_code == 401 and "starling_session" not in session.cookies
    assert "not right" in alert(response)


def test_an_empty_password_is_not_an_anonymous_bind(starling):
    response, session = sign_in(starling, "grace", "")
    assert response.status_code in (401, 422) and "starling_session" not in session.cookies


def test_local_accounts_the_directory_does_not_know_still_sign_in(starling):
    response, session = sign_in(starling, "ada", "starling-demo")  # the demo admin: a break-glass account
    assert response.status_code == 303 and "starling_session" in session.cookies


def test_a_directory_that_does_not_answer_gives_a_clear_page_within_seconds():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections, never answers
    port = silent.getsockname()[1]
    process, url, data = start_server("--ldap-url", f"ldap://127.0.0.1:{port}", "--ldap-base-dn", BASE, "--sso-timeout", "2")
    try:
        started = time.time()
        response, _ = sign_in(url, "grace", "cobol-1959")
        assert time.time() - started < 8
        assert response.status_code == 502 and "did not answer" in alert(response)
    finally:
        stop_server(process, data)
        silent.close()
