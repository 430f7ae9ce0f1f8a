"""Serve the Pathways Advisor web app.

Gradio itself reads GRADIO_SERVER_NAME and GRADIO_SERVER_PORT (default 127.0.0.1:7860).
"""

import advisor  # noqa: F401  (offline switches first)


def main() -> None:
    from advisor.config import get_settings
    from advisor.retrieval import Searcher
    from advisor.ui import build_app
    from advisor.ui.theme import offline_theme

    settings = get_settings()
    searcher = Searcher(settings)
    demo = build_app(searcher)
    demo.queue(default_concurrency_limit=8)
    demo.launch(
        theme=offline_theme(),
        share=False,
        show_error=True,
        footer_links=["api"],
    )


if __name__ == "__main__":
    main()
