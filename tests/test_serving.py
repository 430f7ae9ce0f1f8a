"""Ingest while the app serves: answers continue, and new content arrives without a restart."""

from __future__ import annotations

import subprocess
import sys
import time

from conftest import ROOT, app_env, cli_env, indexed_copy
from gradio_client import Client
from servers import app_server

NEW = ("# Harbor Welding Apprenticeship\n\nThe Harbor Welding Apprenticeship pairs juniors "
       "with a shipyard mentor for underwater welding practice every Friday afternoon.\n")


def test_app_answers_during_an_ingest_and_serves_new_content_after(tmp_path, embeddings):
    settings = indexed_copy(tmp_path, embeddings)
    guidance = settings.knowledge_dir / "guidance"
    for n in range(3):  # enough new text that the ingest runs for several seconds
        for path in sorted(guidance.glob("*.md"))[:5]:
            (guidance / f"extra{n}-{path.name}").write_text(
                path.read_text("utf-8") + f"\n\nExtra copy {n}.\n", "utf-8")
    (guidance / "harbor.md").write_text(NEW, "utf-8")

    with app_server(tmp_path, app_env(settings)) as (url, _):
        client = Client(url, verbose=False)
        before = client.predict("Harbor Welding Apprenticeship underwater", 3, "dense",
                                api_name="/search")
        assert "guidance/harbor.md" not in before

        ingest = subprocess.Popen([sys.executable, "ingest.py", "--json"], cwd=ROOT,
                                  env=cli_env(**app_env(settings)), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        answers = []
        while ingest.poll() is None:
            history, _, _ = client.predict("what is P-TECH", [], "student", api_name="/respond")
            answers.append(str(history[-1]["content"]))
        out, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert len(answers) >= 2, "the ingest ended before the app was asked anything"
        assert all("IBM" in a for a in answers), answers

        # No restart: the app notices the new index version and reopens it.
        deadline, found = time.monotonic() + 60, {}
        while time.monotonic() < deadline and len(found) < 2:
            for mode in ("dense", "lexical"):
                top = client.predict("Harbor Welding Apprenticeship underwater", 1, mode,
                                     api_name="/search")
                if "guidance/harbor.md" in top:
                    found[mode] = True
            time.sleep(1)
        assert found == {"dense": True, "lexical": True}
        history, _, sources = client.predict("what is the Harbor Welding Apprenticeship",
                                             [], "student", api_name="/respond")
        assert "shipyard mentor" in str(history[-1]["content"])
        assert "guidance/harbor.md" in sources
