"""Find my fit: a short interest quiz or the student's own words, then programs and sectors
with their reasons and the district rows that offer them."""

from __future__ import annotations

import html

import gradio as gr
import pandas as pd

from advisor.assistant import MAX_MESSAGE
from advisor.careers.quiz import QuizAnswersError, score_quiz
from advisor.careers.result import NEXT_STEP, describe_row


def render_matches(programs, sectors, rows=(), lead: str = "") -> str:
    """Catalog text only (names, reasons, quotes): nothing the user typed is echoed."""
    if not programs and not sectors:
        return ("_No program matched. Try naming a job, a school subject or something you "
                "like doing, or take the quiz above._")
    out = [lead] if lead else []
    for n, m in enumerate(programs, 1):
        p = m.program
        only = " · **Chapter 74 only**" if p.chapter74_only else ""
        out.append(f"**{n}. {p.name}** · {m.cluster} cluster{only}  \n"
                   f"{m.why}  \n> {p.quote} "
                   f"(`{p.source}`)")
    if sectors:
        out.append("**Innovation Career Pathways sectors:** " + "; ".join(
            f"{s.name} ({s.why})" for s in sectors))
    if rows:
        out.append("**Pathways in the district catalog:**\n" + "\n".join(
            f"- {describe_row(r)}" for r in rows[:5]))
    out.append(f"_{NEXT_STEP}_")
    return "\n\n".join(out)


def build_fit_tab(advisor) -> None:
    quiz = advisor.catalog.quiz
    if quiz is None or not advisor.catalog.programs.programs:
        gr.Markdown("The catalog has no quiz or programs (`quiz.yaml`, `programs.yaml`).")
        return
    gr.Markdown("Rate each statement from 1 (not at all like me) to 5 (very much like me). "
                f"There are {len(quiz.items)}; it takes about three minutes. Or just tell us "
                "what you like below.")
    choices = [(f"{k}", k) for k in sorted(quiz.scale)]
    radios = []
    for item in quiz.items:
        radios.append(gr.Radio(choices, label=item.text, elem_id=f"quiz-{item.id}",
                               elem_classes=["quiz-item"]))
    score = gr.Button("Show my fit", variant="primary", elem_id="quiz-score")
    chart = gr.BarPlot(x="type", y="score", title="Your interest scores", y_lim=[0, None],
                       elem_id="quiz-chart", visible=False, sort="x")
    result = gr.Markdown(elem_id="quiz-result")
    with gr.Row():
        words = gr.Textbox(label="Or tell us what you like", max_lines=2, scale=4,
                           placeholder="e.g. I like fixing cars", elem_id="fit-words")
        match = gr.Button("Match my words", scale=1, elem_id="fit-match")
    matched = gr.Markdown(elem_id="fit-result")

    def on_score(*ratings):
        answers = {item.id: int(r) for item, r in zip(quiz.items, ratings, strict=True)
                   if r not in (None, "")}
        try:
            found = score_quiz(advisor.catalog, answers)
        except QuizAnswersError as exc:
            unanswered = [i.text for i, r in zip(quiz.items, ratings, strict=True)
                          if r in (None, "")]
            note = ("**Please answer every statement.** Still to answer:\n" + "\n".join(
                f"- {html.escape(t)}" for t in unanswered)) if unanswered else \
                f"**These answers can't be scored:** {html.escape(str(exc))}"
            return gr.update(visible=False), note
        names = {t: quiz.types[t].name for t in "RIASEC"}
        frame = pd.DataFrame({"type": [f"{t} {names[t]}" for t in "RIASEC"],
                              "score": [found.scores[t] for t in "RIASEC"]})
        return (gr.update(value=frame, visible=True),
                render_matches(found.programs, found.sectors, found.district_pathways,
                               lead=found.summary))

    def on_match(text):
        text = (text or "").strip()[:MAX_MESSAGE]
        if not text:
            return "_Tell us something you like doing, a subject or a job._"
        found = advisor.careers(text)
        return render_matches(found.programs, found.sectors, found.district_pathways)

    score.click(on_score, radios, [chart, result], api_name="quiz")
    match.click(on_match, words, matched, api_name="careers")
    words.submit(on_match, words, matched, api_name=False)
