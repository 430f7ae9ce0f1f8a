"""Scoring the interest quiz: six type scores, the top three, and the programs whose
interest codes share them, each explained."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.careers.result import (
    ProgramMatch,
    SectorMatch,
    district_row,
    offering_rows,
    related_sectors,
)

_RANK_WEIGHT = (3, 2, 1)  # a type's place in the student's top three, or in a code


class QuizAnswersError(ValueError):
    """Answers that can't be scored; the message names every item at fault."""


@dataclass(frozen=True)
class QuizResult:
    scores: dict[str, int]
    top: tuple[str, ...]
    programs: tuple[ProgramMatch, ...]
    sectors: tuple[SectorMatch, ...]
    summary: str
    district_pathways: tuple = ()

    def contract(self) -> dict:
        return {"scores": self.scores, "top": list(self.top),
                "programs": [p.contract() for p in self.programs],
                "sectors": [s.contract() for s in self.sectors], "summary": self.summary,
                "district_pathways": [district_row(r) for r in self.district_pathways]}


def check_answers(quiz, answers) -> dict[str, int]:
    """The answers as {item id: 1..5}; every missing, unknown or out-of-range item named."""
    if not isinstance(answers, dict):
        raise QuizAnswersError("answers must be a JSON object of {item id: 1..5}")
    ids = [i.id for i in quiz.items]
    problems = []
    missing = [i for i in ids if i not in answers]
    if missing:
        problems.append(f"missing answers for {', '.join(missing)}")
    unknown = [k for k in answers if k not in ids]
    if unknown:
        problems.append(f"no quiz item with id {', '.join(map(str, unknown))}")
    bad = [f"{k}={answers[k]!r}" for k in ids if k in answers and (
        isinstance(answers[k], bool) or not isinstance(answers[k], int)
        or not 1 <= answers[k] <= 5)]
    if bad:
        problems.append(f"answers must be whole numbers 1 to 5: {', '.join(bad)}")
    if problems:
        raise QuizAnswersError("; ".join(problems))
    return {k: int(answers[k]) for k in ids}


def score_quiz(catalog, answers, limit: int = 5) -> QuizResult:
    quiz = catalog.quiz
    ratings = check_answers(quiz, answers)
    scores = {t: 0 for t in "RIASEC"}
    for item in quiz.items:
        scores[item.type] += ratings[item.id]
    ranked = sorted("RIASEC", key=lambda t: -scores[t])
    # a type tied with the first one left out is not "top": no tie is broken by letter order
    top = tuple(t for t in ranked[:3] if scores[t] > scores[ranked[3]])
    tied = [t for t in ranked if t not in top and scores[t] == scores[ranked[len(top)]]] \
        if len(top) < 3 else []
    weight = dict(zip(top, _RANK_WEIGHT, strict=False))
    scored = []
    for p in catalog.programs.programs:
        code = p.riasec.code
        fit = sum(weight.get(letter, 0) * _RANK_WEIGHT[n] for n, letter in enumerate(code))
        if fit:
            shared = [t for t in code if t in weight]
            scored.append((fit, p, shared))
    scored.sort(key=lambda s: -s[0])
    names = {t: quiz.types[t].name for t in "RIASEC"}
    programs = []
    for fit, p, shared in scored[:limit]:
        cluster = catalog.programs.cluster(p.cluster).name
        judged = "O*NET's interest code" if p.riasec.by == "onet" else \
            "its interest code (this project's judgement)"
        why = (f"{p.name} ({cluster} cluster) is {' and '.join(names[t] for t in shared)} "
               f"work: {judged} is {p.riasec.code}."
               + (f" {p.only_text}" if p.chapter74_only else ""))
        programs.append(ProgramMatch(program=p, cluster=cluster, score=float(fit), why=why))
    sectors = related_sectors(catalog, programs)
    summary = ("Your strongest interests: " + "; ".join(
        f"{names[t]} ({scores[t]} of {5 * _per_type(quiz, t)}"
        f"): {quiz.types[t].says}" for t in top) + "." if top else
        "No interest type stands out from your answers.")
    if tied:
        summary += (" " + ", ".join(names[t] for t in tied) + " scored the same"
                    f" ({scores[tied[0]]}), so none of them is ranked; answering more "
                    "strongly, or telling us what you like, narrows it down.")
    return QuizResult(scores=scores, top=top, programs=tuple(programs),
                      sectors=tuple(sectors.values()), summary=summary,
                      district_pathways=offering_rows(catalog, programs))


def _per_type(quiz, letter: str) -> int:
    return sum(1 for i in quiz.items if i.type == letter)
