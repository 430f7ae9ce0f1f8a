"""Settings precedence: explicit values > ADVISOR_* env > user config file > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.config import Settings


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    import os

    for key in list(os.environ):
        if key.startswith("ADVISOR_"):
            monkeypatch.delenv(key)
    cfg = tmp_path / "config.toml"
    monkeypatch.setenv("ADVISOR_CONFIG_FILE", str(cfg))
    return cfg


def test_defaults(clean_env):
    s = Settings()
    assert (s.db, s.knowledge_dir, s.chroma_url, s.save_chats) == (
        Path("data/chroma"), Path("knowledge"), None, False)


def test_user_file_then_env_then_explicit(clean_env, monkeypatch):
    clean_env.write_text('chunk_tokens = 120\nrrf_k = 10\ncollection = "from-file"\n')
    s = Settings()
    assert (s.chunk_tokens, s.rrf_k, s.collection) == (120, 10, "from-file")
    monkeypatch.setenv("ADVISOR_RRF_K", "30")
    monkeypatch.setenv("ADVISOR_CHROMA_URL", "http://127.0.0.1:9")
    s = Settings()
    assert (s.chunk_tokens, s.rrf_k, s.chroma_url) == (120, 30, "http://127.0.0.1:9")
    assert s.with_overrides(db=Path("x"), knowledge_dir=None).db == Path("x")
    assert Settings(rrf_k=5).rrf_k == 5


def test_invalid_values_are_named(clean_env, monkeypatch):
    from pydantic import ValidationError

    monkeypatch.setenv("ADVISOR_CHUNK_TOKENS", "900")
    with pytest.raises(ValidationError, match="chunk_tokens"):
        Settings()
