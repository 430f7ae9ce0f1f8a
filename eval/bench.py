"""Benchmarks, each against a baseline measured in the same run.

  python eval/bench.py [--sizes 1000,10000,100000] [--queries 200] [--json]

- ingest throughput: chunks/s of a full ingest as a ratio to bare
  SentenceTransformer.encode of the same chunk texts (same model, batch size);
- re-ingest: an unchanged corpus, as a fraction of the first ingest;
- catalog re-ingest: the shipped guidance and statewide catalog, first ingest, a no-op
  re-ingest and a re-ingest after one catalog row changed, as fractions of the first ingest
  and against bare encoding of the rows' texts, on the embedded store and a `chroma run`
  server started for the run;
- a 1,000-row roster through `advisor roster`, as a ratio to one `advisor check`;
- hybrid search latency (warm) on the shipped guidance and on synthetic
  corpora. Synthetic chunks get random unit vectors (the model would take
  minutes to embed 100k texts); queries are encoded by the real model, so the
  measured path is exactly the app's.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import advisor  # noqa: E402,F401
from advisor.chunking import chunk_source, context_text, splitter  # noqa: E402
from advisor.config import Settings  # noqa: E402
from advisor.documents import load  # noqa: E402
from advisor.embedding import shared_embeddings  # noqa: E402
from advisor.ingest import Ingester  # noqa: E402
from advisor.ingest.scan import guidance_files  # noqa: E402
from advisor.model import model_path, token_counter  # noqa: E402
from advisor.retrieval import Searcher  # noqa: E402
from advisor.retrieval.searcher import load_or_build_lexical  # noqa: E402
from advisor.store import open_store  # noqa: E402

QUERIES = ["how many internship hours for innovation pathways", "is early college free",
           "MassCore math units", "900 hours vocational", "MyCAP portfolio", "P-TECH model",
           "career connections course sequence", "clean energy sector jobs",
           "dual enrollment credits", "which trades need chapter 74"]
WORDS = ("pathway internship credential welding nursing finance capstone college credit "
         "employer sector apprenticeship energy biotech coding advising portfolio schedule "
         "transfer dual enrollment lab science algebra history language arts").split()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn, n: int) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
    return out


def corpus_chunks(knowledge: Path, settings: Settings):
    split = splitter(token_counter(model_path()), settings.chunk_tokens, settings.chunk_overlap)
    return [c for p in guidance_files(knowledge)
            for c in chunk_source(load(p, knowledge), split)]


def bench_ingest(tmp: Path, emb, copies: int) -> dict:
    """Ingest the shipped guidance, replicated `copies` times under distinct names."""
    knowledge = tmp / "knowledge"
    for i in range(copies):
        for src in (ROOT / "knowledge" / "guidance").iterdir():
            dst = knowledge / "guidance" / f"copy{i:03d}" / src.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            # A per-copy line keeps every chunk text distinct, so nothing is deduplicated.
            dst.write_text(src.read_text(encoding="utf-8").replace(
                "\n# ", f"\n_Copy {i} of the corpus._\n\n# ", 1), encoding="utf-8")
    settings = Settings(knowledge_dir=knowledge, db=tmp / "db")
    open_store(Settings(db=tmp / "warm"))  # library import is start-up cost, not throughput
    texts = [context_text(c) for c in corpus_chunks(knowledge, settings)]
    emb.encode(texts[:64])  # warm
    t = time.perf_counter()
    emb.encode(texts)
    bare = time.perf_counter() - t
    t = time.perf_counter()
    first = Ingester(settings, embeddings=emb).run()
    full = time.perf_counter() - t
    t = time.perf_counter()
    again = Ingester(settings, embeddings=emb).run()
    re = time.perf_counter() - t
    assert again.embedded == 0 and first.embedded == len(texts)
    return {"files": first.added, "chunks": first.chunks,
            "bare_encode_chunks_per_s": round(len(texts) / bare, 1),
            "ingest_chunks_per_s": round(first.chunks / full, 1),
            "throughput_ratio": round(bare / full, 3),
            "first_ingest_s": round(full, 3), "reingest_s": round(re, 4),
            "reingest_fraction": round(re / full, 4)}


def _one_row_changed(path: Path) -> None:
    """The first data row's school renamed: one row's text and metadata change."""
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    rows[0]["school"] += " (renamed for the benchmark)"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def bench_catalog(tmp: Path, emb, chroma_url: str | None = None) -> dict:
    """The shipped guidance and catalog: first ingest, no-op re-ingest and one changed row,
    against bare encoding of every catalog row's text in the same run."""
    from advisor.catalog.bundle import load_catalog
    from advisor.ingest.catalog_rows import catalog_records

    knowledge = tmp / "knowledge"
    shutil.copytree(ROOT / "knowledge" / "guidance", knowledge / "guidance")
    shutil.copytree(ROOT / "knowledge" / "catalog", knowledge / "catalog")
    settings = Settings(knowledge_dir=knowledge, db=tmp / "db", chroma_url=chroma_url,
                        collection=f"bench-{int(time.time())}")
    open_store(settings)  # the client's start-up is not ingest time
    texts = [r.text for r in catalog_records(load_catalog(knowledge / "catalog"))]
    t = time.perf_counter()
    emb.encode(texts)
    bare = time.perf_counter() - t
    t = time.perf_counter()
    emb.encode(texts[:1])
    bare_one = time.perf_counter() - t
    runs = {}
    for name, change in (("first", None), ("unchanged", None),
                         ("one_row", lambda: _one_row_changed(
                             knowledge / "catalog" / "districts" / "ma-early-college.csv"))):
        if change:
            change()
        t = time.perf_counter()
        done = Ingester(settings, embeddings=emb).run()
        runs[name] = (time.perf_counter() - t, done)
    first, noop, one = (runs[k][0] for k in ("first", "unchanged", "one_row"))
    report = runs["one_row"][1]
    assert runs["first"][1].catalog.added == len(texts) and runs["unchanged"][1].embedded == 0
    assert (report.catalog.added, report.catalog.removed, report.embedded) == (1, 1, 1)
    return {"store": "server" if chroma_url else "embedded", "rows": len(texts),
            "chunks": runs["first"][1].chunks,
            "bare_encode_rows_s": round(bare, 3),
            "bare_encode_one_row_ms": round(bare_one * 1000, 1),
            "first_ingest_s": round(first, 3), "unchanged_reingest_s": round(noop, 3),
            "one_row_reingest_s": round(one, 3),
            "unchanged_fraction": round(noop / first, 4),
            "one_row_fraction": round(one / first, 4),
            "one_row_reembedded": report.embedded}


def catalog_benches(emb) -> dict:
    """bench_catalog on the embedded store and on a `chroma run` server on loopback."""
    import socket
    import subprocess
    import urllib.request

    out = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        out["embedded"] = bench_catalog(tmp / "embedded", emb)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        chroma = Path(sys.executable).parent / "chroma"
        with open(tmp / "chroma.log", "wb") as log:
            server = subprocess.Popen([str(chroma), "run", "--path", str(tmp / "server"),
                                       "--host", "127.0.0.1", "--port", str(port)],
                                      stdout=log, stderr=subprocess.STDOUT)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat",
                                           timeout=1)
                    break
                except OSError:
                    time.sleep(0.3)
            out["server"] = bench_catalog(tmp / "server-host", emb,
                                          f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return out


def bench_search(searcher: Searcher, emb, n: int) -> dict:
    for q in QUERIES:
        searcher.search(q, k=5)
    encode = timed(lambda i: emb.embed_query(QUERIES[i % len(QUERIES)] + f" {i}"), n)
    out = {"query_encode_p50_ms": round(pct(encode, 50), 2)}
    for mode in ("dense", "lexical", "hybrid"):
        ms = timed(lambda i, m=mode: searcher.search(QUERIES[i % len(QUERIES)] + f" {i}",
                                                     k=5, mode=m), n)
        out[f"{mode}_p50_ms"] = round(pct(ms, 50), 2)
        out[f"{mode}_p95_ms"] = round(pct(ms, 95), 2)
    out["hybrid_p95_over_encode_p50"] = round(out["hybrid_p95_ms"] / out["query_encode_p50_ms"], 2)
    return out


def synthetic_index(tmp: Path, size: int, emb) -> Searcher:
    import numpy as np

    settings = Settings(db=tmp / f"syn{size}", collection="synthetic")
    store = open_store(settings)
    rng = random.Random(size)
    vecs = np.random.default_rng(size).standard_normal((size, 384)).astype("float32")
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"syn-{i}" for i in range(size)]
    texts = [" ".join(rng.choices(WORDS, k=60)) for _ in range(size)]
    metas = [{"source": f"guidance/syn{i % 500}.md", "title": f"Synthetic {i % 500}",
              "file_hash": "x", "n_chunks": 1} for i in range(size)]
    store.add(ids, texts, metas, vecs.tolist())
    version = store.stamp_version()
    load_or_build_lexical(settings, store, version)
    return Searcher(settings, store=store, embeddings=emb)


def bench_cli(tmp: Path, runs: int = 10) -> dict:
    """`advisor check` as a process, against bare interpreter start-up in the same run."""
    import subprocess

    plan = tmp / "plan.json"
    plan.write_text('{"immersive_hours": 850}')
    commands = {
        "python_bare": [sys.executable, "-c", "pass"],
        "check": [sys.executable, "-m", "advisor", "check", "--pathway", "cte", "--plan",
                  str(plan), "--json"],
        "requirements": [sys.executable, "-m", "advisor", "requirements", "icp", "--json"],
    }
    out = {}
    for name, cmd in commands.items():
        ms = timed(lambda i, c=cmd: subprocess.run(c, cwd=ROOT, capture_output=True,
                                                   check=True), runs)
        out[f"{name}_p50_ms"] = round(pct(ms, 50), 1)
    out["check_over_bare"] = round(out["check_p50_ms"] / out["python_bare_p50_ms"], 2)
    return out


def roster_csv(path: Path, rows: int, seed: int = 7) -> Path:
    """A made-up roster: every column, some cells blank, every row valid."""
    import csv

    from advisor.roster import load_columns

    rnd = random.Random(seed)
    columns = load_columns(ROOT / "knowledge" / "catalog").columns
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([c.name for c in columns])
        for i in range(rows):
            cells = []
            for c in columns:
                if c.name == "student":
                    cells.append(f"Student {i + 1}")
                # left blank: always for the two columns whose values must agree with
                # others (more career-field courses than courses is a bad cell)
                elif rnd.random() < 0.15 or c.name in ("gened_transfer_credits",
                                                       "career_field_courses"):
                    cells.append("")
                elif c.kind == "yesno":
                    cells.append(rnd.choice(["yes", "no"]))
                elif c.kind == "list":
                    cells.append(rnd.choice(["", "OSHA 10", "OSHA 10; ServSafe"]))
                elif c.name.endswith("_hours"):
                    cells.append(str(rnd.choice([0, 40, 120, 400, 900, 1000])))
                else:
                    cells.append(str(rnd.randint(1, 5)))
            writer.writerow(cells)
    return path


def bench_roster(tmp: Path, rows: int = 1000, runs: int = 7) -> dict:
    """`advisor roster` on a 1,000-row roster, against one `advisor check` in the same run
    (issue 12 asks for at most 4x). Runs alternate so both see the same machine load."""
    import subprocess

    plan = tmp / "plan.json"
    plan.write_text('{"immersive_hours": 850}')
    roster = roster_csv(tmp / "roster.csv", rows)
    commands = {
        "check": [sys.executable, "-m", "advisor", "check", "--pathway", "cte", "--plan",
                  str(plan), "--json"],
        "roster": [sys.executable, "-m", "advisor", "roster", str(roster), "--json"],
    }
    ms: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            t = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True)
            ms[name].append((time.perf_counter() - t) * 1000)
            if done.returncode != 0:
                raise RuntimeError(f"{name} failed: {done.stderr.decode()[-500:]}")
    students = len(json.loads(done.stdout)["students"])
    out = {"rows": rows, "students_checked": students,
           "check_p50_ms": round(pct(ms["check"], 50), 1),
           "roster_p50_ms": round(pct(ms["roster"], 50), 1)}
    out["roster_over_check"] = round(out["roster_p50_ms"] / out["check_p50_ms"], 2)
    return out


def bench_reply(emb, n_rounds: int = 5) -> dict:
    """Warm Advisor.reply over the development questions, against bare query encoding."""
    from advisor.assistant import Advisor
    from advisor.config import get_settings

    questions = [json.loads(line)["question"] for line in
                 (ROOT / "eval" / "questions.jsonl").read_text().splitlines() if line.strip()]
    adv = Advisor(get_settings())
    adv.searcher._embeddings = emb
    for q in questions:
        adv.reply(q, [], "family")
    total = len(questions) * n_rounds
    reply = timed(lambda i: adv.reply(questions[i % len(questions)], [], "family"), total)
    encode = timed(lambda i: emb.embed_query(questions[i % len(questions)]), total)
    out = {"questions": len(questions), "reply_p50_ms": round(pct(reply, 50), 2),
           "reply_p95_ms": round(pct(reply, 95), 2),
           "encode_p50_ms": round(pct(encode, 50), 2)}
    out["reply_p95_over_encode_p50"] = round(out["reply_p95_ms"] / out["encode_p50_ms"], 2)
    return out


def bench_careers(emb, n_rounds: int = 5) -> dict:
    """Warm `Advisor.careers` over the matcher's phrasings, against bare query encoding."""
    import yaml

    from advisor.assistant import Advisor
    from advisor.config import get_settings

    texts = [c["text"] for c in yaml.safe_load(
        (ROOT / "tests" / "careers" / "phrasings.yaml").read_text())["cases"]]
    adv = Advisor(get_settings())
    adv.searcher._embeddings = emb
    for t in texts:
        adv.careers(t)
    total = len(texts) * n_rounds
    took = timed(lambda i: adv.careers(texts[i % len(texts)]), total)
    encode = timed(lambda i: emb.embed_query(texts[i % len(texts)]), total)
    out = {"phrasings": len(texts), "careers_p50_ms": round(pct(took, 50), 2),
           "careers_p95_ms": round(pct(took, 95), 2), "encode_p50_ms": round(pct(encode, 50), 2)}
    out["careers_p95_over_encode_p50"] = round(out["careers_p95_ms"] / out["encode_p50_ms"], 2)
    return out


def bench_app_start() -> dict:
    """`python app.py` from launch to its first chat answer, and its peak RSS."""
    import socket
    import subprocess

    from gradio_client import Client

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(__import__("os").environ, GRADIO_SERVER_PORT=str(port))
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                break
            except Exception:
                if time.perf_counter() - t > 180:
                    raise
                time.sleep(0.2)
        client.predict("is early college free?", [], "family", api_name="/respond")
        first = time.perf_counter() - t
        status = Path(f"/proc/{proc.pid}/status").read_text()
        peak_kb = int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    bare = timed(lambda i: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
    return {"cold_start_to_first_answer_s": round(first, 2), "peak_rss_mb": round(peak_kb / 1024),
            "python_bare_start_ms": round(pct(bare, 50), 1)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--copies", type=int, default=20, help="corpus copies for ingest throughput")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cli-only", action="store_true", help="only the CLI start-up figures")
    ap.add_argument("--advisor-only", action="store_true",
                    help="only reply and careers latency and app start (needs the index)")
    ap.add_argument("--roster-only", action="store_true",
                    help="only the roster figure, merged into the --out file")
    ap.add_argument("--catalog-only", action="store_true",
                    help="only the catalog ingest figures, merged into the --out file")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "bench.json")
    args = ap.parse_args()
    if args.catalog_only:
        emb = shared_embeddings()
        emb.encode(["warm up"])
        figure = catalog_benches(emb)
        report = json.loads(args.out.read_text()) if args.out.exists() else {}
        report["catalog_ingest"] = figure
        args.out.write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(figure, indent=2))
        return 0
    if args.roster_only:
        with tempfile.TemporaryDirectory() as d:
            figure = bench_roster(Path(d))
        report = json.loads(args.out.read_text()) if args.out.exists() else {}
        report["roster"] = figure
        args.out.write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(figure, indent=2))
        return 0
    if args.cli_only:
        with tempfile.TemporaryDirectory() as d:
            print(json.dumps(bench_cli(Path(d)), indent=2))
        return 0
    emb = shared_embeddings()
    emb.encode(["warm up"])
    if args.advisor_only:
        print(json.dumps({"reply": bench_reply(emb), "careers": bench_careers(emb),
                          "app": bench_app_start()}, indent=2))
        return 0
    report: dict = {"machine_cores": __import__("os").cpu_count()}
    report["reply"] = bench_reply(emb)
    report["careers"] = bench_careers(emb)
    report["app"] = bench_app_start()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        report["cli"] = bench_cli(tmp)
        report["roster"] = bench_roster(tmp)
        report["ingest_real"] = bench_ingest(tmp / "real", emb, 1)
        report["ingest_scaled"] = bench_ingest(tmp / "scaled", emb, args.copies)
        report["catalog_ingest"] = catalog_benches(emb)
        real = Settings(knowledge_dir=tmp / "real" / "knowledge", db=tmp / "real" / "db")
        report["search_real"] = bench_search(Searcher(real, embeddings=emb), emb, args.queries)
        report["search_synthetic"] = {}
        for size in [int(s) for s in args.sizes.split(",") if s]:
            t = time.perf_counter()
            searcher = synthetic_index(tmp, size, emb)
            build = time.perf_counter() - t
            stats = bench_search(searcher, emb, args.queries)
            stats["build_s"] = round(build, 1)
            report["search_synthetic"][str(size)] = stats
            shutil.rmtree(tmp / f"syn{size}", ignore_errors=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
