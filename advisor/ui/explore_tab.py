"""Explore pathways: the statewide catalog, shown at once, filtered by town or school (and the
towns around it), pathway type, sector, Chapter 74 program, career cluster and cost, with
where each row comes from.

The filtering is plain functions (`filter_rows`, `table_rows`, `sector_counts`,
`newest_date`), testable without Gradio; `build_explore_tab` wires them to the controls.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import gradio as gr
import pandas as pd

from advisor.careers.result import row_programs
from advisor.catalog import PATHWAY_IDS
from advisor.catalog.districts import CONFIDENCE
from advisor.catalog.offerings import how_recent

COLUMNS = ["School", "Town", "Type", "Pathway", "Sector", "Program", "Designated", "Source",
           "As of", "Confidence"]
# the Source cell is a markdown link; every other cell is shown as plain text
DATATYPES = ["markdown" if c == "Source" else "str" for c in COLUMNS]
WIDTHS = ["14%", "8%", "9%", "15%", "11%", "9%", "10%", "6%", "8%", "10%"]
_DATE = re.compile(r"^(?:c\.)?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def matches_town(row, town: str | None, around: Iterable[str] = ()) -> bool:
    """A row is in `town` when one of the places it names is that town ("Boston (Charlestown)"
    is in Boston and in Charlestown), or one of the towns `around` it, or when the school's
    name contains the typed text ("Lowell" finds Greater Lowell Technical High School). Case
    does not matter."""
    wanted = _fold(town)
    if not wanted:
        return True
    places = [*row.towns, row.town or "", row.district or ""]
    nearby = {_fold(t) for t in around} | {wanted}
    return any(_fold(p) in nearby for p in places) or wanted in _fold(row.school)


def towns_around(towns, town: str | None, miles: float) -> list[str]:
    """The towns within `miles` of a typed town (itself included); none when it is no town."""
    if towns is None or not _fold(town):
        return []
    return [name for name, _ in towns.near(town.strip(), miles)]


def filter_rows(rows: Iterable, programs: Sequence = (), *, town: str | None = "",
                kind: str | None = "", sector: str | None = "", program: str | None = "",
                cluster: str | None = "", max_cost: float | None = None,
                around: Iterable[str] = ()) -> list:
    """The catalog rows that pass every filter given; a blank filter passes every row.

    `programs` is the Chapter 74 program list a row is matched against for `program` (a
    program id) and `cluster` (a cluster id). A row whose cost is unknown passes `max_cost`.
    `around` are more towns that count as `town` (the towns near it).
    """
    around = list(around)
    out = []
    for r in rows:
        if kind and r.type != kind:
            continue
        # a sector's rows are those the chart counts under it: its Innovation Career
        # Pathways and the Chapter 74 programs in a related field
        if sector and r.sector != sector and not (
                r.type == "cte" and _related_sector(r, programs) == sector):
            continue
        if max_cost is not None and r.cost_to_family is not None and r.cost_to_family > max_cost:
            continue
        if not matches_town(r, town, around):
            continue
        if program or cluster:
            mine = row_programs(r, programs)
            if program and not any(p.id == program for p in mine):
                continue
            if cluster and not any(p.cluster == cluster for p in mine):
                continue
        out.append(r)
    return out


def _related_sector(row, programs: Sequence) -> str | None:
    return next((sid for p in row_programs(row, programs) for sid in p.sectors), None)


def amount(value) -> float | None:
    """Dollars from what was typed ("1,500", "$200", 0); None when blank or not an amount."""
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    try:
        number = float(str(value or "").replace("$", "").replace(",", "").strip())
    except ValueError:
        return None
    return number if number >= 0 and number == number else None


def _same(a: str, b: str) -> bool:
    """"Healthcare" and "Health Care" are the same name."""
    return re.sub(r"[^a-z0-9]", "", a.lower()) == re.sub(r"[^a-z0-9]", "", b.lower())


def sector_text(row, sectors: dict) -> str:
    """The sector's name, with the page's own name for it when that differs."""
    sector = sectors.get(row.sector) if row.sector else None
    label = (row.sector_label or "").strip()
    if not sector:
        return label
    if label and not _same(label, sector.name):
        return f"{sector.name} (page: {label})"
    return sector.name


def source_link(row) -> str:
    if row.source_url:
        url = row.source_url.replace("(", "%28").replace(")", "%29")
        return f"[page]({url})"
    return row.contact or ""


def table_rows(rows: Iterable, catalog) -> list[list[str]]:
    """One table row per catalog row, in COLUMNS order."""
    programs = catalog.programs.programs if catalog.programs else []
    out = []
    for r in rows:
        kind = catalog.types.get(r.type)
        out.append([r.school, r.town or r.district or "", kind.name if kind else r.type,
                    r.pathway_name, sector_text(r, catalog.sectors),
                    ", ".join(p.name for p in row_programs(r, programs)),
                    str(r.year_designated or ""), source_link(r), r.dated,
                    r.confidence or ""])
    return out


ICP_BAR = "Innovation Career Pathway"
RELATED_BAR = "Chapter 74, related field"


def row_sector(row, sectors: dict, programs: Sequence = ()) -> tuple[str, str] | None:
    """(sector name, bar) a row is counted under: an Innovation Career Pathway by its sector, a
    Chapter 74 program by the first sector its program is related to; None for a row with
    neither (an Early College program, a program in no sector's field)."""
    if row.sector in sectors:
        return sectors[row.sector].name, ICP_BAR
    sid = _related_sector(row, programs) if row.type == "cte" else None
    return (sectors[sid].name, RELATED_BAR) if sid in sectors else None


def sector_counts(rows: Iterable, sectors: dict, programs: Sequence = ()) -> pd.DataFrame:
    """How many rows fall in each sector, by bar (ICP, or a related Chapter 74 program), the
    sector with most first; rows in no sector are left to `unsectored`."""
    counts = Counter(got for r in rows if (got := row_sector(r, sectors, programs)))
    totals = Counter()
    for (name, _), n in counts.items():
        totals[name] += n
    ranked = sorted(counts.items(), key=lambda kv: (-totals[kv[0][0]], kv[0][0], kv[0][1]))
    return pd.DataFrame({"sector": pd.Series([k[0] for k, _ in ranked], dtype=object),
                         "count": pd.Series([v for _, v in ranked], dtype=int),
                         "kind": pd.Series([k[1] for k, _ in ranked], dtype=object)})


def unsectored(rows: Iterable, sectors: dict, programs: Sequence = ()) -> int:
    return sum(1 for r in rows if row_sector(r, sectors, programs) is None)


def _date_key(text: str) -> tuple[int, int, int] | None:
    match = _DATE.match(text or "")
    return tuple(int(g) if g else 0 for g in match.groups()) if match else None


def newest_date(rows: Iterable) -> str:
    """The newest page date (`as_of`, as the page gives it: "2024", "2023-07", "c.2008")
    among the rows; the newest day a page was read when no row's page is dated; "" if none."""
    rows = list(rows)
    for field in ("as_of", "retrieved"):
        dated = [(key, value) for value in (getattr(r, field) for r in rows)
                 if value and (key := _date_key(value))]
        if dated:
            return max(dated)[1]
    return ""


def notice_text(rows: Sequence, every: Sequence, offerings, *, around: Sequence = (),
                town: str = "", max_cost: float | None = None, no_sector: int = 0) -> str:
    """The count shown, the catalog's caveat dated by the rows shown (by the whole catalog
    when none is shown, as chat answers do), and the state's own lists; what the town, cost
    and chart cover."""
    lines = [f"**Showing {len(rows)} of {len(every)} pathways.**"]
    if around and offerings is not None:
        lines.append(f"Within {offerings.reading.near_miles:g} miles of {town.strip()}: "
                     f"{len(around)} towns.")
    unpriced = sum(1 for r in rows if r.cost_to_family is None)
    if max_cost is not None and unpriced:
        lines.append(f"No cost is listed for {unpriced} of these rows (the public pages they "
                     "come from don't give one); they are kept. Ask the school.")
    if no_sector:
        lines.append(f"The chart leaves out {no_sector} rows in no sector (Early College "
                     "programs, and Chapter 74 programs in no sector's field).")
    if offerings is not None:
        dated = list(rows or every)
        # the caveat names {dated} ("newest page dated 2024-04-03"); an older catalog's named
        # {as_of}, the bare date: both are given, a template uses the one it names
        lines.append(offerings.caveat.format_map({
            "dated": how_recent([{"as_of": r.as_of, "retrieved": r.retrieved} for r in dated]),
            "as_of": newest_date(dated) or "unknown"}))
        links = [f"[{s.name}]({s.url})" for s in offerings.state_lists.values()]
        if links:
            lines.append("The state's own lists: " + " · ".join(links))
    return "\n\n".join(lines)


def build_explore_tab(advisor) -> None:
    catalog = advisor.catalog
    districts = catalog.districts
    if districts.has_sample:
        gr.Markdown("**SAMPLE DATA.** Some rows come from a sample file (`sample-*.csv`) "
                    "describing a fictional district, to show how the explorer works; they are "
                    "not real schools.", elem_id="sample-label")
    if districts.errors:
        gr.Markdown("Some catalog rows could not be used:\n" + "\n".join(
            f"- {e}" for e in districts.errors))
    programs = catalog.programs.programs if catalog.programs else []
    clusters = catalog.programs.clusters if catalog.programs else []
    state_towns = [t.name for t in catalog.towns.towns] if catalog.towns else []
    miles = catalog.offerings.reading.near_miles if catalog.offerings else 15
    with gr.Row():
        # every town of the state is offered, not only the catalog's: a family in a town with
        # no row can still ask for the towns around it
        town = gr.Dropdown(sorted(set(districts.towns) | set(state_towns)), value="",
                           label="Town or school",
                           info="Type a town, or part of a school's name",
                           allow_custom_value=True, filterable=True, elem_id="explore-town")
        near = gr.Checkbox(False, label=f"Towns within {miles:g} miles too",
                           elem_id="explore-near")
        kind = gr.Dropdown([("Any type", "")] + [(catalog.types[p].name, p) for p in PATHWAY_IDS
                                                 if p in catalog.types],
                           value="", label="Pathway type", elem_id="explore-type")
        sector = gr.Dropdown([("Any sector", "")] + [(s.name, s.id)
                                                     for s in catalog.sectors.values()],
                             value="", label="Sector", elem_id="explore-sector")
    with gr.Row():
        program = gr.Dropdown([("Any program", "")] + [(p.name, p.id) for p in programs],
                              value="", label="Chapter 74 program", elem_id="explore-program")
        cluster = gr.Dropdown([("Any cluster", "")] + [(c.name, c.id) for c in clusters],
                              value="", label="Career cluster", elem_id="explore-cluster")
        # a text box, not gr.Number: an empty Number reaches the server as 0 ("free pathways
        # only"), and blank here means any amount
        max_cost = gr.Textbox(label="Most the family can pay ($)", value="", max_lines=1,
                              placeholder="Any amount", elem_id="explore-cost")

    def explore(s, k, cost, prog="", clus="", place="", nearby=False):
        """The filtered table, the notice over it and the per-sector counts."""
        today = advisor.catalog  # today's catalog: a server left running follows it
        rows = today.districts.pathways
        progs = today.programs.programs if today.programs else []
        most = amount(cost)
        reach = today.offerings.reading.near_miles if today.offerings else miles
        around = towns_around(today.towns, place, reach) if nearby else []
        shown = filter_rows(rows, progs, town=place, kind=k, sector=s, program=prog,
                            cluster=clus, max_cost=most, around=around)
        # the town as the state names it ("lowell" typed is Lowell); it is first, 0 miles away
        notice = notice_text(shown, rows, today.offerings, around=around,
                             town=around[0] if around else place or "",
                             max_cost=most, no_sector=unsectored(shown, today.sectors, progs))
        if most is None and str(cost or "").strip():
            notice = (f"_{html.escape(str(cost).strip()[:40])} is not an amount in dollars; "
                      "pathways of any cost are shown._\n\n" + notice)
        if nearby and str(place or "").strip() and not around:
            notice = (f"_{html.escape(str(place).strip()[:40])} is not a Massachusetts town, "
                      "so no nearby towns were added._\n\n" + notice)
        return table_rows(shown, today), notice, sector_counts(shown, today.sectors, progs)

    # the whole catalog is shown as soon as the tab opens, before any filter is touched
    first_table, first_notice, first_counts = explore("", "", None)
    notice = gr.Markdown(first_notice, elem_id="catalog-notice")
    # gr.BarPlot draws with the Vega library bundled in Gradio's own frontend assets (no CDN),
    # so it renders with no network; tests/test_browser.py checks no request leaves the host.
    chart = gr.BarPlot(first_counts, x="sector", y="count", color="kind",
                       title="Pathways per sector", x_title="Sector", y_title="Pathways",
                       color_title="", x_label_angle=-20, height=280,
                       elem_id="sector-chart")
    table = gr.Dataframe(value=first_table, headers=COLUMNS, datatype=DATATYPES,
                         label="Pathways", interactive=False, wrap=True, elem_id="explore-table",
                         column_widths=WIDTHS)
    gr.Markdown("Confidence: " + "; ".join(f"**{k}**: {v}" for k, v in CONFIDENCE.items())
                + ".", elem_id="confidence-key")
    controls = [sector, kind, max_cost, program, cluster, town, near]
    outputs = [table, notice, chart]
    for control in controls:
        if control is max_cost:  # an amount is read when it is entered, not per keystroke
            control.submit(explore, controls, outputs, api_name=False)
            control.blur(explore, controls, outputs, api_name=False)
        else:
            control.change(explore, controls, outputs, api_name=False)
    gr.Button("Show pathways").click(explore, controls, outputs, api_name="explore")
