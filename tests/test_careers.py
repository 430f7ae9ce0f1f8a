"""Career exploration: the matcher on YAML cases with the real model, the catalog's checks,
and the `careers` and `quiz` commands run as subprocesses."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from conftest import ROOT, run_cli

from advisor.careers.matcher import CareerMatcher
from advisor.careers.quiz import QuizAnswersError, score_quiz
from advisor.careers.result import row_programs
from advisor.catalog.bundle import load_catalog
from advisor.catalog.pathways import CatalogError
from advisor.documents import load

CATALOG = ROOT / "knowledge" / "catalog"
CASES = yaml.safe_load((ROOT / "tests" / "careers" / "phrasings.yaml").read_text())["cases"]


@pytest.fixture(scope="module")
def matcher(embeddings):
    return CareerMatcher(load_catalog(CATALOG), embeddings.encode)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_a_students_words_find_the_program_and_its_sector(matcher, case):
    found = matcher.match(case["text"])
    names = [m.program.name for m in found.programs]
    assert case["program"] in names[:3], names
    first = found.programs[0].program
    if case["sector"] is None:
        # the program relates to no ICP sector: when it leads, any sector shown belongs to
        # a match nearly as strong, never to a far weaker one
        strong = {s for m in found.programs if m.score >= 0.5 * found.programs[0].score
                  for s in m.program.sectors}
        assert first.name != case["program"] or {s.id for s in found.sectors} <= strong
    else:
        assert found.sectors and found.sectors[0].id == case["sector"]
    assert all(m.why for m in found.programs)


def test_there_are_at_least_sixty_cases():
    assert len(CASES) >= 60


def test_every_match_says_why_and_meaning_finds_unlisted_words(matcher):
    words = matcher.match("I like fixing cars").programs[0]
    assert words.program.name == "Automotive Technology" and "“fixing cars”" in words.why
    # no listed phrase says "cold air" or "vents": the match is by meaning
    meaning = matcher.match("making cold air come out of the vents in summer")
    assert meaning.programs[0].program.name == "HVAC&R"
    assert not meaning.programs[0].words and "close in meaning to" in meaning.programs[0].why


@pytest.mark.parametrize("text", ["i don't like cooking, i like cars",
                                  "I don’t like cooking, I like cars",  # a phone's apostrophe
                                  "i hate cooking but i like cars"])
def test_denied_interests_are_not_matched(matcher, text):
    names = [m.program.name for m in matcher.match(text).programs]
    assert "Culinary Arts" not in names and names[0] == "Automotive Technology"


@pytest.mark.parametrize("text", ["I'm not sure what I want I like fixing cars",
                                  "no idea really i like fixing cars"])
def test_a_denial_does_not_swallow_what_follows(matcher, text):
    assert matcher.match(text).programs[0].program.name == "Automotive Technology"


@pytest.mark.parametrize("text", ["I like caring for people", "I like taking care of my "
                                  "little brother"])
def test_care_is_not_cars(matcher, text):
    assert "Automotive Technology" not in [m.program.name for m in matcher.match(text).programs]


def test_a_chapter_74_only_program_says_so(matcher):
    top = matcher.match("I wanna do hair and nails").programs[0]
    assert top.program.chapter74_only and "cosmetology board" in top.why


def test_program_quotes_are_verbatim_in_an_ingested_source():
    cat = load_catalog(CATALOG)
    for p in cat.programs.programs:
        text = " ".join(load(ROOT / "knowledge" / p.source, ROOT / "knowledge").text.split())
        assert p.quote in text, p.id
        if p.only_quote:
            assert p.only_quote in " ".join(
                load(ROOT / "knowledge" / p.only_source, ROOT / "knowledge").text.split())
    for note in cat.programs.notes:
        assert note.quote in " ".join(
            load(ROOT / "knowledge" / note.source, ROOT / "knowledge").text.split())


def test_every_cluster_has_a_program():
    cat = load_catalog(CATALOG)
    assert len(cat.programs.clusters) == 11
    assert {p.cluster for p in cat.programs.programs} == {c.id for c in cat.programs.clusters}


@pytest.mark.parametrize(("file", "old", "new", "named"), [
    ("programs.yaml", "cluster: transportation\n", "cluster: transportaton\n", "key 'cluster'"),
    ("programs.yaml", "sectors:\n  - clean-energy\n", "sectors:\n  - clean-enrgy\n",
     "key 'sectors'"),
    ("programs.yaml", "    code: RCI\n", "    code: RXI\n", "riasec.code"),
    ("programs.yaml", "  occupations:\n", "  ocupations:\n", "ocupations"),
    ("quiz.yaml", "type: R, text: \"I like using power", "type: X, text: \"I like using power",
     "items.1.type"),
    ("quiz.yaml", "  5: Very much like me\n", "", "scale"),
])
def test_a_typo_in_the_careers_catalog_is_refused_naming_the_key(tmp_path, file, old, new,
                                                                  named):
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    text = (folder / file).read_text()
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1))
    with pytest.raises(CatalogError) as err:
        load_catalog(folder)
    assert file in str(err.value) and named in str(err.value)


def test_the_quiz_scores_and_explains_a_profile():
    cat = load_catalog(CATALOG)
    assert 18 <= len(cat.quiz.items) <= 30
    helper = {i.id: (5 if i.type in "SA" else 1) for i in cat.quiz.items}
    result = score_quiz(cat, helper)
    assert result.top[:2] in (("S", "A"), ("A", "S"))
    assert result.scores["S"] == 5 * sum(1 for i in cat.quiz.items if i.type == "S")
    assert all(m.why and ("Social" in m.why or "Artistic" in m.why) for m in result.programs)
    assert "Social" in result.summary
    # district rows offering the programs (or in their sectors) follow, as for words
    sectors = {s for m in result.programs for s in m.program.sectors}
    ids = {m.program.id for m in result.programs}
    assert result.district_pathways and all(
        r.sector in sectors or ids & {p.id for p in row_programs(r, cat.programs.programs)}
        for r in result.district_pathways)


def test_tied_quiz_types_are_not_ranked_by_letter_order():
    cat = load_catalog(CATALOG)
    flat = score_quiz(cat, {i.id: 3 for i in cat.quiz.items})
    assert flat.top == () and flat.programs == () and "stands out" in flat.summary
    one = score_quiz(cat, {i.id: (5 if i.type == "E" else 3) for i in cat.quiz.items})
    assert one.top == ("E",) and "scored the same" in one.summary
    assert all("E" in m.program.riasec.code for m in one.programs)


def test_quiz_answers_at_fault_are_named_never_guessed():
    cat = load_catalog(CATALOG)
    answers = {i.id: 3 for i in cat.quiz.items}
    first, second = cat.quiz.items[0].id, cat.quiz.items[1].id
    del answers[first]
    answers[second] = 6
    answers["zz9"] = 2
    with pytest.raises(QuizAnswersError) as err:
        score_quiz(cat, answers)
    assert first in str(err.value) and f"{second}=6" in str(err.value) and "zz9" in str(err.value)


def test_careers_command_prints_the_contract(tmp_path):
    out = run_cli("-m", "advisor", "careers", "I want to be a chef", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"programs", "sectors", "district_pathways"}
    top = data["programs"][0]
    assert top["name"] == "Culinary Arts" and top["cluster"] == "Hospitality & Tourism"
    assert set(top) >= {"id", "name", "cluster", "chapter74_only", "sectors", "why", "source"}
    assert set(top["source"]) == {"source", "quote"}
    # matching needs the model, never the index: an unreachable Chroma server is no matter
    from conftest import cli_env

    offline = run_cli("-m", "advisor", "careers", "I want to be a chef", "--json",
                      env=cli_env(ADVISOR_CHROMA_URL="http://127.0.0.1:9"))
    assert offline.returncode == 0, offline.stderr
    assert json.loads(offline.stdout)["programs"][0]["name"] == "Culinary Arts"


def test_quiz_command_lists_items_and_scores_answers(tmp_path):
    items = run_cli("-m", "advisor", "quiz", "--json")
    assert items.returncode == 0, items.stderr
    listed = json.loads(items.stdout)["items"]
    assert {i["type"] for i in listed} == set("RIASEC")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({i["id"]: (5 if i["type"] == "R" else 2) for i in listed}))
    scored = run_cli("-m", "advisor", "quiz", "--answers", answers, "--json")
    assert scored.returncode == 0, scored.stderr
    data = json.loads(scored.stdout)
    assert data["top"][0] == "R" and set(data["scores"]) == set("RIASEC")
    assert data["programs"] and all("R" in p["riasec"] for p in data["programs"])
    for wrong, named in (([5, 4], "JSON object"),
                         ({i["id"]: "5" for i in listed}, f"{listed[0]['id']}='5'")):
        answers.write_text(json.dumps(wrong))
        out = run_cli("-m", "advisor", "quiz", "--answers", answers, "--json")
        assert out.returncode == 2 and named in json.loads(out.stdout)["error"]
    answers.write_text(json.dumps({listed[0]["id"]: 9}))
    bad = run_cli("-m", "advisor", "quiz", "--answers", answers, "--json")
    assert bad.returncode == 2
    assert f"{listed[0]['id']}=9" in json.loads(bad.stdout)["error"]
    assert listed[1]["id"] in json.loads(bad.stdout)["error"]


def test_chat_names_the_program_cluster_sector_and_next_step(advisor_app):
    for message, program in (("I want to be a chef", "Culinary Arts"),
                             ("I wanna do hair and nails", "Cosmetology"),
                             ("i like animals", "Animal Science")):
        reply = advisor_app.reply(message)
        assert reply.kind == "fit" and not reply.abstained
        assert program in reply.answer.splitlines()[0]
        assert "cluster" in reply.answer and "Next step" in reply.answer
        assert any(c.source == "guidance/chapter-74-programs.md" for c in reply.citations)
    assert "Chapter 74 only" in advisor_app.reply("I wanna do hair and nails").answer
    # a named pathway is the question: the program matcher does not take it over
    named = advisor_app.reply("is early college a good fit for my son who wants to be a nurse?")
    assert "Health Assisting fits" not in named.answer.splitlines()[0]
    assert "Environmental and Life Sciences" in advisor_app.reply("i like animals").answer


@pytest.fixture(scope="module")
def advisor_app(tmp_path_factory, embeddings):
    from conftest import indexed_copy

    from advisor.assistant import Advisor
    from advisor.retrieval import Searcher

    settings = indexed_copy(tmp_path_factory.mktemp("careers"), embeddings)
    return Advisor(settings, searcher=Searcher(settings, embeddings=embeddings))
