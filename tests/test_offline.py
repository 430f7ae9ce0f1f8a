"""No outbound connection is attempted while ingesting, searching or serving."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from conftest import free_port, make_settings

ATTEMPTS: list = []


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, bytes | str) and str(host).startswith("/"):
        return True  # unix socket
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@pytest.fixture
def guard(monkeypatch):
    """Fail any connect to a non-loopback address, and record it."""
    ATTEMPTS.clear()
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            ATTEMPTS.append(address)
            raise OSError(f"blocked outbound connection to {address}")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    real_gai = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in (None, "localhost", "127.0.0.1", "::1") and not str(host).startswith("127."):
            ATTEMPTS.append(host)
            raise OSError(f"blocked name lookup of {host}")
        return real_gai(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return ATTEMPTS


def test_guard_catches_an_outbound_connect(guard):
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
    assert guard


def test_ingest_search_ask_and_app_start_stay_local(guard, tmp_path, knowledge):
    import shutil

    from conftest import ROOT

    from advisor.assistant import Advisor
    from advisor.embedding import MiniLMEmbeddings
    from advisor.ingest import Ingester
    from advisor.retrieval import Searcher
    from advisor.ui import build_app

    shutil.copytree(ROOT / "knowledge" / "catalog", knowledge / "catalog")
    settings = make_settings(tmp_path)
    embeddings = MiniLMEmbeddings()  # a fresh load, under the guard
    Ingester(settings, embeddings=embeddings).run()
    searcher = Searcher(settings, embeddings=embeddings)
    assert searcher.search("early college credits", k=3)
    advisor = Advisor(settings, searcher=searcher)
    assert advisor.reply("is early college free?", [], "family").citations
    demo = build_app(advisor)
    port = free_port()
    demo.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                        share=False)
    try:
        from gradio_client import Client

        history, _, _ = Client(f"http://127.0.0.1:{port}/", verbose=False).predict(
            "what is P-TECH", [], "student", api_name="/respond")
        assert "IBM" in str(history[-1]["content"])
    finally:
        demo.close()
    assert guard == []
