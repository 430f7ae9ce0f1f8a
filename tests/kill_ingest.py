"""Fault injection for the ingest: run `ingest.py`, SIGKILLed right after its Nth write.

    python tests/kill_ingest.py N LOG [ingest.py arguments...]

Every call that writes the index (Chroma records, sentence vectors, the version stamp, the
BM25 folder) is a step. Each step's name is appended to LOG as it completes; when the Nth has
completed the process kills itself with SIGKILL, as the OOM killer or a power cut would,
with no chance to clean up. N = 0 kills nowhere: the run completes and LOG lists its steps.
"""

from __future__ import annotations

import functools
import os
import signal
import sys

from advisor.retrieval.lexical import LexicalIndex
from advisor.store.collection import Store

WRITES = {Store: ("add", "update_meta", "delete", "add_sentences", "stamp_version"),
          LexicalIndex: ("save",)}


def _install(kill_after: int, log_path: str) -> None:
    done = [0]

    def wrap(owner, name):
        original = getattr(owner, name)

        @functools.wraps(original)
        def step(*args, **kwargs):
            result = original(*args, **kwargs)
            done[0] += 1
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(f"{name}\n")
            if done[0] == kill_after:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(owner, name, step)

    for owner, names in WRITES.items():
        for name in names:
            wrap(owner, name)


if __name__ == "__main__":
    _install(int(sys.argv[1]), sys.argv[2])
    from advisor.cli.ingest import main

    sys.exit(main(sys.argv[3:]))
