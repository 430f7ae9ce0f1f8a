"""The answer layer on real questions: one answer per kind, the direct answer first."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, indexed_copy, run_cli

from advisor.assistant import Advisor
from advisor.documents import load
from advisor.retrieval import Searcher


@pytest.fixture(scope="module")
def advisor(tmp_path_factory, embeddings):
    settings = indexed_copy(tmp_path_factory.mktemp("answers"), embeddings)
    return Advisor(settings, searcher=Searcher(settings, embeddings=embeddings))


def first_line(reply) -> str:
    return next(line for line in reply.answer.splitlines() if line.strip()).strip("*_ ")


def source_text(knowledge, source: str) -> str:
    """A guidance file's text, or a catalog file as written (its rows are quoted whole)."""
    if source.startswith("catalog/"):
        return (knowledge / source).read_text("utf-8")
    return load(knowledge / source, knowledge).text


def verbatim(reply, knowledge) -> bool:
    return all(" ".join(c.quote.split()) in " ".join(source_text(knowledge, c.source).split())
               for c in reply.citations)


def test_a_rule_question_gets_no_plan_verdict(advisor):
    reply = advisor.reply("Can my AP Biology class count as both a technical course and a "
                          "college-level course for my ICP?")
    assert reply.kind == "rule_question" and reply.checks == []
    assert first_line(reply).startswith("No")
    assert any("NOT overlap" in c.quote for c in reply.citations)
    assert verbatim(reply, advisor.settings.knowledge_dir)


def test_the_one_detail_asked_for(advisor):
    reply = advisor.reply("what's the minimum internship hours for career connections?")
    assert reply.kind == "requirement_detail"
    assert "sets no minimum number of hours" in first_line(reply)
    assert "100" not in reply.answer  # the ICP figure must not be read as Career Connections'
    science = advisor.reply("How many years of science do I need for MassCore?")
    assert first_line(science).startswith("MassCore: 3 units of lab-based science")
    assert "English" not in science.answer


def test_comparison_answers_both_sides_with_every_cell_cited(advisor):
    reply = advisor.reply("what's the difference between career connections and an "
                          "innovation pathway?")
    assert reply.kind == "compare"
    header = next(line for line in reply.answer.splitlines() if line.startswith("|  |"))
    assert "Career Connections" in header and "Innovation Career Pathways" in header
    rows = [line for line in reply.answer.splitlines() if line.startswith("| ")][1:]
    assert len(rows) >= 5
    for row in rows:
        cells = [c for c in row.strip("|").split("|")[1:]]
        assert all("[" in c or "Not stated" in c for c in cells), row
    assert verbatim(reply, advisor.settings.knowledge_dir)


def test_definitions_come_from_the_cited_glossary(advisor):
    reply = advisor.reply("What is the GenEd Transfer Block?")
    assert not reply.abstained and reply.kind == "definition"
    assert first_line(reply).startswith("GenEd Transfer Block:")
    assert verbatim(reply, advisor.settings.knowledge_dir)


def test_a_missing_thing_is_named_with_who_to_ask(advisor):
    reply = advisor.reply("How do I apply to Worcester Technical High School?")
    assert reply.abstained and reply.citations == []
    assert "how to apply" in reply.answer and "covers" in reply.answer
    assert "admissions office" in reply.answer


def test_follow_up_hours_add_to_the_earlier_ones(advisor):
    history = [{"role": "user", "content": "I have 60 internship hours and two AP classes, "
                                           "do I qualify for an innovation pathway?"},
               {"role": "assistant", "content": "..."}]
    reply = advisor.reply("ok and another 50 hours this spring?", history)
    wbl = {c["id"]: c for c in reply.checks[0]["criteria"]}["icp.wbl"]
    assert wbl["status"] == "met" and wbl["detail"].startswith("110 of 100")


def test_plain_sentence_facts_become_a_check(advisor):
    reply = advisor.reply("my daughter did a co-op, is she on track for chapter 74?")
    status = {c["id"]: c["status"] for c in reply.checks[0]["criteria"]}
    assert status["cte.wbl"] == "met" and status["cte.hours"] == "unknown"


def test_two_questions_in_one_message_are_both_answered_first(advisor):
    reply = advisor.reply("What is a MyCAP? How much does early college cost?", [], "family")
    lead = reply.answer[:400]
    assert "MyCAP" in lead and "Free for students" in lead


def test_district_rows_are_sample_only_from_a_sample_file(tmp_path, embeddings, advisor):
    sample = (ROOT / "tests" / "data" / "sample-riverbend.csv").read_text("utf-8")

    def advisor_with(name: str, text: str) -> Advisor:
        knowledge = tmp_path / name / "knowledge"
        shutil.copytree(advisor.settings.knowledge_dir, knowledge)
        districts = knowledge / "catalog" / "districts"
        shutil.rmtree(districts)
        districts.mkdir()
        (districts / f"{name}.csv").write_text(text, "utf-8")
        return Advisor(advisor.settings.with_overrides(knowledge_dir=knowledge),
                       searcher=advisor.searcher)

    question = "I like fixing cars and computers, what should I look at?"
    reply = advisor_with("lakeside", sample.replace("SAMPLE", "Lakeside")).reply(question)
    assert reply.kind == "fit" and "Lakeside" in reply.answer
    assert "SAMPLE DATA" not in reply.answer
    assert "SAMPLE DATA" in advisor_with("sample-riverbend", sample).reply(question).answer


def test_ask_history_flag_scripts_a_follow_up(advisor, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps([
        {"role": "user", "content": "I have 60 internship hours, do I meet ICP?"},
        {"role": "assistant", "content": "Not yet."}]))
    s = advisor.settings
    proc = run_cli("-m", "advisor", "ask", "another 50 hours", "--history", history,
                   "--db", s.db, "--knowledge", s.knowledge_dir, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    wbl = {c["id"]: c for c in out["checks"][0]["criteria"]}["icp.wbl"]
    assert wbl["detail"].startswith("110 of 100")
    history.write_text('[{"role": "robot"}]')
    bad = run_cli("-m", "advisor", "ask", "hi", "--history", history, "--db", s.db,
                  "--knowledge", s.knowledge_dir, "--json")
    assert bad.returncode == 2 and "turn 1" in bad.stderr


def test_every_chunk_has_its_sentence_vectors(advisor):
    from advisor.passages.sentences import SENTENCE_TAG, sentences

    store = advisor.searcher.store
    # guidance passages are quoted; catalog rows are cited whole and have no sentences
    docs = [(d, m) for _, page in store.records() for d, m in
            zip(page["documents"], page["metadatas"], strict=True) if m["kind"] == "guidance"]
    assert docs
    assert all(m.get("sentences") == SENTENCE_TAG for _, m in docs)
    assert store.sentences.count() == sum(len(sentences(d)) for d, _ in docs)


def test_a_number_in_a_rule_question_is_tried_against_its_criterion(advisor):
    reply = advisor.reply("if a kid only has 850 hours in their chapter 74 shop is that "
                          "enough or nah")
    assert reply.kind == "rule_question" and reply.checks == []
    assert first_line(reply).startswith("No.") and "50 more" in first_line(reply)


def test_a_comparison_leads_with_the_row_asked_about(advisor):
    reply = advisor.reply("How does career connections compare with Chapter 74 on hours?")
    assert reply.kind == "compare"
    lead = first_line(reply)
    assert lead.startswith("Hours.") and "900" in lead and "Career Connections" in lead
    teachers = advisor.reply("Ch. 74 vs Career Connections teacher licensure - what is the "
                             "difference?")
    assert first_line(teachers).startswith("Teachers.")
    assert "industry experience" in first_line(teachers)
    assert "| Teachers |" not in reply.answer  # a row shown only when asked about
    assert verbatim(teachers, advisor.settings.knowledge_dir)


def test_a_rule_the_guidance_leaves_open_abstains_with_its_words(advisor):
    reply = advisor.reply("Can a student combine two separate 50-hour internships with "
                          "different employers to reach the ICP 100-hour requirement?")
    assert reply.abstained and first_line(reply).startswith("The guidance does not say")
    assert reply.citations and verbatim(reply, advisor.settings.knowledge_dir)


def test_two_parts_asking_the_same_thing_get_one_answer(advisor):
    reply = advisor.reply("what does career connections require? like what do i have to "
                          "take and do")
    assert reply.answer.count("Career Connections asks for") == 1


def test_a_term_is_searched_by_the_other_names_the_guidance_uses(advisor):
    reply = advisor.reply("how many credits total is the gen ed transfer block")
    assert "34 credits" in reply.answer[:400]
    assert verbatim(reply, advisor.settings.knowledge_dir)
    defined = advisor.reply("whats the gened transfer block")
    assert "34-credit" in defined.answer[:400] and "12" in first_line(defined)


def test_what_the_guidance_does_not_give_is_not_guessed(advisor):
    for message in ("is there a max on early college credits? like could i get 60 credits",
                    "will his early college credits transfer to a private out of state "
                    "school like NYU?",
                    "What percentage weight can a district assign to attendance in a Ch. 74 "
                    "admissions lottery?",
                    "how much is tuition at WPI? my son wants to go there after early college"):
        reply = advisor.reply(message)
        assert reply.abstained or "won't guess" in reply.answer, message
        assert reply.checks == [], message


def test_requirements_lead_with_every_criterion_in_one_line(advisor):
    reply = advisor.reply("MassCore unit requirements by subject, please.")
    lead = first_line(reply)
    assert lead.startswith("MassCore asks for 8 things: at least 22 units")
    assert "Algebra II" in lead


def test_a_named_list_comes_from_the_catalog_with_every_item_cited(advisor):
    reply = advisor.reply("List the five ICP guiding principles.")
    assert reply.kind == "list"
    assert "Equitable Access" in first_line(reply) and "Effective Partnerships" in first_line(reply)
    items = [line for line in reply.answer.splitlines() if line.startswith("- ")]
    assert len(items) == 5 and all(line.rstrip().endswith("]") for line in items)
    assert verbatim(reply, advisor.settings.knowledge_dir)


def test_a_name_the_guidance_never_uses_is_not_guessed_at(advisor):
    reply = advisor.reply("what's the adams scholarship and does doing early college affect it?")
    assert reply.abstained and "adams scholarship" in reply.answer
    assert not advisor.reply("whats the total number of units in masscore").abstained


def test_a_goal_finds_the_pathway_built_for_it(advisor):
    reply = advisor.reply("my daughter wants a 4 year degree but has no clue what career yet, "
                          "and we want to keep college costs down. which pathway makes sense?")
    assert reply.kind == "fit" and first_line(reply).startswith("Early College")
    assert verbatim(reply, advisor.settings.knowledge_dir)


def test_a_ruled_question_after_facts_gets_the_ruling_not_a_plan_verdict(advisor):
    reply = advisor.reply("Our daughter doesn't want to take math senior year. She already has 4 "
                          "math credits including Algebra II. If she skips math as a senior, "
                          "does she lose MassCore?")
    assert reply.kind == "rule_question" and reply.checks == []
    assert first_line(reply).startswith("No.") and "recommended" in first_line(reply)


def test_a_denied_goal_does_not_pick_its_pathway(advisor):
    reply = advisor.reply("my kid wants to work right after high school not go to college, "
                          "which pathway makes sense")
    assert first_line(reply).startswith("Chapter 74 Career Technical Education fits")
    assert "Early College" not in first_line(reply)


def lead_of(reply, chars: int = 400) -> str:
    return reply.answer[:chars]


def test_each_part_of_a_two_part_question_is_answered_up_front(advisor):
    # the second quote answers what the first left open, not the same words again
    reply = advisor.reply("When does the Ch. 74 admissions lottery take effect, and when is "
                          "the district's admissions policy due to DESE?")
    assert "October 1" in lead_of(reply) and "2026" in lead_of(reply)
    both = advisor.reply("innovation pathway vs early college, which one gives more college "
                         "credit and which one has an internship")
    assert both.kind == "compare"
    # rows lead in the order asked: credit first, then the internship
    assert lead_of(both).index("12 college credits") < lead_of(both).index("100-hour")


def test_a_when_question_quotes_the_sentence_with_the_date(advisor):
    reply = advisor.reply("when did masscore start")
    assert "2007" in lead_of(reply)
    follow = advisor.reply("since when is 900 the rule?", history=[
        {"role": "user", "content": "how many hours do voc kids spend in their program"},
        {"role": "assistant", "content": "At least 900 hours of immersive technical learning."}])
    assert follow.kind != "requirements" and "2019" in lead_of(follow)


def test_what_classes_for_masscore_lists_every_subject(advisor):
    reply = advisor.reply("can someone explain masscore in plain english? what classes does "
                          "my kid need to take")
    assert "Algebra II" in lead_of(reply, 600)
    for subject in ("English", "lab-based science", "world language", "arts"):
        assert subject in reply.answer


def test_a_detail_the_guidance_is_silent_on_is_not_answered(advisor):
    reply = advisor.reply("how many hours does a job shadow have to be to count as the work "
                          "based learning for career connections")
    assert reply.abstained and first_line(reply).startswith("The guidance does not say")
    assert "no minimum number of hours" in reply.answer  # what the criteria do say follows
    # only rulings marked for open questions answer them: this one stays a detail answer
    transfer = advisor.reply("A junior in our Early College program is asking about the "
                             "MassTransfer block. How many credits is the full block, and "
                             "what GPA does she need to keep the transfer benefit?")
    assert not transfer.abstained


def test_a_figure_about_everything_does_not_answer_one_sector(advisor):
    reply = advisor.reply("How many ICP pathways are designated in Clean Energy "
                          "specifically, versus Healthcare?")
    assert reply.abstained
    total = advisor.reply("how many ICP pathways are designated?")
    assert not total.abstained and "200" in total.answer


def test_what_a_report_changed_is_not_guessed(advisor):
    reply = advisor.reply("What specific course changes did the graduation council's final "
                          "report make to MassCore, e.g. is it still 4 years of math?")
    assert reply.abstained and not first_line(reply).startswith("Yes")
