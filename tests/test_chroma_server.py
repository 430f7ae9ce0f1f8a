"""The same commands against a real `chroma run` server on loopback."""

from __future__ import annotations

import json

import pytest
from conftest import GUIDANCE_FILES, cli_env, free_port, run_cli
from servers import chroma_server

pytestmark = pytest.mark.server


def test_ingest_and_search_through_a_chroma_server(tmp_path, knowledge):
    port = free_port()
    with chroma_server(tmp_path / "server-data", port) as (url, _):
        env = cli_env(ADVISOR_CHROMA_URL=url, ADVISOR_DB=str(tmp_path / "host" / "chroma"))
        proc = run_cli("ingest.py", "--knowledge", knowledge, "--json", env=env)
        assert proc.returncode == 0, proc.stderr
        first = json.loads(proc.stdout)
        assert first["added"] == GUIDANCE_FILES and first["chunks"] > 50

        proc = run_cli("ingest.py", "--knowledge", knowledge, "--json", env=env)
        assert json.loads(proc.stdout)["unchanged"] == GUIDANCE_FILES

        proc = run_cli("-m", "advisor", "search", "is early college free for families",
                       "--json", env=env)
        assert proc.returncode == 0, proc.stderr
        results = json.loads(proc.stdout)["results"]
        assert results[0]["source"] == "guidance/early-college.md"

    # The server is gone: a clear, named error and exit 2.
    proc = run_cli("-m", "advisor", "search", "early college", "--json", env=env)
    assert proc.returncode == 2
    assert f"Chroma server at {url} is unreachable" in json.loads(proc.stdout)["error"]

    # Back on the same data folder: the index survived the restart.
    with chroma_server(tmp_path / "server-data", port):
        proc = run_cli("-m", "advisor", "search", "MyCAP portfolio", "--k", "1", "--json",
                       env=env)
        assert json.loads(proc.stdout)["results"][0]["source"] == "guidance/mycap.md"
