"""The chat: an audience selector, example questions and a sources panel."""

from __future__ import annotations

import html

import gradio as gr

from advisor.assistant import MAX_MESSAGE
from advisor.documents.dated import updated_label
from advisor.render.handoff import render_handoff
from advisor.ui.downloads import private_download
from advisor.ui.signin import effective_audience

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
        updated = updated_label(c.updated)
        parts.append(f"**[{c.n}] {html.escape(c.title)}**  \n`{c.source}`"
                     f"{' · ' + html.escape(where) if where else ''} · {updated}{link}\n\n"
                     f"> {html.escape(c.quote)}")
    return "\n\n".join(parts)


def build_chat_tab(advisor, transcripts, access, signed_in) -> None:
    """`signed_in` is the app's sign-in state (advisor/ui/signin.py)."""
    audience = gr.Radio(["student", "family", "counselor"], value="student",
                        label="I am a", info=access.audience_info(), elem_id="audience")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            chatbot = gr.Chatbot(label="Conversation", height=420, elem_id="chat",
                                 sanitize_html=True)
            box = gr.Textbox(label="Your question", placeholder="Ask about a pathway…",
                             max_lines=4, elem_id="question")
        with gr.Column(scale=2, min_width=260):
            sources = gr.Markdown("_Sources for each answer appear here._", label="Sources",
                                  elem_id="sources")
            note_button = gr.Button("Prepare a note for my counselor",
                                    elem_id="counselor-note-button")
            note_file = gr.File(label="Note for my counselor (Markdown)", elem_id="counselor-note")
    # The last answer's hand-off, kept in this browser session's server memory only.
    last = gr.State(None)
    gr.Examples([[q] for qs in EXAMPLES.values() for q in qs], inputs=[box],
                label="Example questions")

    def respond(message, history, who, is_counselor, request: gr.Request):
        history = list(history or [])
        who, notice = effective_audience(who, access, is_counselor)
        reply = advisor.reply_in_time(message or "", history, who)  # within its time budget
        answer = f"_{notice}_\n\n{reply.answer}" if notice else reply.answer
        said = (message or "")[:MAX_MESSAGE]
        transcripts.record(getattr(request, "session_hash", None) or "", who, said, reply)
        history += [{"role": "user", "content": said},
                    {"role": "assistant", "content": answer}]
        return history, "", render_sources(reply), reply.handoff

    names = {p: t.name for p, t in advisor.types.items()}

    def prepare_note(handoff, is_counselor):
        """The last answer's hand-off as Markdown, written only because it was asked for.
        The passages found and their retrieval scores are counselor data: without a
        sign-in (when one is configured) the note leaves them out and says so."""
        if handoff is None:
            gr.Info("Ask a question first: the note is about the last answer.")
            return None
        words = advisor.catalog.handoff
        if not access.allows(is_counselor):
            handoff = handoff.model_copy(update={"passages": []})
            words = words.model_copy(update={"no_passages": access.refusal(
                "the passages found and their retrieval scores")})
        return private_download("counselor-note.md", render_handoff(handoff, words, names))

    asked = box.submit(respond, [box, chatbot, audience, signed_in],
                       [chatbot, box, sources, last], api_name="respond")
    # a note prepared for an earlier answer no longer matches the conversation
    asked.then(lambda: None, None, note_file, api_visibility="private")
    chatbot.clear(lambda: (None, None), None, [last, note_file], api_visibility="private")
    note_button.click(prepare_note, [last, signed_in], [note_file], api_name="counselor_note")
