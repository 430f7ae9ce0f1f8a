"""Load test: simulated users chatting with the real app over loopback.

  python eval/load.py [--users 50] [--seconds 60] [--limits 1,16] [--max-requests 20000] [--json]

For each concurrency limit (ADVISOR_UI_CONCURRENCY, Gradio's per-event limit) it
starts `app.py` on a free loopback port, runs `--users` threads for `--seconds`
(each thread its own `gradio_client.Client`, asking the dev questions in turn),
and stops at the time limit or after `--max-requests`. Limit 1 is Gradio's
default, so the first limit is the baseline and later ones are reported as
ratios to it. Writes eval/load.json unless --no-write.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(limit: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "ADVISOR_UI_CONCURRENCY": str(limit), "GRADIO_SERVER_PORT": str(port),
           "GRADIO_SERVER_NAME": "127.0.0.1"}
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=open(log, "ab"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app exited ({proc.returncode}); see {log}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"app did not start within 180 s; see {log}")


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 1)


def run_users(url: str, users: int, seconds: float, max_requests: int, questions) -> dict:
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    issued = [0]

    def user(n: int) -> None:
        try:
            client = Client(url, verbose=False)
        except Exception as exc:
            with lock:
                errors.append(f"connect: {exc}")
            return
        i = n
        while not stop.is_set():
            with lock:
                if issued[0] >= max_requests:
                    return
                issued[0] += 1
            q = questions[i % len(questions)]
            i += users
            t = time.perf_counter()
            try:
                history, _, _ = client.predict(q["question"], [], q.get("audience", "student"),
                                               api_name="/respond")
                if not history or not str(history[-1]["content"]).strip():
                    raise ValueError("empty answer")
                with lock:
                    latencies.append((time.perf_counter() - t) * 1000)
            except Exception as exc:
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.perf_counter() - started
    return {"users": users, "seconds": round(elapsed, 1), "requests": len(latencies),
            "errors": len(errors), "error_samples": errors[:5],
            "throughput_rps": round(len(latencies) / elapsed, 2),
            "p50_ms": pct(latencies, 50), "p95_ms": pct(latencies, 95),
            "mean_ms": round(statistics.mean(latencies), 1) if latencies else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--limits", default="1,16",
                    help="concurrency limits; the first is the baseline")
    ap.add_argument("--max-requests", type=int, default=20000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    questions = [json.loads(line) for line in open(ROOT / "eval" / "questions.jsonl")]
    runs = {}
    log = Path(os.environ.get("TMPDIR", "/tmp")) / "advisor-load-app.log"
    for limit in [int(x) for x in args.limits.split(",")]:
        proc, url = start_app(limit, log)
        try:
            run_users(url, min(args.users, 4), 3, 50, questions)  # warm the app up
            runs[str(limit)] = run_users(url, args.users, args.seconds, args.max_requests,
                                         questions)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        if not args.json:
            print(f"limit {limit}: {runs[str(limit)]}", file=sys.stderr)
    base = next(iter(runs.values()))
    for run in runs.values():
        run["throughput_vs_baseline"] = round(run["throughput_rps"] / base["throughput_rps"], 2) \
            if base["throughput_rps"] else None
        run["p95_vs_baseline"] = round(run["p95_ms"] / base["p95_ms"], 2) \
            if run["p95_ms"] and base["p95_ms"] else None
    result = {"users": args.users, "seconds": args.seconds, "baseline_limit": next(iter(runs)),
              "runs": runs}
    if not args.no_write:
        (ROOT / "eval" / "load.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=None if args.json else 2))
    return 0 if all(r["errors"] == 0 and r["requests"] > 0 for r in runs.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
