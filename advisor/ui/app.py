"""The Gradio app: one Blocks over the advisor's APIs."""

from __future__ import annotations

import gradio as gr

from advisor.ui.search_tab import build_search_tab


def build_app(searcher) -> gr.Blocks:
    with gr.Blocks(title="Pathways Advisor", analytics_enabled=False) as demo:
        gr.Markdown("# Pathways Advisor\nMassachusetts high-school career pathways, "
                    "answered from cited guidance. Everything runs on this computer.")
        with gr.Tab("Search the guidance"):
            build_search_tab(lambda q, k, m: searcher.search(q, k=k, mode=m))
    return demo
