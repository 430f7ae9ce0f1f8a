"""The Gradio app: one Blocks over the Advisor API."""

from __future__ import annotations

import gradio as gr

from advisor.ui.chat_tab import build_chat_tab
from advisor.ui.explore_tab import build_explore_tab
from advisor.ui.plan_tab import build_plan_tab
from advisor.ui.search_tab import build_search_tab


def build_app(advisor) -> gr.Blocks:
    with gr.Blocks(title="Pathways Advisor", analytics_enabled=False) as demo:
        gr.Markdown("# Pathways Advisor\nMassachusetts high-school career pathways, answered "
                    "from cited guidance. Everything runs on this computer; nothing you type "
                    "is saved.")
        with gr.Tab("Ask"):
            build_chat_tab(advisor)
        with gr.Tab("Check a plan"):
            build_plan_tab(advisor)
        with gr.Tab("Explore pathways"):
            build_explore_tab(advisor)
        with gr.Tab("Search the guidance"):
            build_search_tab(lambda q, k, m: advisor.searcher.search(q, k=k, mode=m))
    return demo
