"""Properties of the rules that must hold for every plan (hypothesis)."""

from __future__ import annotations

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.plan import Plan
from advisor.rules import check
from advisor.rules.result import verdict

CATALOG = ROOT / "knowledge" / "catalog"
PATHWAYS = ["cte", "career-connections", "icp", "early-college", "masscore"]
maybe_bool = st.one_of(st.none(), st.booleans())
amount = st.one_of(st.none(), st.integers(0, 1000).map(float))

courses = st.builds(
    dict, name=st.text("ABCDEFGH", min_size=1, max_size=3), technical=maybe_bool,
    college_level=maybe_bool, field=st.sampled_from([None, "health", "it"]),
    college_credits=st.one_of(st.none(), st.integers(0, 8).map(float)),
    gened_transfer=maybe_bool)
wbl = st.builds(dict, kind=st.sampled_from([None, "internship", "capstone", "co-op",
                                             "job-shadow", "other"]), hours=amount)
masscore = st.builds(dict, english=amount, math=amount, lab_science=amount, history=amount,
                     world_language=amount, world_language_same=maybe_bool, arts=amount,
                     additional_core=amount, pe=maybe_bool)
plans = st.builds(
    dict, courses=st.one_of(st.none(), st.lists(courses, max_size=6)),
    work_based_learning=st.one_of(st.none(), st.lists(wbl, max_size=3)),
    immersive_hours=amount, credentials=st.one_of(st.none(), st.lists(st.just("OSHA 10"),
                                                                        max_size=2)),
    mycap=maybe_bool, masscore=st.one_of(st.none(), masscore))

RANK = {"unmet": 0, "unknown": 1, "met": 2}


def _statuses(pathway, data):
    return {c.id: c.status for c in check(pathway, Plan.model_validate(data), CATALOG).criteria}


@settings(max_examples=300, deadline=None)
@given(pathway=st.sampled_from(PATHWAYS), data=plans)
def test_verdict_agrees_with_statuses(pathway, data):
    result = check(pathway, Plan.model_validate(data), CATALOG)
    assert result.verdict == verdict([c.status for c in result.criteria])
    for c in result.criteria:
        assert (c.shortfall is not None) <= (c.status == "unmet")


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
        grown["masscore"] = {k: (v + more if isinstance(v, float) else v)
                             for k, v in grown["masscore"].items()}
    after = _statuses(pathway, grown)
    for cid, status in before.items():
        if status == "met":
            assert after[cid] == "met", (cid, grown)
