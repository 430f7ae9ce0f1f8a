"""The Gradio app: one Blocks over the Advisor API."""

from __future__ import annotations

import gradio as gr
from starlette.middleware import Middleware

from advisor.transcripts import Transcripts
from advisor.ui.chat_tab import build_chat_tab
from advisor.ui.explore_tab import build_explore_tab
from advisor.ui.fit_tab import build_fit_tab
from advisor.ui.plan_tab import build_plan_tab
from advisor.ui.roster_tab import build_roster_tab
from advisor.ui.search_tab import build_search_tab
from advisor.ui.signin import Access, build_signin
from advisor.ui.uploads import Uploads, UploadsNotServed


def build_app(advisor, access: Access | None = None,
              uploads: Uploads | None = None) -> gr.Blocks:
    """`access` defaults to the accounts in the advisor's settings (AccountsError when they
    are malformed); `uploads` records what users upload, for `launch_options`."""
    settings = advisor.settings
    access = access or Access.from_settings(settings)
    uploads = uploads or Uploads()
    transcripts = Transcripts(settings)
    kept = (f"Conversations are saved on this computer in `{transcripts.folder}` "
            "(ADVISOR_SAVE_CHATS is on)." if transcripts.on else "Nothing you type is saved.")
    keep = settings.upload_keep_seconds
    # Uploads no event read are deleted `keep` seconds after they came, and all at exit.
    with gr.Blocks(title="Pathways Advisor", analytics_enabled=False,
                   delete_cache=(max(1, min(60, keep // 2)), keep)) as demo:
        uploads.attach(demo)
        gr.Markdown("# Pathways Advisor\nMassachusetts high-school career pathways, answered "
                    f"from cited guidance. Everything runs on this computer. {kept}")
        # one sign-in for every tab that shows counselor data
        signed_in = build_signin(access)
        with gr.Tab("Ask"):
            build_chat_tab(advisor, transcripts, access, signed_in)
        with gr.Tab("Find my fit"):
            build_fit_tab(advisor)
        with gr.Tab("Check a plan"):
            build_plan_tab(advisor, uploads)
        with gr.Tab("Check a roster"):
            build_roster_tab(advisor, access, signed_in, uploads)
        with gr.Tab("Explore pathways"):
            build_explore_tab(advisor)
        with gr.Tab("Search the guidance"):
            build_search_tab(lambda q, k, m: advisor.searcher.search(q, k=k, mode=m),
                             access, signed_in)
    return demo


def launch_options(settings, uploads: Uploads) -> dict:
    """`launch()` arguments: the upload size limit, and no upload served back (file serving
    stays in this process, behind the middleware, not in Gradio's static workers)."""
    return {"max_file_size": int(settings.upload_max_mb * 1024 * 1024), "num_workers": 0,
            "app_kwargs": {"middleware": [Middleware(UploadsNotServed, uploads=uploads)]}}
