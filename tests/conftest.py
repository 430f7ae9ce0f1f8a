"""Fixtures: each test builds its own knowledge folder and index under tmp_path."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import advisor  # noqa: F401  (offline switches)
from advisor.config import Settings, get_settings

ROOT = Path(__file__).resolve().parents[1]
# how many documents the shipped knowledge folder ingests (guidance files)
GUIDANCE_FILES = sum(1 for f in (ROOT / "knowledge" / "guidance").iterdir()
                     if f.is_file() and not f.name.startswith("."))
GUIDANCE = ROOT / "knowledge" / "guidance"


def isolate(mp: pytest.MonkeyPatch, where: Path) -> None:
    """No `ADVISOR_*` variable and no user config file: every way `user_config_file()` finds
    one ($ADVISOR_CONFIG_FILE, $XDG_CONFIG_HOME, ~/.config) ends at a path under `where`
    that does not exist. HOME is left alone: caches (matplotlib, Playwright) live under it,
    and with XDG_CONFIG_HOME set the config lookup never reaches it."""
    for key in [k for k in os.environ if k.startswith("ADVISOR_")]:
        mp.delenv(key)
    mp.setenv("XDG_CONFIG_HOME", str(where / "no-config-home"))
    get_settings.cache_clear()


_SESSION = pytest.MonkeyPatch()
_SESSION_DIR: list[str] = []


def pytest_configure(config):
    """Isolated from before the test modules are imported (some read the settings then),
    so session and module fixtures (an index built once per module) are isolated too."""
    _SESSION_DIR.append(tempfile.mkdtemp(prefix="advisor-tests-"))
    isolate(_SESSION, Path(_SESSION_DIR[-1]))


def pytest_unconfigure(config):
    _SESSION.undo()
    get_settings.cache_clear()
    for folder in _SESSION_DIR:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """Each test starts from the defaults; a test may still set ADVISOR_* itself."""
    isolate(monkeypatch, tmp_path)
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def embeddings():
    """The real packaged MiniLM model, loaded once per test session (it is read-only)."""
    from advisor.embedding import shared_embeddings

    return shared_embeddings()


def make_settings(tmp: Path, **extra) -> Settings:
    return Settings(knowledge_dir=tmp / "knowledge", db=tmp / "db" / "chroma", **extra)


def indexed_copy(tmp: Path, embeddings, catalog: bool = True) -> Settings:
    """A copy of the shipped knowledge under `tmp`, ingested into its own index."""
    from advisor.ingest import Ingester

    shutil.copytree(GUIDANCE, tmp / "knowledge" / "guidance")
    if catalog:
        shutil.copytree(ROOT / "knowledge" / "catalog", tmp / "knowledge" / "catalog")
    settings = make_settings(tmp)
    Ingester(settings, embeddings=embeddings).run()
    return settings


def app_env(settings: Settings) -> dict:
    return {"ADVISOR_DB": str(settings.db), "ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir)}


@pytest.fixture
def knowledge(tmp_path) -> Path:
    """A knowledge folder holding a copy of the shipped guidance."""
    target = tmp_path / "knowledge" / "guidance"
    shutil.copytree(GUIDANCE, target)
    return tmp_path / "knowledge"


@pytest.fixture
def empty_knowledge(tmp_path) -> Path:
    (tmp_path / "knowledge" / "guidance").mkdir(parents=True)
    return tmp_path / "knowledge"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update({"ADVISOR_CONFIG_FILE": "/nonexistent/advisor.toml", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def run_cli(*args, env=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env=env or cli_env(), timeout=timeout)
