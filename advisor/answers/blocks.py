"""What an answer is made of, before it is rendered: plain data, cited where it states.

The first block is the direct answer (`Lead`); renderers number citations in order of
first use and never parse text back.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cite:
    source: str
    quote: str
    page: int | None = None
    section: str | None = None
    url: str | None = None
    title: str | None = None
    as_of: str | None = None  # a catalog row's page date, as the page gives it
    retrieved: str | None = None  # the day a catalog row's page was read


@dataclass(frozen=True)
class Line:
    text: str
    cites: tuple[Cite, ...] = ()


@dataclass
class Lead:
    """The direct answer: the number, the yes or no, the names."""

    text: str
    cites: tuple[Cite, ...] = ()
    # "The guidance does not say": the reply abstains, though it shows what the guidance has
    abstains: bool = False


@dataclass
class Bullets:
    items: list[Line]
    title: str | None = None


@dataclass
class Quotes:
    """Sentences quoted verbatim from the guidance (at most three per answer)."""

    items: list[Cite]
    title: str | None = None


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Line]]


@dataclass
class CheckBlock:
    """An exact plan check; rendered as verdict, missing, met and unknown criteria."""

    check: object  # advisor.rules.result.Check
    name: str
    table: bool = False  # the counselor's criteria table


@dataclass
class Note:
    """Guidance that is not a pass/fail criterion; `conflict` holds each disagreeing
    source's value with its own citation."""

    text: str
    cite: Cite | None = None
    conflict: tuple[tuple[str, Cite], ...] = ()


@dataclass
class Abstain:
    """No answer from the guidance: what it does cover, and who to ask."""

    reason: str
    covers: list[str] = field(default_factory=list)
    ask: str = ""


@dataclass
class Retrieval:
    """Counselors see which passages were read and how they scored."""

    hits: list


Block = Lead | Bullets | Quotes | Table | CheckBlock | Note | Abstain | Retrieval
