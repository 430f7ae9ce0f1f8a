"""What a career match returns: plain data the CLI, chat and UI all render."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProgramMatch:
    program: object          # catalog Program
    cluster: str             # the cluster's name
    score: float
    why: str
    words: tuple[str, ...] = ()  # the student's words that led here

    def contract(self) -> dict:
        p = self.program
        return {"id": p.id, "name": p.name, "cluster": self.cluster,
                "chapter74_only": p.chapter74_only, "sectors": list(p.sectors),
                "why": self.why, "score": round(self.score, 3),
                "riasec": p.riasec.code,
                "source": {"source": p.source, "quote": p.quote}}


@dataclass(frozen=True)
class SectorMatch:
    id: str
    name: str
    why: str

    def contract(self) -> dict:
        return {"id": self.id, "name": self.name, "why": self.why}


@dataclass(frozen=True)
class CareerMatch:
    programs: tuple[ProgramMatch, ...] = ()
    sectors: tuple[SectorMatch, ...] = ()
    district_pathways: tuple = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def found(self) -> bool:
        return bool(self.programs or self.sectors)

    def contract(self) -> dict:
        return {"programs": [p.contract() for p in self.programs],
                "sectors": [s.contract() for s in self.sectors],
                "district_pathways": [district_row(r) for r in self.district_pathways]}


def district_row(row) -> dict:
    out = row.model_dump(exclude={"file"})
    out["grades"] = list(row.grades) if row.grades else None
    return out
