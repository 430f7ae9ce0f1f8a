"""Real servers started by tests on loopback: `chroma run` and the Gradio app."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT, cli_env, free_port

BIN = Path(sys.executable).parent


def _wait(url: str, proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early ({proc.returncode}); see {proc.args}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds}s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def _serve(cmd: list[str], log_path: Path, ready_url: str, env: dict, seconds: float,
           cwd: Path = ROOT):
    # Output goes to a file: an unread pipe fills up and blocks the server.
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            _wait(ready_url, proc, seconds)
            yield proc
        finally:
            _stop(proc)


@contextmanager
def chroma_server(path: Path, port: int | None = None):
    port = port or free_port()
    cmd = [str(BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", "--port",
           str(port)]
    with _serve(cmd, path.parent / f"chroma-{port}.log",
                f"http://127.0.0.1:{port}/api/v2/heartbeat", cli_env(), 60) as proc:
        yield f"http://127.0.0.1:{port}", proc


@contextmanager
def app_server(log_dir: Path, env_extra: dict | None = None, cwd: Path = ROOT):
    port = free_port()
    env = cli_env(GRADIO_SERVER_PORT=str(port), GRADIO_SERVER_NAME="127.0.0.1",
                  **(env_extra or {}))
    url = f"http://127.0.0.1:{port}/"
    with _serve([sys.executable, str(ROOT / "app.py")], log_dir / f"app-{port}.log", url, env,
                120, cwd) as proc:
        yield url, proc
