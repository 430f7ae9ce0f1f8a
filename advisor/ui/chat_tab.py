"""The chat: an audience selector, example questions and a sources panel."""

from __future__ import annotations

import html

import gradio as gr

EXAMPLES = {
    "student": ["I like fixing cars and computers, what should I look at?",
                "What is an Innovation Career Pathway?"],
    "family": ["Will Early College cost us anything, and how many credits will she get?",
               "How many hours of shop does a vocational program take?"],
    "counselor": ["She has two technical courses, one AP and 60 internship hours: does she "
                  "meet ICP?", "What does MassCore require in math?"],
}


def render_sources(reply) -> str:
    if reply.abstained:
        return "_No source supports an answer to this question._"
    if not reply.citations:
        return "_No sources cited._"
    parts = []
    for c in reply.citations:
        where = f"page {c.page}" if c.page else (c.section or "")
        link = f" · [open source]({c.url})" if c.url else ""
        parts.append(f"**[{c.n}] {html.escape(c.title)}**  \n`{c.source}`"
                     f"{' · ' + html.escape(where) if where else ''}{link}\n\n"
                     f"> {html.escape(c.quote)}")
    return "\n\n".join(parts)


def build_chat_tab(advisor) -> None:
    audience = gr.Radio(["student", "family", "counselor"], value="student",
                        label="I am a", elem_id="audience")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            chatbot = gr.Chatbot(label="Conversation", height=420, elem_id="chat",
                                 sanitize_html=True)
            box = gr.Textbox(label="Your question", placeholder="Ask about a pathway…",
                             max_lines=4, elem_id="question")
        with gr.Column(scale=2, min_width=260):
            sources = gr.Markdown("_Sources for each answer appear here._", label="Sources",
                                  elem_id="sources")
    gr.Examples([[q] for qs in EXAMPLES.values() for q in qs], inputs=[box],
                label="Example questions")

    def respond(message, history, who):
        history = list(history or [])
        reply = advisor.reply(message or "", history, who)
        history += [{"role": "user", "content": (message or "")[:2000]},
                    {"role": "assistant", "content": reply.answer}]
        return history, "", render_sources(reply)

    box.submit(respond, [box, chatbot, audience], [chatbot, box, sources], api_name="respond")
