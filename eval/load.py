"""Load test: simulated users chatting with the real app over loopback.

  python eval/load.py [--users 50] [--seconds 60] [--limits 1,auto] [--max-requests 20000]
                      [--hostile SHARE] [--json]

For each concurrency limit (ADVISOR_UI_CONCURRENCY, Gradio's per-event limit; "auto"
is the app's default, one per core) it
starts `app.py` on a free loopback port and runs locust headless
(`eval/locustfile.py`: `--users` users asking the dev questions in turn through
Gradio's REST API) for `--seconds`, stopping early after `--max-requests`. Limit 1 is Gradio's
default, so the first limit is the baseline and later ones are reported as
ratios to it. With `--hostile SHARE` each limit is run twice, clean and then with that
share of hostile messages (eval/hostile.jsonl) mixed into the traffic, and the mixed run
reports its ordinary questions' p95 as a ratio to the clean run's (`ordinary_p95_vs_clean`).
Writes eval/load.json unless --no-write.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


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


def run_users(url: str, users: int, seconds: float, max_requests: int, folder: Path,
              hostile: float = 0.0) -> dict:
    """Run locust headless against `url`; the "respond" row is what a user waits for."""
    prefix = folder / f"locust-{users}u-{hostile}"
    cmd = [str(Path(sys.executable).with_name("locust")), "-f",
           str(ROOT / "eval" / "locustfile.py"),
           "--headless", "--host", url.rstrip("/"), "--users", str(users),
           "--spawn-rate", str(users), "--run-time", f"{int(seconds)}s", "--csv", str(prefix),
           "--only-summary", "--loglevel", "ERROR"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120,
                          env={**os.environ, "LOAD_MAX_REQUESTS": str(max_requests),
                               "LOAD_HOSTILE": str(hostile)})
    elapsed = time.perf_counter() - started
    rows = {r["Name"]: r for r in csv.DictReader(open(f"{prefix}_stats.csv"))}
    row = rows.get("respond")
    if row is None:
        raise SystemExit(f"locust produced no results ({proc.returncode}): {proc.stderr[-1000:]}")
    failures = [r for r in csv.DictReader(open(f"{prefix}_failures.csv"))] \
        if Path(f"{prefix}_failures.csv").exists() else []
    count = int(row["Request Count"])
    bad = rows.get("respond-hostile")
    extra = {"hostile": {"requests": int(bad["Request Count"]),
                         "errors": int(bad["Failure Count"]),
                         "p50_ms": float(bad["50%"]), "p95_ms": float(bad["95%"]),
                         "max_ms": float(bad["Max Response Time"])}} if bad else {}
    return {**extra, "users": users, "seconds": round(elapsed, 1), "requests": count,
            "errors": int(row["Failure Count"]) + sum(int(r["Occurrences"]) for r in failures
                                                      if r["Name"] != "respond"),
            "error_samples": [f"{r['Name']}: {r['Error']}"[:200] for r in failures[:5]],
            "throughput_rps": round(float(row["Requests/s"]), 2),
            "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]),
            "mean_ms": round(float(row["Average Response Time"]), 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--limits", default="1,auto",
                    help="concurrency limits, the first the baseline; auto = the app's default")
    ap.add_argument("--max-requests", type=int, default=20000)
    ap.add_argument("--hostile", type=float, default=0.0,
                    help="also run each limit with this share of hostile messages mixed in")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    runs = {}
    folder = Path(tempfile.mkdtemp(prefix="advisor-load-"))
    from advisor.config import Settings

    auto = Settings().ui_concurrency
    for limit in [auto if x == "auto" else int(x) for x in args.limits.split(",")]:
        proc, url = start_app(limit, folder / "app.log")
        try:
            run_users(url, min(args.users, 4), 3, 50, folder)  # warm the app up
            runs[str(limit)] = run_users(url, args.users, args.seconds, args.max_requests,
                                         folder)
            if args.hostile:
                mixed = run_users(url, args.users, args.seconds, args.max_requests, folder,
                                  hostile=args.hostile)
                clean = runs[str(limit)]
                mixed["ordinary_p95_vs_clean"] = round(mixed["p95_ms"] / clean["p95_ms"], 2) \
                    if clean["p95_ms"] else None
                mixed["share"] = args.hostile
                runs[str(limit)]["with_hostile"] = mixed
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
    every = [*runs.values(), *(r["with_hostile"] for r in runs.values() if "with_hostile" in r)]
    return 0 if all(r["errors"] == 0 and r["requests"] > 0 and
                    r.get("hostile", {}).get("errors", 0) == 0 for r in every) else 1


if __name__ == "__main__":
    sys.exit(main())
