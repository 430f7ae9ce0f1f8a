"""Privacy: no transcript on disk unless ADVISOR_SAVE_CHATS is on; optional counselor sign-in."""

from __future__ import annotations

import json
import stat

from conftest import app_env, indexed_copy
from gradio_client import Client
from servers import app_server

SECRET = "periwinkle-octopus-4417"
PLAN = "I have 2 technical courses, 2 AP classes and 120 internship hours: do I meet ICP?"


def files_containing(root, needle: str) -> list:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            try:
                if needle.encode() in path.read_bytes():
                    hits.append(path)
            except OSError:
                pass
    return hits


def test_no_transcript_is_written_by_default(tmp_path, embeddings):
    settings = indexed_copy(tmp_path, embeddings)
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir(), home.mkdir()
    env = {**app_env(settings), "HOME": str(home), "TMPDIR": str(tmp_path / "tmp"),
           "GRADIO_TEMP_DIR": str(tmp_path / "gradio-tmp"),
           "ADVISOR_CHATS_DIR": str(tmp_path / "chats")}
    (tmp_path / "tmp").mkdir()
    with app_server(tmp_path, env, cwd=work) as (url, _):
        client = Client(url, verbose=False, download_files=False)
        history, _, _ = client.predict(f"{SECRET}: how many internship hours for ICP?", [],
                                       "family", api_name="/respond")
        assert SECRET in str(history[0]["content"])  # the message did reach the app
        # the answer's counselor hand-off is built too, and kept in memory only
        assert files_containing(tmp_path, SECRET) == []
        note = client.predict(api_name="/counselor_note")
        # The note asked for is the one file written: in Gradio's cache, where it is served
        # from without a second copy, and readable by its owner only.
        written = files_containing(tmp_path, SECRET)
        assert [p.name for p in written] == ["counselor-note.md"] and note
        assert written[0].is_relative_to(tmp_path / "gradio-tmp")
        assert stat.S_IMODE(written[0].stat().st_mode) == 0o600
    # and once the app is stopped, not even that is left
    assert files_containing(tmp_path, SECRET) == []
    assert not (tmp_path / "chats").exists()


def test_transcripts_when_turned_on_and_the_counselor_sign_in(tmp_path, embeddings):
    settings = indexed_copy(tmp_path, embeddings)
    chats = tmp_path / "chats"
    env = {**app_env(settings), "ADVISOR_SAVE_CHATS": "true", "ADVISOR_CHATS_DIR": str(chats),
           "ADVISOR_AUTH": "msrivera:correct-horse-battery"}
    with app_server(tmp_path, env) as (url, _):
        client = Client(url, verbose=False)
        history, _, _ = client.predict(PLAN, [], "counselor", api_name="/respond")
        answer = str(history[-1]["content"])
        assert "counselor view needs a sign-in" in answer and "| `icp.wbl` |" not in answer

        status, cleared = client.predict("msrivera", "wrong", api_name="/sign_in")
        assert "Sign-in failed" in status and cleared == ""
        history, _, _ = client.predict(PLAN, [], "counselor", api_name="/respond")
        assert "| `icp.wbl` |" not in str(history[-1]["content"])

        status, _ = client.predict("msrivera", "correct-horse-battery", api_name="/sign_in")
        assert "Signed in" in status
        history, _, _ = client.predict(f"{SECRET} {PLAN}", [], "counselor",
                                       api_name="/respond")
        assert "| `icp.wbl` | met |" in str(history[-1]["content"])
        # Another browser session is not signed in.
        other, _, _ = Client(url, verbose=False).predict(PLAN, [], "counselor",
                                                         api_name="/respond")
        assert "| `icp.wbl` |" not in str(other[-1]["content"])

    files = list(chats.glob("*.jsonl"))
    assert len(files) == 1 and stat.S_IMODE(files[0].stat().st_mode) == 0o600
    turns = [json.loads(line) for line in files[0].read_text().splitlines()]
    assert len(turns) == 4
    assert any(SECRET in t["message"] and t["audience"] == "counselor" for t in turns)
    assert "correct-horse-battery" not in files[0].read_text()
