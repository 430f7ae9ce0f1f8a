"""Connecting to Chroma: embedded by default, a server when a URL is set."""

from __future__ import annotations

from urllib.parse import urlparse

from advisor.config import Settings


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached; the message says where and why."""


def connect(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname:
            raise StoreUnavailable(f"ADVISOR_CHROMA_URL is not a URL: {settings.chroma_url!r}")
        port = url.port or (443 if url.scheme == "https" else 8000)
        try:
            client = chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https",
                                         settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:
            raise StoreUnavailable(
                f"Chroma server at {settings.chroma_url} is unreachable: {exc}") from exc
        return client
    settings.db.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(settings.db), settings=chroma_settings)
    except Exception as exc:
        raise StoreUnavailable(f"cannot open the index at {settings.db}: {exc}") from exc
