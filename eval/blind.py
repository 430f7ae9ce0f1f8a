"""Run a blind question set through `advisor ask` as a user would (one CLI process per
question, earlier turns passed with --history) and keep the replies for a blind grader.

    python eval/blind.py eval/blind-a.jsonl --out eval/blind-a.replies.jsonl

Each reply is the CLI's plain-text output (answer, then numbered sources); a crash keeps
its last stderr line as the reply, as a user would see it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ask(item: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "advisor", "ask", item["question"],
               "--audience", item.get("audience", "student")]
        if item.get("history"):
            history = Path(tmp) / "history.json"
            history.write_text(json.dumps(item["history"]), encoding="utf-8")
            cmd += ["--history", str(history)]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    reply = done.stdout.strip() or (done.stderr.strip().splitlines() or ["(no output)"])[-1]
    return {"id": item["id"], "reply": reply, "exit": done.returncode}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    items = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    with ThreadPoolExecutor(args.jobs) as pool:
        replies = list(pool.map(ask, items))
    args.out.write_text("".join(json.dumps(r) + "\n" for r in replies), encoding="utf-8")
    print(f"{len(replies)} replies, {sum(r['exit'] != 0 for r in replies)} non-zero exits")


if __name__ == "__main__":
    main()
