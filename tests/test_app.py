"""The launched Gradio app, driven by gradio_client."""

from __future__ import annotations

from conftest import make_settings
from gradio_client import Client
from servers import app_server

from advisor.ingest import Ingester


def test_search_page_answers_over_http(tmp_path, knowledge, embeddings):
    settings = make_settings(tmp_path)
    Ingester(settings, embeddings=embeddings).run()
    with app_server(tmp_path, {"ADVISOR_DB": str(settings.db),
                     "ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir)}) as (url, _):
        client = Client(url, verbose=False)
        endpoints = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
        assert "/search" in endpoints
        md = client.predict("how many hours is the internship for innovation pathways", 3,
                            "hybrid", api_name="/search")
        assert "guidance/maicp-about.md" in md or "guidance/dese-pathways-strategies.md" in md
        assert "100-hour" in md
        assert "Type a question" in client.predict("   ", 3, "hybrid", api_name="/search")
