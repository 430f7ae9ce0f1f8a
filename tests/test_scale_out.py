"""Scale-out: one `chroma run` server, two app processes, and the server lost mid-session."""

from __future__ import annotations

import json
import shutil
import time

import pytest
from conftest import GUIDANCE_FILES, ROOT, cli_env, free_port, run_cli
from gradio_client import Client
from servers import _stop, app_server, chroma_server

pytestmark = pytest.mark.server

PLAN = ("I have 2 technical courses, 2 AP classes, 120 internship hours and my MyCAP is done. "
        "Do I meet the innovation pathway?")


def ask(url, message, audience="student"):
    history, _, sources = Client(url, verbose=False).predict(message, [], audience,
                                                             api_name="/respond")
    return str(history[-1]["content"]), sources


def until(check, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return True
        except Exception:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            return False
        time.sleep(1)


def test_two_apps_share_a_chroma_server_and_survive_losing_it(tmp_path, knowledge):
    shutil.copytree(ROOT / "knowledge" / "catalog", knowledge / "catalog")
    port, data = free_port(), tmp_path / "server-data"
    with chroma_server(data, port) as (chroma_url, server):
        common = {"ADVISOR_CHROMA_URL": chroma_url, "ADVISOR_KNOWLEDGE_DIR": str(knowledge)}
        host = {name: {**common, "ADVISOR_DB": str(tmp_path / name / "chroma")}
                for name in ("ingest-host", "app-a", "app-b")}
        proc = run_cli("ingest.py", "--json", env=cli_env(**host["ingest-host"]))
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["added"] == GUIDANCE_FILES

        with app_server(tmp_path, host["app-a"]) as (url_a, _), \
                app_server(tmp_path, host["app-b"]) as (url_b, _):
            for url in (url_a, url_b):
                answer, sources = ask(url, "what is P-TECH")
                assert "IBM" in answer and "national-pathway-exemplars" in sources

            _stop(server)  # the vector store goes away mid-session
            for url in (url_a, url_b):
                answer, _ = ask(url, "what is P-TECH")
                assert "Searching the guidance is unavailable" in answer
                assert f"Chroma server at {chroma_url}" in answer
                answer, _ = ask(url, PLAN, "counselor")  # the rules need no vector store
                assert "| `icp.wbl` | met |" in answer and "| `icp.technical` | met |" in answer
                found = Client(url, verbose=False).predict("P-TECH", 3, "hybrid",
                                                           api_name="/search")
                assert "Search is unavailable" in found and chroma_url in found
            cli = run_cli("-m", "advisor", "search", "P-TECH", "--json",
                          env=cli_env(**host["app-a"]))
            assert cli.returncode == 2
            assert f"Chroma server at {chroma_url} is unreachable" in json.loads(cli.stdout)[
                "error"]
            plan = tmp_path / "plan.json"
            plan.write_text(json.dumps({"work_based_learning": [
                {"kind": "internship", "hours": 120}]}))
            cli = run_cli("-m", "advisor", "check", "--pathway", "icp", "--plan", plan,
                          "--json", env=cli_env(**host["app-a"]))
            assert cli.returncode == 0, cli.stderr
            assert {c["id"]: c["status"] for c in json.loads(cli.stdout)["criteria"]}[
                "icp.wbl"] == "met"

            with chroma_server(data, port):  # back on the same data: both apps recover
                for url in (url_a, url_b):
                    assert until(lambda u=url: "IBM" in ask(u, "what is P-TECH")[0])
                    found = Client(url, verbose=False).predict("P-TECH", 3, "hybrid",
                                                               api_name="/search")
                    assert "national-pathway-exemplars" in found
