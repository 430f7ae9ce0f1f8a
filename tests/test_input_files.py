"""Plan, history and quiz-answer files: read in bounded time and memory, and every bad
file refused with one line and exit 2 (issue 25: deep nesting, huge integers, /dev/zero,
a UTF-8 BOM)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, cli_env

from advisor.jsonfile import MAX_DEPTH, MAX_DIGITS, JsonFileError, read_json
from advisor.plan import PlanError, read_plan

# A normal `check` peaks under 128 MB of address space and `ask`, which loads numpy and
# OpenBLAS before it reads its history, under 256 MB (measured with RLIMIT_AS); 1 GB
# leaves room for both and still stops a process that reads /dev/zero whole.
ADDRESS_SPACE = 1024 * 1024 * 1024
TIME_GUARD = 60  # seconds; an unbounded read ran until it was killed

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = '{"immersive_hours": ' + "9" * 5000 + "}"
PLAN = {"immersive_hours": 950, "mycap": True}


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_bounded(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", *args], cwd=ROOT, env=cli_env(),
                          capture_output=True, text=True, timeout=TIME_GUARD,
                          preexec_fn=_bounded)


def _write(tmp_path: Path, content: str | bytes, name: str = "input.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


COMMANDS = {
    "check": ("check", "--pathway", "icp", "--plan"),
    "match": ("match", "--plan"),
    "ask": ("ask", "what is icp", "--history"),
    "quiz": ("quiz", "--answers"),
}


def assert_refused(proc: subprocess.CompletedProcess, *words: str) -> None:
    """Exit 2 and one line on stderr naming the problem: no traceback."""
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr[-2000:]
    for word in words:
        assert word in lines[0]


# --- the reader alone


def test_a_byte_order_mark_is_read_past(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbf" + json.dumps(PLAN).encode())
    assert read_json(path, "plan.json", "plan file", 256) == PLAN


def test_nesting_past_the_limit_is_refused_where_it_goes_too_deep(tmp_path):
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert read_json(_write(tmp_path, ok), "ok.json", "plan file", 256) is not None
    deep = '{"a":\n  ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
    with pytest.raises(JsonFileError, match=rf"deep.json, line 2, column {MAX_DEPTH + 2}: "
                                            rf"nested more than {MAX_DEPTH} levels"):
        read_json(_write(tmp_path, deep), "deep.json", "plan file", 256)


def test_brackets_inside_strings_are_not_nesting(tmp_path):
    text = json.dumps({"name": "[" * 500 + '\\"{' * 500, "x": ["]" * 10]})
    data = read_json(_write(tmp_path, text), "s.json", "plan file", 256)
    assert data["name"].startswith("[[[") and data["x"] == ["]" * 10]


def test_a_huge_integer_is_refused_where_it_stands(tmp_path):
    fine = read_json(_write(tmp_path, '{"n": -' + "1" * MAX_DIGITS + "}"), "f", "plan", 256)
    assert fine["n"] == -int("1" * MAX_DIGITS)
    with pytest.raises(JsonFileError, match=r"big.json, line 1, column 21: a number of 5000 "
                                            r"digits"):
        read_json(_write(tmp_path, HUGE), "big.json", "plan file", 256)


def test_reading_stops_at_the_size_limit(tmp_path):
    at_limit = _write(tmp_path, '"' + "a" * (1024 - 2) + '"')
    assert len(read_json(at_limit, "a.json", "plan file", 1)) == 1022
    over = _write(tmp_path, '"' + "a" * 1024 + '"')
    with pytest.raises(JsonFileError, match=r"b.json is larger than 1 KB.*ADVISOR_MAX_JSON_KB"):
        read_json(over, "b.json", "plan file", 1)
    with pytest.raises(JsonFileError, match="larger than 1 KB"):  # endless: only 1 KB read
        read_json(Path("/dev/zero"), "/dev/zero", "plan file", 1)


@pytest.mark.parametrize("content, problem", [
    (b'{"a": 1', "is not valid JSON: Expecting ',' delimiter (line 1, column 8)"),
    (b'{"a": "\xff"}', "is not UTF-8 text (byte 8); save it as UTF-8"),
    (b"", "is not valid JSON: Expecting value (line 1, column 1)"),
])
def test_bad_text_is_named_with_its_place(tmp_path, content, problem):
    with pytest.raises(JsonFileError) as caught:
        read_json(_write(tmp_path, content), "x.json", "plan file", 256)
    assert str(caught.value) == f"plan file x.json {problem}"


def test_a_plan_read_for_the_web_never_shows_its_server_folder(tmp_path):
    folder = tmp_path / "gradio" / "0123abcd"
    folder.mkdir(parents=True)
    for content in (DEEP, "{", b"\xff"):
        with pytest.raises(PlanError) as caught:
            read_plan(_write(folder, content, "my plan.json"))
        assert "my plan.json" in str(caught.value) and str(tmp_path) not in str(caught.value)
    with pytest.raises(PlanError) as caught:
        read_plan(folder / "gone.json")
    assert str(caught.value) == "cannot read plan file gone.json: No such file or directory"


def test_the_size_limit_is_a_setting(tmp_path, monkeypatch):
    path = _write(tmp_path, json.dumps({"credentials": ["x" * 3000]}))
    assert read_plan(path).credentials == ["x" * 3000]
    monkeypatch.setenv("ADVISOR_MAX_JSON_KB", "2")
    from advisor.config import get_settings

    get_settings.cache_clear()
    with pytest.raises(PlanError, match="larger than 2 KB"):
        read_plan(path)


# --- the commands, end to end


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("content, words", [
    (DEEP, ("line 1, column 33", f"nested more than {MAX_DEPTH} levels deep")),
    (HUGE, ("line 1, column 21", "a number of 5000 digits")),
])
def test_deep_or_huge_files_exit_2_with_one_line(tmp_path, command, content, words):
    path = _write(tmp_path, content)
    proc = run_bounded(*COMMANDS[command], str(path), "--json")
    assert_refused(proc, str(path), *words)
    assert words[-1] in json.loads(proc.stdout)["error"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_endless_file_is_refused_in_bounded_time_and_memory(command):
    proc = run_bounded(*COMMANDS[command], "/dev/zero")
    assert_refused(proc, "/dev/zero is larger than 256 KB", "ADVISOR_MAX_JSON_KB")


def test_a_plan_or_answers_with_a_byte_order_mark_is_read(tmp_path):
    plan = _write(tmp_path, b"\xef\xbb\xbf" + json.dumps(PLAN).encode(), "plan.json")
    proc = run_bounded("check", "--pathway", "cte", "--plan", str(plan), "--json")
    assert proc.returncode == 0, proc.stderr
    hours = {c["id"]: c for c in json.loads(proc.stdout)["criteria"]}["cte.hours"]
    assert hours["status"] == "met"
    from advisor.catalog.bundle import load_catalog

    items = load_catalog(ROOT / "knowledge" / "catalog").quiz.items
    given = {i.id: 5 if i.type == "R" else 1 for i in items}
    answers = _write(tmp_path, b"\xef\xbb\xbf" + json.dumps(given).encode(), "answers.json")
    proc = run_bounded("quiz", "--answers", str(answers), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["top"][0] == "R"
