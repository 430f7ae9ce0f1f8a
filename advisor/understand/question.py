"""One message, read once: the plain object every later stage works from."""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.stated import StatedFacts
from advisor.understand.facts import Unusable
from advisor.understand.offering import OfferingAsk


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    pathways: tuple[str, ...] = ()          # named here, or carried from the last turn
    named: tuple[str, ...] = ()             # named in this message
    facts: StatedFacts = field(default_factory=StatedFacts)  # about the student, so far
    new_facts: bool = False                 # this message states facts about the student
    hypothetical: StatedFacts = field(default_factory=StatedFacts)  # numbers in a rule question
    aspects: tuple[str, ...] = ()           # criteria or family facts asked about
    term: str | None = None                 # the glossary term asked about
    mentions: tuple[str, ...] = ()          # every glossary term named
    asked_name: str | None = None           # the X of "what is X?"
    place: str | None = None                # a school or college named ("minuteman tech")
    ruling: str | None = None               # the yes/no ruling that matches
    yes_no: bool = False
    sectors: tuple[str, ...] = ()
    interest_words: tuple[str, ...] = ()
    wants: tuple[str, ...] = ()             # things asked for that the guidance must state
    follow_up: bool = False
    audience: str = "student"
    offering: OfferingAsk = field(default_factory=OfferingAsk)  # schools, towns, subjects named
    # numbers this message said that are outside their fact's range, so not facts
    unusable: tuple[Unusable, ...] = ()

    @property
    def intent(self) -> str:  # the name older callers used
        return self.kind
