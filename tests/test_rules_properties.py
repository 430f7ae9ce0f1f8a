"""Properties of the rules that must hold for every plan (hypothesis)."""

from __future__ import annotations

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.plan import Plan
from advisor.rules import check

CATALOG = ROOT / "knowledge" / "catalog"
PATHWAYS = ["cte", "career-connections", "icp", "early-college", "masscore"]
maybe_bool = st.one_of(st.none(), st.booleans())
amount = st.one_of(st.none(), st.integers(0, 1000).map(float))
# hours around the 900 of cte.hours, units around MassCore's minimums (1 to 5), halves included
hours = st.one_of(amount, st.sampled_from([899.0, 899.5, 900.0, 900.5]))
units = st.one_of(st.none(), st.integers(0, 14).map(lambda n: n / 2))

courses = st.builds(
    dict, name=st.text("ABCDEFGH", min_size=1, max_size=3), technical=maybe_bool,
    college_level=maybe_bool, field=st.sampled_from([None, "health", "it"]),
    college_credits=st.one_of(st.none(), st.integers(0, 8).map(float)),
    gened_transfer=maybe_bool)
wbl = st.builds(dict, kind=st.sampled_from([None, "internship", "capstone", "co-op",
                                             "job-shadow", "other"]), hours=amount)
masscore = st.builds(dict, english=units, math=units, lab_science=units, history=units,
                     world_language=units, world_language_same=maybe_bool, arts=units,
                     additional_core=units, pe=maybe_bool)
plans = st.builds(
    dict, courses=st.one_of(st.none(), st.lists(courses, max_size=6)),
    work_based_learning=st.one_of(st.none(), st.lists(wbl, max_size=3)),
    immersive_hours=hours, credentials=st.one_of(st.none(), st.lists(st.just("OSHA 10"),
                                                                        max_size=2)),
    mycap=maybe_bool, masscore=st.one_of(st.none(), masscore))

# The oracle: the contract of /work/shared/design.md, written here without the advisor's code.
# MassCore's minimums (units) and the plan field each criterion reads.
MASSCORE_MIN = {"masscore.english": ("english", 4), "masscore.math": ("math", 4),
                "masscore.science": ("lab_science", 3), "masscore.history": ("history", 3),
                "masscore.world_language": ("world_language", 2), "masscore.arts": ("arts", 1),
                "masscore.additional": ("additional_core", 5)}
CTE_HOURS, ICP_WBL_HOURS = 900, 100


def contract_verdict(statuses: list[str]) -> str:
    """does-not-meet when any criterion is unmet, else needs-info when any is unknown."""
    if any(s == "unmet" for s in statuses):
        return "does-not-meet"
    if any(s == "unknown" for s in statuses):
        return "needs-info"
    return "meets"


def at_least(have, need) -> tuple[str, float | None]:
    """(status, shortfall) of a plain threshold; a fact not given is unknown, never unmet."""
    if have is None:
        return "unknown", None
    return ("met", None) if have >= need else ("unmet", need - have)


def yes_no(value) -> tuple[str, float | None]:
    return ("unknown" if value is None else "met" if value else "unmet"), None


def expected(data: dict) -> dict[str, tuple[str, float | None]]:
    """Status and shortfall of the simple criteria, straight from the plan's data."""
    out = {"cte.hours": at_least(data["immersive_hours"], CTE_HOURS),
           "icp.mycap": yes_no(data["mycap"])}
    wbl = data["work_based_learning"]
    if wbl is None:
        out["icp.wbl"] = ("unknown", None)
    else:
        counted = sum(w["hours"] for w in wbl
                      if w["kind"] in ("internship", "capstone") and w["hours"] is not None)
        unclear = any(w["kind"] is None or (w["kind"] in ("internship", "capstone")
                                            and w["hours"] is None) for w in wbl)
        status, short = at_least(counted, ICP_WBL_HOURS)
        out["icp.wbl"] = ("unknown", None) if status == "unmet" and unclear else (status, short)
    mc = data["masscore"] or {}
    for cid, (field, need) in MASSCORE_MIN.items():
        out[cid] = at_least(mc.get(field), need)
    if out["masscore.world_language"][0] == "met":  # 2 units of the *same* language
        same = mc.get("world_language_same")
        out["masscore.world_language"] = (yes_no(same)[0], None)
    out["masscore.pe"] = yes_no(mc.get("pe"))
    return out


def _statuses(pathway, data):
    return {c.id: c.status for c in check(pathway, Plan.model_validate(data), CATALOG).criteria}


@settings(max_examples=300, deadline=None)
@given(pathway=st.sampled_from(PATHWAYS), data=plans)
def test_verdict_follows_the_contract(pathway, data):
    result = check(pathway, Plan.model_validate(data), CATALOG)
    statuses = [c.status for c in result.criteria]
    assert result.verdict == contract_verdict(statuses), statuses
    for c in result.criteria:
        assert (c.shortfall is not None) <= (c.status == "unmet")


@settings(max_examples=300, deadline=None)
@given(data=plans)
def test_simple_criteria_match_the_plan(data):
    want = expected(data)
    got = {c.id: (c.status, c.shortfall.amount if c.shortfall else None)
           for p in PATHWAYS for c in check(p, Plan.model_validate(data), CATALOG).criteria
           if c.id in want}
    assert got == want


@settings(max_examples=300, deadline=None)
@given(pathway=st.sampled_from(PATHWAYS), data=plans, extra_course=courses,
       extra_wbl=wbl, more=st.integers(1, 500).map(float))
def test_adding_never_turns_met_into_unmet(pathway, data, extra_course, extra_wbl, more):
    before = _statuses(pathway, data)
    grown = dict(data)
    if grown["courses"] is not None:
        name = extra_course["name"] + "-new"
        grown["courses"] = [*grown["courses"], dict(extra_course, name=name)]
    if grown["work_based_learning"] is not None:
        grown["work_based_learning"] = [*grown["work_based_learning"], extra_wbl]
    if grown["immersive_hours"] is not None:
        grown["immersive_hours"] += more
    if grown["masscore"] is not None:
        # units stay inside the registry's range (max 20): a plan past it is refused
        grown["masscore"] = {k: (v + min(more, 10) if isinstance(v, float) else v)
                             for k, v in grown["masscore"].items()}
    after = _statuses(pathway, grown)
    for cid, status in before.items():
        if status == "met":
            assert after[cid] == "met", (cid, grown)


def _swapped(statuses):
    """verdict() with its two checks in the wrong order: unknown wins over unmet."""
    if "unknown" in statuses:
        return "needs-info"
    return "does-not-meet" if "unmet" in statuses else "meets"


def test_the_oracle_catches_a_broken_verdict(monkeypatch):
    from advisor.rules import engine

    monkeypatch.setattr(engine, "verdict", _swapped)
    with pytest.raises(AssertionError):
        test_verdict_follows_the_contract()
