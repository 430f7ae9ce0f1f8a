"""Serve the Pathways Advisor web app.

Gradio itself reads GRADIO_SERVER_NAME and GRADIO_SERVER_PORT (default 127.0.0.1:7860).
"""

import atexit
import signal
import stat
import sys

import advisor  # noqa: F401  (offline switches first)

NO_SIGNIN = ("warning: counselor sign-in is not configured (ADVISOR_AUTH or ADVISOR_AUTH_FILE): "
             "the counselor view, retrieval scores, hand-off passages and roster checks are "
             "open to anyone who can reach this app")


def counselor_access(settings):
    """The accounts, checked before anything slow loads: a malformed setting stops the app
    (exit 2) rather than serving it open."""
    from advisor.ui.accounts import AccountsError
    from advisor.ui.signin import Access

    try:
        access = Access.from_settings(settings)
    except AccountsError as exc:
        print(f"error: counselor sign-in is misconfigured: {exc}\nThe app did not start.",
              file=sys.stderr)
        sys.exit(2)
    if not access.required:
        print(NO_SIGNIN, file=sys.stderr)
    elif settings.auth_file is not None and settings.auth_file.stat().st_mode & 0o077:
        print(f"warning: ADVISOR_AUTH_FILE {settings.auth_file} can be read by others "
              f"(mode {stat.S_IMODE(settings.auth_file.stat().st_mode):o}); chmod 600 it",
              file=sys.stderr)
    return access


def main() -> None:
    from advisor.catalog import CatalogError
    from advisor.config import get_settings

    settings = get_settings()
    access = counselor_access(settings)
    try:  # the plan's shape is built from the catalog when advisor.plan is first imported
        from advisor.assistant import Advisor
        from advisor.store import StoreUnavailable
        from advisor.ui.app import build_app, launch_options
        from advisor.ui.theme import offline_theme
        from advisor.ui.uploads import Uploads

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
    uploads = Uploads()
    atexit.register(uploads.discard_all)  # uploads no one read: gone when the app stops
    demo = build_app(app_advisor, access, uploads)
    demo.queue(default_concurrency_limit=settings.ui_concurrency)
    demo.launch(
        theme=offline_theme(),
        share=False,
        show_error=True,
        footer_links=["api"],
        **launch_options(settings, uploads),
    )


if __name__ == "__main__":
    main()
