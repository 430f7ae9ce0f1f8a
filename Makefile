# The two commands in the README: `make run` and `make test`.
PY := .venv/bin/python
STAMP := .venv/.installed

.PHONY: setup run test lint eval bench load clean

setup: $(STAMP)

# torch goes first and pinned: it takes the CPU wheel already on the machine,
# where a bare requirement would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Ingest is incremental (a no-op when nothing changed). Exit 1 means some
# files failed and were reported; the app still serves everything else.
run: setup
	$(PY) ingest.py || [ $$? -eq 1 ]
	$(PY) app.py

test: setup
	$(PY) -m pytest -q

lint: setup
	$(PY) -m ruff check .

bench: setup
	$(PY) eval/bench.py

# 50 simulated users (locust) for 60 s against the real app, at Gradio's default
# concurrency limit (1), at ours (one per core) and at 16; writes eval/load.json.
# Too slow for `make test`, which runs a small version.
load: setup
	$(PY) ingest.py || [ $$? -eq 1 ]
	$(PY) eval/load.py --users 50 --seconds 60 --limits 1,auto,16 --hostile 0.1

# Ingests if needed, then writes eval/report.md, report.json and the charts.
eval: setup
	$(PY) eval/run.py --report --also eval/fresh.jsonl --also eval/unseen.jsonl --also eval/realistic.jsonl \
		--also eval/realistic-holdout2.jsonl --also eval/realistic-holdout3.jsonl \
		--careers eval/careers.jsonl --catalog eval/catalog.jsonl --catalog eval/catalog-holdout.jsonl --catalog eval/catalog-fresh.jsonl

clean:
	rm -rf .venv data
