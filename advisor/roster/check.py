"""A whole roster checked against every pathway, in one process with one catalog load."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from advisor.catalog import PATHWAY_IDS
from advisor.csvsafe import SafeWriter
from advisor.plan import plan_models
from advisor.roster.plan import row_plan
from advisor.roster.read import Roster, RosterError
from advisor.rules.engine import check_all
from advisor.rules.match import missing
from advisor.rules.result import Check

VERDICTS = ("meets", "needs-info", "does-not-meet")


@dataclass(frozen=True)
class StudentResult:
    row: int
    student: str
    checks: tuple[Check, ...]

    def contract(self) -> dict:
        return {"row": self.row, "student": self.student,
                "checks": [c.contract() for c in self.checks]}


@dataclass
class RosterResult:
    students: list[StudentResult] = field(default_factory=list)
    errors: list[RosterError] = field(default_factory=list)

    def contract(self) -> dict:
        return {"students": [s.contract() for s in self.students],
                "errors": [e.contract() for e in self.errors]}

    def tally(self) -> str:
        n, e = len(self.students), len(self.errors)
        return (f"{n} student{'' if n == 1 else 's'} checked; "
                f"{e} problem{'' if e == 1 else 's'} reported.")

    def counts(self) -> dict[str, Counter]:
        """Per pathway, how many students each verdict has."""
        out = {p: Counter() for p in PATHWAY_IDS}
        for s in self.students:
            for c in s.checks:
                out[c.pathway][c.verdict] += 1
        return out

    def summary_csv(self) -> str:
        """One line per data row: each pathway's verdict and what is missing, and the
        problems of a row that could not be checked. Student names and cells come from the
        upload, so every text cell is neutralised against spreadsheet formulas."""
        buf = io.StringIO()
        writer = SafeWriter(buf)
        writer.writerow(["row", "student"] + [x for p in PATHWAY_IDS
                                              for x in (p, f"{p} missing")] + ["errors"])
        problems: dict[int, list[str]] = {}
        for e in self.errors:
            problems.setdefault(e.row, []).append(f"{e.column}: {e.error}" if e.column
                                                  else e.error)
        lines = [(s.row, [s.row, s.student] + [x for c in s.checks
                                               for x in (c.verdict, missing(c))] + [""])
                 for s in self.students]
        lines += [(row, [row, ""] + [""] * 2 * len(PATHWAY_IDS) + ["; ".join(why)])
                  for row, why in problems.items()]
        for _, line in sorted(lines, key=lambda item: item[0]):
            writer.writerow(line)
        return buf.getvalue()


def check_roster(roster: Roster, catalog_dir: Path, on=None) -> RosterResult:
    """Every row against every pathway under the rules in force on `on` (default today)."""
    result = RosterResult(errors=list(roster.errors))
    models = plan_models(catalog_dir)  # the columns were read from this catalog's registry
    for r in roster.rows:
        plan = row_plan(r.values, models)
        result.students.append(StudentResult(r.row, r.student,
                                                     check_all(plan, catalog_dir, on)))
    return result
