"""The search page: ranked passages with their sources."""

from __future__ import annotations

import html

import gradio as gr

from advisor.assistant import MAX_MESSAGE
from advisor.retrieval import MODES


def render_hits(hits) -> str:
    if not hits:
        return "_No passages found._"
    parts = []
    for n, h in enumerate(hits, 1):
        where = f"page {h.page}" if h.page else (h.section or "")
        link = f" — [open]({h.url})" if h.url else ""
        parts.append(f"**{n}. {html.escape(h.title)}** · `{h.source}` · {html.escape(where)}"
                     f" · score {h.score:.4f}{link}\n\n> {html.escape(h.text)}")
    return "\n\n---\n\n".join(parts)


def build_search_tab(search, access, signed_in) -> None:
    """`search(query, k, mode)` returns hits; errors are shown, not raised. The hits carry
    retrieval scores, counselor data: with sign-in configured, only a signed-in session
    (`signed_in`, the app's sign-in state) gets them."""
    if access.required:
        gr.Markdown("For signed-in counselors: the passages come with their retrieval scores.")
    with gr.Row():
        query = gr.Textbox(label="Search the guidance", placeholder="e.g. internship hours",
                           scale=4, max_lines=2)
        mode = gr.Radio(list(MODES), value="hybrid", label="Mode", scale=2)
        k = gr.Slider(1, 20, value=5, step=1, label="Results", scale=1)
    results = gr.Markdown(label="Results", elem_id="search-results")

    def on_search(q, kk, m, is_counselor):
        if not access.allows(is_counselor):
            return access.refusal("the guidance search and its retrieval scores")
        q = (q or "").strip()[:MAX_MESSAGE]
        if not q:
            return "_Type a question or keywords to search._"
        try:
            return render_hits(search(q, int(kk), m))
        except Exception as exc:  # shown to the user; the app stays up
            return f"**Search is unavailable:** {html.escape(str(exc))}"

    query.submit(on_search, [query, k, mode, signed_in], results, api_name="search")
