"""Counselor access: the account settings fail closed, passwords hold any character, failed
sign-ins are rate-limited, and with sign-in configured no unsigned session gets counselor
data (retrieval scores, hand-off passages, roster results) from any endpoint."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import app_env, cli_env, indexed_copy, run_cli
from gradio_client import Client, handle_file
from servers import app_server
from test_privacy import files_containing

from advisor.config import Settings

PASSWORD = "correct, horse:battery \"staple\" é"  # a comma, a colon, spaces, quotes
ACCOUNTS = {"msrivera": PASSWORD, "mrlee": "staple"}
STUDENT = "Ana Quill-Oduya"
SCORE = re.compile(r"score \d\.\d{4}")  # how the search page and the note print a score


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


# --- the account settings ---------------------------------------------------------------

# The new modules are imported in the tests that use them, so the end-to-end tests below
# also run (and fail) on the code before them.


def test_the_original_form_still_reads_and_a_password_may_hold_a_colon():
    from advisor.ui.accounts import load_accounts

    assert load_accounts("msrivera:pw1, mrlee:a:b:c,", None) == {"msrivera": "pw1",
                                                                 "mrlee": "a:b:c"}
    assert load_accounts(None, None) == {}


def test_a_json_object_holds_any_password():
    from advisor.ui.accounts import load_accounts

    assert load_accounts(json.dumps(ACCOUNTS), None) == ACCOUNTS


def test_an_accounts_file_holds_any_password(tmp_path):
    from advisor.ui.accounts import load_accounts

    path = tmp_path / "accounts"
    path.write_bytes(("\ufeff# counselors\n\nmsrivera:" + PASSWORD + "\r\n mrlee :staple\n")
                     .encode("utf-8"))
    assert load_accounts(None, path) == ACCOUNTS


@pytest.mark.parametrize(("auth", "problem"), [
    ("counselor=s3cret", "account 1 of 1 has no ':'"),
    ("msrivera:ok,s3cret", "account 2 of 2 has no ':'"),
    (":s3cret", "empty user name"),
    ("counselor:", "empty password"),
    ("a:s3cret,a:s3cret2", "repeats a user name"),
    ("   ", "set but empty"),
    ('{"counselor": "s3cret",}', "not valid JSON"),
    ('{"counselor": ""}', "empty password"),
    ('{"counselor": ["s3cret"]}', "must be a JSON string"),
    ('{"a": "s3cret", "a": "s3cret2"}', "repeats a user name"),
    ("{}", "names no account"),
])
def test_a_malformed_setting_is_refused_without_showing_the_secret(auth, problem):
    from advisor.ui.accounts import AccountsError, load_accounts

    with pytest.raises(AccountsError) as raised:
        load_accounts(auth, None)
    assert problem in str(raised.value) and "s3cret" not in str(raised.value)


def test_a_malformed_or_doubled_accounts_file_is_refused(tmp_path):
    from advisor.ui.accounts import AccountsError, load_accounts

    path = tmp_path / "accounts"
    path.write_text("msrivera:fine\ncounselor=s3cret\n")
    with pytest.raises(AccountsError, match="line 2 has no ':'") as raised:
        load_accounts(None, path)
    assert "s3cret" not in str(raised.value)
    with pytest.raises(AccountsError, match="both set"):
        load_accounts("a:b", path)
    with pytest.raises(AccountsError, match="cannot read"):
        load_accounts(None, tmp_path / "missing")


@pytest.mark.parametrize("auth", ["counselor=s3cret", ":s3cret", "counselor:", "",
                                  '{"counselor": s3cret}'])
def test_the_app_does_not_start_with_a_malformed_setting(auth):
    proc = run_cli("app.py", env=cli_env(ADVISOR_AUTH=auth), timeout=90)
    assert proc.returncode == 2, proc.stderr
    assert "counselor sign-in is misconfigured" in proc.stderr
    assert "s3cret" not in proc.stderr + proc.stdout


def test_the_app_warns_when_sign_in_is_not_configured(capsys):
    import app

    access = app.counselor_access(Settings())
    assert not access.required and access.allows(False)
    assert "sign-in is not configured" in capsys.readouterr().err
    app.counselor_access(Settings(auth=json.dumps(ACCOUNTS)))
    assert capsys.readouterr().err == ""


# --- failed sign-ins ----------------------------------------------------------------------

def test_five_failures_lock_the_client_and_user_even_against_the_right_password():
    from advisor.ui.ratelimit import SignInLimiter
    from advisor.ui.signin import FAILED, Access

    clock = Clock()
    access = Access(ACCOUNTS, SignInLimiter(5, window=300, lock=30, max_lock=3600,
                                            clock=clock))
    for _ in range(4):
        assert access.sign_in("10.0.0.9", "mrlee", "guess") == (False, FAILED)
    ok, message = access.sign_in("10.0.0.9", "mrlee", "guess")
    assert not ok and "Try again in 30 s" in message
    clock.now += 29
    ok, message = access.sign_in("10.0.0.9", "mrlee", "staple")
    assert not ok and "Try again in 1 s" in message
    # another client, or another user name, is not locked by it
    assert access.sign_in("10.0.0.7", "mrlee", "staple")[0]
    assert access.sign_in("10.0.0.9", "msrivera", PASSWORD)[0]
    clock.now += 1
    assert access.sign_in("10.0.0.9", "mrlee", "staple")[0]


def test_each_lock_is_longer_up_to_the_maximum_and_old_failures_expire():
    from advisor.ui.ratelimit import SignInLimiter

    clock = Clock()
    limiter = SignInLimiter(3, window=60, lock=10, max_lock=35, clock=clock)
    locks = []
    for _ in range(4):
        locks.append([limiter.failed("k") for _ in range(3)][-1])
        clock.now += locks[-1]
    assert locks == [10, 20, 35, 35]
    # failures further apart than the window never add up to a lock
    for _ in range(10):
        assert limiter.failed("slow") == 0
        clock.now += 31
    assert limiter.locked_for("slow") == 0


def test_a_flood_of_user_names_does_not_push_out_a_lock():
    from advisor.ui.ratelimit import SignInLimiter

    clock = Clock()
    limiter = SignInLimiter(2, window=60, lock=100, max_lock=100, clock=clock, max_keys=50)
    limiter.failed("victim"), limiter.failed("victim")
    for n in range(500):
        limiter.failed(f"made-up-{n}")
    assert limiter.locked_for("victim") == 100 and len(limiter._records) <= 50


# --- every endpoint, through the launched app ----------------------------------------------

@pytest.fixture(scope="module")
def signed_app(tmp_path_factory, embeddings):
    tmp = tmp_path_factory.mktemp("access")
    settings = indexed_copy(tmp, embeddings)
    env = {**app_env(settings), "ADVISOR_AUTH": json.dumps(ACCOUNTS),
           "GRADIO_TEMP_DIR": str(tmp / "gradio")}
    with app_server(tmp, env) as (url, _):
        yield url, tmp / "gradio"


def _roster(tmp_path) -> Path:
    path = tmp_path / "caseload.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "technical_courses", "internship_hours", "mycap"])
        writer.writerow([STUDENT, 2, 120, "yes"])
    return path


def _note(client) -> str:
    client.predict("what is an innovation career pathway?", [], "family", api_name="/respond")
    return Path(client.predict(api_name="/counselor_note")).read_text("utf-8")


def test_an_unsigned_session_gets_no_counselor_data(signed_app, tmp_path):
    url, cache = signed_app
    client = Client(url, verbose=False, download_files=str(tmp_path / "down"))
    found = client.predict("internship hours", 5, "hybrid", api_name="/search")
    assert "Sign in first" in found and not SCORE.search(found) and "guidance/" not in found
    note = _note(client)
    assert "Sign in first" in note and not SCORE.search(note)
    assert "## My question" in note  # the student's note itself is still made
    summary, table, _, csv_out, pdf_out = client.predict(handle_file(str(_roster(tmp_path))),
                                                         api_name="/check_roster")
    assert "Sign in first" in summary and STUDENT not in json.dumps(table)
    assert csv_out is None and pdf_out is None
    assert client.predict(api_name="/roster_csv") is None
    assert client.predict(api_name="/roster_pdf") is None
    assert not files_containing(cache, STUDENT)  # refused, and the upload deleted all the same
    # the counselor view of a chat answer is the family view
    history, _, _ = client.predict("she has two technical courses and 60 internship hours: "
                                   "does she meet ICP?", [], "counselor", api_name="/respond")
    assert "counselor view needs a sign-in" in str(history[-1]["content"])


def test_one_sign_in_opens_every_tab_of_that_session_only(signed_app, tmp_path):
    url, _ = signed_app
    client = Client(url, verbose=False, download_files=str(tmp_path / "down"))
    # the part of the password before its comma is not the password
    status, cleared = client.predict("msrivera", "correct", api_name="/sign_in")
    assert "Sign-in failed" in status and cleared == ""
    status, _ = client.predict("msrivera", PASSWORD, api_name="/sign_in")
    assert "Signed in" in status
    assert SCORE.search(client.predict("internship hours", 5, "hybrid", api_name="/search"))
    note = _note(client)
    assert SCORE.search(note) and "Sign in first" not in note
    summary, table, *_ = client.predict(handle_file(str(_roster(tmp_path))),
                                        api_name="/check_roster")
    assert "1 student checked" in summary and STUDENT in json.dumps(table)
    assert STUDENT in Path(client.predict(api_name="/roster_csv")).read_text("utf-8")
    # another session is not signed in
    other = Client(url, verbose=False).predict("internship hours", 5, "hybrid",
                                               api_name="/search")
    assert "Sign in first" in other and not SCORE.search(other)


def test_repeated_failures_lock_out_the_right_password(signed_app):
    url, _ = signed_app
    client = Client(url, verbose=False)
    statuses = [client.predict("mrlee", f"guess {n}", api_name="/sign_in")[0] for n in range(5)]
    assert all("Sign-in failed" in s for s in statuses[:4]) and "Too many" in statuses[4]
    status, _ = client.predict("mrlee", "staple", api_name="/sign_in")
    assert "Too many failed sign-ins" in status
    assert "Sign in first" in client.predict("internship hours", 3, "hybrid",
                                             api_name="/search")
