"""Domain cases as data, OpenFisca style: a plan in; the verdict, statuses and shortfalls
out. `python -m advisor test FILE.yaml` runs them, and pytest runs the same cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisor.catalog.yaml_text import read_yaml
from advisor.plan import PlanError, parse_plan
from advisor.rules.result import Status


class CasesError(ValueError):
    """A case file that cannot be run; the message names the file, the case and the key."""


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str
    pathway: str
    plan: dict
    verdict: Literal["meets", "does-not-meet", "needs-info"]
    criteria: dict[str, Status] = {}
    shortfalls: dict[str, float | None] = {}  # None: the criterion has no shortfall
    on: date | None = Field(None, alias="as_of")  # the rules in force that day; default today


@dataclass(frozen=True)
class Outcome:
    case: Case
    problems: tuple[str, ...]  # empty when the case passes

    @property
    def passed(self) -> bool:
        return not self.problems


def load_cases(path: Path, catalog_dir: Path | None = None) -> list[Case]:
    """The cases of one file, each plan read against the registry of `catalog_dir`."""
    try:
        data = read_yaml(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CasesError(f"{path}: {exc}") from None
    if not isinstance(data, list) or not data:
        raise CasesError(f"{path}: expected a list of cases (a file of none tests nothing)")
    cases = []
    for n, item in enumerate(data, 1):
        name = item.get("name", f"case {n}") if isinstance(item, dict) else f"case {n}"
        try:
            case = Case.model_validate(item)
            parse_plan(case.plan, catalog_dir)
        except ValidationError as exc:
            problems = "; ".join(f"key '{'.'.join(map(str, e['loc'])) or '?'}': {e['msg']}"
                                 for e in exc.errors(include_url=False))
            raise CasesError(f"{path}: {name}: {problems}") from None
        except PlanError as exc:
            raise CasesError(f"{path}: {name}: key 'plan': {exc}") from None
        cases.append(case)
    return cases


def run_case(case: Case, catalog_dir: Path | None = None) -> Outcome:
    from advisor.rules import check

    result = check(case.pathway, parse_plan(case.plan, catalog_dir), catalog_dir, on=case.on)
    got = {c.id: c for c in result.criteria}
    problems = []
    if result.verdict != case.verdict:
        problems.append(f"verdict: expected {case.verdict}, got {result.verdict}")
    for cid, status in case.criteria.items():
        if cid not in got:
            problems.append(f"{cid}: no such criterion in force")
        elif got[cid].status != status:
            problems.append(f"{cid}: expected {status}, got {got[cid].status} "
                            f"({got[cid].detail})")
    for cid, amount in case.shortfalls.items():
        if cid not in got:
            problems.append(f"{cid}: no such criterion in force")
            continue
        short = got[cid].shortfall
        if (short.amount if short else None) != amount:
            problems.append(f"{cid}: expected shortfall {amount}, got "
                            f"{short.amount if short else None} ({got[cid].detail})")
    return Outcome(case, tuple(problems))
