"""Uploads (a plan JSON, a roster CSV) through the launched app: deleted as soon as they are
read, whatever their kind and whether or not they could be read; never served back; refused
over the size limit; swept when no one reads them, and gone once the app stops."""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import httpx
import pytest
from conftest import GUIDANCE, ROOT, make_settings
from gradio_client import Client, handle_file
from servers import app_server

CATALOG = ROOT / "knowledge" / "catalog"
DOWNLOADS = "advisor-download-"  # result files made on request (advisor/ui/downloads.py)
LIMIT_MB = 0.05


def _app(tmp: Path, **env):
    """The real app; plan and roster checks need no index, so none is built."""
    shutil.copytree(GUIDANCE, tmp / "knowledge" / "guidance")
    shutil.copytree(CATALOG, tmp / "knowledge" / "catalog")
    settings = make_settings(tmp)
    env = {"ADVISOR_DB": str(settings.db), "ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir),
           "GRADIO_TEMP_DIR": str(tmp / "gradio"), **env}
    return app_server(tmp, env)


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("uploads")
    with _app(tmp, ADVISOR_UPLOAD_MAX_MB=str(LIMIT_MB)) as (url, _):
        yield url, tmp / "gradio"


def _files(cache: Path) -> set[str]:
    """Every path in Gradio's cache but the downloads asked for."""
    return {str(p.relative_to(cache)) for p in cache.rglob("*")
            if not p.relative_to(cache).parts[0].startswith(DOWNLOADS)}


def _upload(url: str, name: str, data: bytes) -> httpx.Response:
    """What a browser or gradio_client does before calling an event: POST the file."""
    return httpx.post(url + "gradio_api/upload", files={"files": (name, data)}, timeout=30)


def _status(url: str, path: str) -> int:
    try:
        with urllib.request.urlopen(url + "gradio_api/file=" + path, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _plan_args(upload) -> list:
    # pathway, the form's inputs row by row (left empty), the uploaded plan
    return ["cte", "", "", "", "", "", "", "", True, "", "unknown", upload]


def test_a_plan_upload_is_deleted_once_read_and_never_served(upload_app, tmp_path):
    url, cache = upload_app
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"immersive_hours": 850}))
    before = _files(cache)
    # the path the app's client upload lands on: Gradio names it by content and name
    [server] = _upload(url, "plan.json", plan.read_bytes()).json()
    assert Path(server).is_file() and _status(url, server) == 404  # not served back, even now
    client = Client(url, verbose=False, download_files=str(tmp_path / "down"))
    result, pdf = client.predict(*_plan_args(handle_file(str(plan))), api_name="/check_plan")
    assert "850 of 900 immersive hours" in result and pdf
    assert not Path(server).exists() and _status(url, server) in (403, 404)
    assert _files(cache) == before  # not the file, its folder, nor an empty temporary file
    # a plan that cannot be read is deleted all the same
    broken = tmp_path / "broken.json"
    broken.write_text('{"immersive_hours": ')
    message, pdf = client.predict(*_plan_args(handle_file(str(broken))), api_name="/check_plan")
    assert "could not be read" in message and pdf is None
    assert _files(cache) == before


def test_a_roster_upload_leaves_nothing_and_the_template_stays(upload_app, tmp_path):
    url, cache = upload_app
    roster = tmp_path / "caseload.csv"
    roster.write_text("student,internship_hours,mycap\nAna Quill-Oduya,120,yes\n")
    before = _files(cache)
    client = Client(url, verbose=False, download_files=str(tmp_path / "down"))
    summary, *_ = client.predict(handle_file(str(roster)), api_name="/check_roster")
    assert "1 student checked" in summary
    assert _files(cache) == before
    # the template, uploaded back unchanged, lands on the path the page serves it from:
    # it is read, and stays downloadable for everyone
    config = httpx.get(url + "config", timeout=30).json()
    [template] = [c["props"]["value"]["path"] for c in config["components"]
                  if c.get("props", {}).get("elem_id") == "roster-template"]
    client.predict(handle_file(str(CATALOG / "roster-template.csv")), api_name="/check_roster")
    assert _status(url, template) == 200
    assert Path(template).read_bytes() == (CATALOG / "roster-template.csv").read_bytes()


def test_an_upload_over_the_size_limit_is_refused(upload_app):
    url, cache = upload_app
    before = _files(cache)
    refused = _upload(url, "huge.csv", b"student\n" + b"x" * int(LIMIT_MB * 2 * 1024 * 1024))
    assert refused.status_code == 413 and _files(cache) == before
    assert _upload(url, "small.csv", b"student\nAna\n").status_code == 200


def test_uploads_no_one_reads_are_swept_and_gone_when_the_app_stops(tmp_path):
    with _app(tmp_path, ADVISOR_UPLOAD_KEEP_SECONDS="6") as (url, _):
        [early] = _upload(url, "early.csv", b"student\nEarly Orphan\n").json()
        deadline = time.monotonic() + 60  # 6 s old, then the next sweep (every 3 s)
        while Path(early).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not Path(early).exists()
        [late] = _upload(url, "late.csv", b"student\nLate Orphan\n").json()
        assert Path(late).is_file()  # too young to be swept before the app stops
    assert not Path(late).exists() and not Path(late).parent.exists()
