"""Locust users for eval/load.py: each asks the dev questions through Gradio's REST API.

A question is two HTTP calls (queue the event, then read its result stream); the
pair is also reported as one "respond" request, the latency a user sees.

With LOAD_HOSTILE=s (0 < s < 1), that share of the messages comes from eval/hostile.jsonl
(huge numbers, 2,000 repeated characters, markup, control characters), spread evenly
through the run and reported apart as "respond-hostile", so "respond" stays the latency of
ordinary questions while hostile ones are served beside them.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path

from locust import FastHttpUser, between, task

QUESTIONS = [json.loads(line) for line in
             open(Path(__file__).with_name("questions.jsonl"), encoding="utf-8")]
_NEXT = itertools.count()
HOSTILE = [json.loads(line) for line in
           open(Path(__file__).with_name("hostile.jsonl"), encoding="utf-8")]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))  # a bound besides time
SHARE = float(os.environ.get("LOAD_HOSTILE", "0"))


def is_hostile(n: int) -> bool:
    """Request n is hostile when it crosses the next multiple of 1/SHARE (even spacing)."""
    return SHARE > 0 and int((n + 1) * SHARE) > int(n * SHARE)


class Asker(FastHttpUser):
    wait_time = between(0, 0.2)

    @task
    def ask(self) -> None:
        n = next(_NEXT)
        if n >= MAX_REQUESTS:
            self.environment.runner.quit()
            return
        hostile = is_hostile(n)
        q = HOSTILE[n % len(HOSTILE)] if hostile else QUESTIONS[n % len(QUESTIONS)]
        started = time.perf_counter()
        error = None
        try:
            with self.client.post("/gradio_api/call/respond", name="queue",
                                  json={"data": [q["question"], [], q.get("audience", "student")]},
                                  catch_response=True) as queued:
                event = queued.json()["event_id"]
            with self.client.get(f"/gradio_api/call/respond/{event}", name="result",
                                 catch_response=True) as result:
                body = result.text or ""
                if "event: complete" not in body or '"assistant"' not in body:
                    error = f"no answer in the result stream: {body[:200]!r}"
                    result.failure(error)
        except Exception as exc:  # counted as a failed respond, never raised into locust
            error = f"{type(exc).__name__}: {exc}"
        self.environment.events.request.fire(
            request_type="CHAT", name="respond-hostile" if hostile else "respond",
            response_time=(time.perf_counter() - started) * 1000, response_length=0,
            exception=Exception(error) if error else None, context={})
