"""Serve the Pathways Advisor web app.

Gradio itself reads GRADIO_SERVER_NAME and GRADIO_SERVER_PORT (default 127.0.0.1:7860).
"""

import signal
import sys

import advisor  # noqa: F401  (offline switches first)


def main() -> None:
    from advisor.catalog import CatalogError

    try:  # the plan's shape is built from the catalog when advisor.plan is first imported
        from advisor.assistant import Advisor
        from advisor.config import get_settings
        from advisor.store import StoreUnavailable
        from advisor.ui import build_app
        from advisor.ui.theme import offline_theme

        settings = get_settings()
        app_advisor = Advisor(settings)
    except CatalogError as exc:  # never serve answers from part of a catalog
        print(f"error: the catalog is malformed: {exc}\nThe app did not start.", file=sys.stderr)
        sys.exit(2)
    try:
        app_advisor.searcher.search("warm up", k=1)  # load model and indexes before serving
    except StoreUnavailable as exc:  # serve anyway: rules work, search reconnects per request
        print(f"warning: {exc}; passage search will retry on each request", file=sys.stderr)
    # A plain SIGTERM (systemd, docker stop, the tests) skips atexit: exit normally instead,
    # so downloads made for users (advisor/ui/downloads.py) are removed on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    demo = build_app(app_advisor)
    demo.queue(default_concurrency_limit=settings.ui_concurrency)
    demo.launch(
        theme=offline_theme(),
        share=False,
        show_error=True,
        footer_links=["api"],
    )


if __name__ == "__main__":
    main()
