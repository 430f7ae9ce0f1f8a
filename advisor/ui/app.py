"""The Gradio app: one Blocks over the Advisor API."""

from __future__ import annotations

import gradio as gr

from advisor.transcripts import Transcripts
from advisor.ui.chat_tab import build_chat_tab
from advisor.ui.explore_tab import build_explore_tab
from advisor.ui.fit_tab import build_fit_tab
from advisor.ui.plan_tab import build_plan_tab
from advisor.ui.roster_tab import build_roster_tab
from advisor.ui.search_tab import build_search_tab


def build_app(advisor) -> gr.Blocks:
    transcripts = Transcripts(advisor.settings)
    kept = (f"Conversations are saved on this computer in `{transcripts.folder}` "
            "(ADVISOR_SAVE_CHATS is on)." if transcripts.on else "Nothing you type is saved.")
    with gr.Blocks(title="Pathways Advisor", analytics_enabled=False) as demo:
        gr.Markdown("# Pathways Advisor\nMassachusetts high-school career pathways, answered "
                    f"from cited guidance. Everything runs on this computer. {kept}")
        with gr.Tab("Ask"):
            build_chat_tab(advisor, transcripts)
        with gr.Tab("Find my fit"):
            build_fit_tab(advisor)
        with gr.Tab("Check a plan"):
            build_plan_tab(advisor)
        with gr.Tab("Check a roster"):
            build_roster_tab(advisor)
        with gr.Tab("Explore pathways"):
            build_explore_tab(advisor)
        with gr.Tab("Search the guidance"):
            build_search_tab(lambda q, k, m: advisor.searcher.search(q, k=k, mode=m))
    return demo
