"""Fixtures: each test builds its own knowledge folder and index under tmp_path."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import advisor  # noqa: F401  (offline switches)
from advisor.config import Settings

ROOT = Path(__file__).resolve().parents[1]
# how many documents the shipped knowledge folder ingests (guidance files)
GUIDANCE_FILES = sum(1 for f in (ROOT / "knowledge" / "guidance").iterdir()
                     if f.is_file() and not f.name.startswith("."))
GUIDANCE = ROOT / "knowledge" / "guidance"


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
