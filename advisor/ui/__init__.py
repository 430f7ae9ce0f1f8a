"""The web app. `build_app` is imported on first use, so the light modules here (accounts,
rate limit) load without Gradio and the whole advisor: app.py checks the accounts first."""

__all__ = ["build_app"]


def __getattr__(name: str):
    if name == "build_app":
        from advisor.ui.app import build_app

        return build_app
    raise AttributeError(f"module 'advisor.ui' has no attribute {name!r}")
