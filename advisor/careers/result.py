"""What a career match returns: plain data the CLI, chat and UI all render."""

from __future__ import annotations

from dataclasses import dataclass


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

    @property
    def found(self) -> bool:
        return bool(self.programs or self.sectors)

    def contract(self) -> dict:
        return {"programs": [p.contract() for p in self.programs],
                "sectors": [s.contract() for s in self.sectors],
                "district_pathways": [district_row(r) for r in self.district_pathways]}


def describe_row(row) -> str:
    """A district row in one line, labelled when it comes from a sample file."""
    label = " (SAMPLE DATA, a fictional district)" if row.sample else ""
    where = ", ".join(filter(None, [row.town, row.district]))
    dated = f"; {row.dated}" if row.source_url else ""
    return f"{row.pathway_name} ({row.type}) at {row.school}{', ' + where if where else ''}" \
        f"{label}{dated}"


def district_row(row) -> dict:
    out = row.model_dump(exclude={"file", "record"})
    out["grades"] = list(row.grades) if row.grades else None
    return out


NEXT_STEP = ("Next step: ask your school counselor which of these your school offers, or "
             "contact the regional technical high school that serves your town.")


def related_sectors(catalog, programs) -> dict[str, SectorMatch]:
    """The ICP sectors related to matched programs, in the programs' order."""
    out: dict[str, SectorMatch] = {}
    for m in programs:
        for sid in m.program.sectors:
            out.setdefault(sid, SectorMatch(sid, catalog.sectors[sid].name,
                                            f"Related to {m.program.name}."))
    return out


def row_programs(row, programs) -> list:
    """The Chapter 74 programs a district row offers: the program's name in its title or
    courses ("Automotive Technology"; "Intro to Welding" names none), or a title that is one
    of the names schools give the program ("Auto Body")."""
    text = " ".join([row.pathway_name, *row.course_sequence]).lower()
    title = row.pathway_name.lower()
    return [p for p in programs
            if p.name.lower() in text or any(label.lower() == title for label in p.labels)]


def offering_rows(catalog, matches) -> tuple:
    """District catalog rows offering a matched program, then rows in a related sector."""
    rows = catalog.districts.pathways
    ids = {m.program.id for m in matches}
    sectors = [s for m in matches for s in m.program.sectors]
    by_name = [r for r in rows
               if any(p.id in ids for p in row_programs(r, catalog.programs.programs))]
    by_sector = sorted((r for r in rows if r.sector in sectors and r not in by_name),
                       key=lambda r: sectors.index(r.sector))
    return tuple(by_name + by_sector)
