"""A student's own words matched to Chapter 74 programs, their clusters and ICP sectors.

Two kinds of evidence, each shown to the student as the reason:
- words: the program's name, its occupations and the everyday words for the work, matched
  on stems ("fixing cars" finds "fix car"); a word several programs share counts less;
- meaning: the cosine between the message and what students do in the program, so "fix
  air conditioners" finds HVAC&R although no listed phrase says it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from advisor.careers.result import (
    CareerMatch,
    ProgramMatch,
    SectorMatch,
    offering_rows,
    related_sectors,
)
from advisor.catalog.sectors import match_interests

# Set on tests/careers/phrasings.yaml and a few meaning-only messages (eval/tuning.md):
# the cosine a program's nearest phrase must reach to count with no shared word, the
# cosine below which meaning adds nothing, and how much meaning adds to a word match.
MEANING_BAR = 0.5
MEANING_FLOOR = 0.35
MEANING_WEIGHT = 4.0
SECTOR_SHARE = 0.5  # a program's sectors count when it scores half the best match's
_WEIGHT = {"name": 3.0, "occupation": 3.0, "word": 1.5}
# "not into blood", "i hate cooking": up to four words after a denial are not interests;
# "and", "but" and "i" start a new thought ("i'm not sure what i want i like cars")
_DENIAL = re.compile(r"\b(?:not|never|don'?t|doesn'?t|hate|hates|can'?t stand|dislike|"
                     r"rather not|anything but)\b(?:\s+(?!(?:and|but|i|i'm|im)\b)[\w'-]+){0,4}",
                     re.I)
_STOP = frozenset("a an the to of and or my me i im i'm with at in on for is are am be it "
                  "its do doing did like love really want wanna would just so".split())


def _plural(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _light(word: str, vocab: frozenset[str]) -> str:
    """A light stem: plurals and -ing/-ed off, so "baking", "bakes" and "bake" meet while
    "animals" and "animator" stay apart (a full stemmer joins them). A final e comes back
    when the catalog has that word ("caring" -> "care", never "car")."""
    w = _plural(word)
    for end in ("ing", "ed"):
        if len(w) > len(end) + 2 and w.endswith(end):
            w = w[:-len(end)]
            if len(w) > 2 and w[-1] == w[-2] and w[-1] in "bdgnprt":
                w = w[:-1]  # cutting -> cut
            elif w + "e" in vocab:
                w += "e"
            break
    return w


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower()) if w not in _STOP]


# "my kid wants to work": the student, not an interest in children
_THE_STUDENT = re.compile(r"\b(?:my|our|his|her|their|the) (?:kids?|sons?|daughters?|child|"
                          r"children|students?|teens?|teenagers?)\b", re.I)


@dataclass(frozen=True)
class _Phrase:
    tokens: tuple[str, ...]
    program: int
    kind: str
    text: str


def _spans(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i:i + n]) == phrase for i in range(len(tokens) - n + 1))


class CareerMatcher:
    def __init__(self, catalog, embed: Callable[[list[str]], np.ndarray] | None = None,
                 cache_dir: Path | None = None):
        self.catalog = catalog
        self._cache_dir = cache_dir
        self.programs = catalog.programs.programs
        self._embed = embed
        self._vectors: np.ndarray | None = None
        texts, owners, kinds = [], [], []
        for i, p in enumerate(self.programs):
            for kind, items in (("name", [p.name]), ("occupation", p.occupations),
                                ("word", p.words)):
                for item in items:
                    texts.append(item)
                    owners.append(i)
                    kinds.append(kind)
        self._vocab = frozenset(_plural(w) for x in texts for w in _words(x))
        phrases = [_Phrase(tuple(toks), o, k, x)
                   for o, k, x in zip(owners, kinds, texts, strict=True)
                   if (toks := self._tokens(x))]
        # a stemmed phrase several programs share ("cars", "metal") says less about each
        share: dict[tuple[str, ...], set[int]] = {}
        for ph in phrases:
            share.setdefault(ph.tokens, set()).add(ph.program)
        self._phrases = phrases
        # what meaning is measured against: each phrase, and each program's description
        self._meaning = phrases + [_Phrase((), i, "doc", p.quote)
                                   for i, p in enumerate(self.programs)]
        self._owners = np.array([ph.program for ph in self._meaning])
        self._share = {k: len(v) for k, v in share.items()}

    def _meaning_vectors(self) -> np.ndarray:
        """Every name, occupation, word and description, embedded once; kept on disk beside
        the index (keyed by the texts) so a restart does not embed them again."""
        if self._vectors is None:
            texts = [ph.text for ph in self._meaning]
            key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
            path = self._cache_dir / f"careers-{key}.npy" if self._cache_dir else None
            if path is not None and path.exists():
                try:
                    self._vectors = np.load(path)
                except (OSError, ValueError):
                    self._vectors = None
            if self._vectors is None or len(self._vectors) != len(texts):
                self._vectors = np.asarray(self._embed(texts), dtype=np.float32)
                if path is not None:
                    try:
                        path.parent.mkdir(parents=True, exist_ok=True)
                        np.save(path, self._vectors)
                    except OSError:
                        pass  # a read-only folder: embed again next time
        return self._vectors

    def _tokens(self, text: str) -> list[str]:
        return [_light(w, self._vocab) for w in _words(text)]

    def _by_words(self, text: str) -> dict[int, tuple[float, list[str]]]:
        tokens = self._tokens(text)
        found: dict[int, tuple[float, list[str]]] = {}
        best: dict[tuple[int, tuple[str, ...]], _Phrase] = {}
        for ph in self._phrases:
            if _spans(tokens, ph.tokens):
                key = (ph.program, ph.tokens)
                if key not in best or _WEIGHT[ph.kind] > _WEIGHT[best[key].kind]:
                    best[key] = ph
        # a phrase inside a longer matched phrase of the same program adds nothing
        for (pi, toks), ph in best.items():
            if any(o[1] != toks and o[0] == pi and _spans(list(o[1]), toks) for o in best):
                continue
            weight = _WEIGHT[ph.kind] * len(toks) / self._share[toks] ** 0.5
            score, words = found.get(pi, (0.0, []))
            found[pi] = (score + weight, words + [ph.text])
        return found

    def match(self, text: str, limit: int = 3) -> CareerMatch:
        plain = self.catalog.phrases.normalised(text.replace("’", "'"))  # a phone's apostrophe
        interests = _THE_STUDENT.sub(" ", _DENIAL.sub(" ", plain))
        words = self._by_words(interests)
        meaning = np.zeros(len(self.programs), dtype=np.float32)
        nearest: dict[int, str] = {}
        if self._embed is not None and interests.strip():
            query = np.asarray(self._embed([interests]), dtype=np.float32)[0]
            cosines = self._meaning_vectors() @ query
            np.maximum.at(meaning, self._owners, cosines)
            for j in np.argsort(-cosines)[:60]:
                nearest.setdefault(int(self._owners[j]), self._meaning[j].text)
        scored = []
        for i in range(len(self.programs)):
            lexical, said = words.get(i, (0.0, []))
            close = float(meaning[i])
            if not lexical and close < MEANING_BAR:
                continue
            score = lexical + MEANING_WEIGHT * max(0.0, close - MEANING_FLOOR)
            scored.append((score, i, said, nearest.get(i)))
        scored.sort(key=lambda s: -s[0])
        programs = tuple(self._program_match(i, score, said, near)
                         for score, i, said, near in scored[:limit])
        return CareerMatch(programs=programs, sectors=self._sectors(interests, programs),
                           district_pathways=offering_rows(self.catalog, programs))

    def _program_match(self, i: int, score: float, said: list[str],
                       near: str | None) -> ProgramMatch:
        p = self.programs[i]
        cluster = self.catalog.programs.cluster(p.cluster).name
        only = f" {p.only_text}" if p.chapter74_only else ""
        if said:
            why = (f"You mentioned {_listed(said)}, which leads to {p.name} "
                   f"({cluster} cluster).{only}")
        elif near and near != p.quote:
            why = (f"What you describe is close in meaning to “{near}”, part of {p.name} "
                   f"({cluster} cluster).{only}")
        else:
            why = (f"What you describe is close to what {p.name} students do ({cluster} "
                   f"cluster): {p.quote.split(', students ', 1)[-1]}{only}")
        return ProgramMatch(program=p, cluster=cluster, score=score, why=why,
                            words=tuple(said))

    def _sectors(self, text: str, programs: tuple[ProgramMatch, ...]) -> tuple:
        cat = self.catalog
        # a sector of a far weaker match ("grooming" -> Animal Science, under "hair and
        # nails" -> Cosmetology) is not what the student asked about
        strong = [m for m in programs if m.score >= SECTOR_SHARE * programs[0].score]
        out = related_sectors(cat, strong)
        if not programs:  # no program: the sector's own keywords, as before
            for sid, hits in match_interests(text, cat.sectors):
                out.setdefault(sid, SectorMatch(sid, cat.sectors[sid].name,
                                                f"You mentioned {_listed(hits)}."))
        return tuple(out.values())


def _listed(words: list[str]) -> str:
    quoted = [f"“{w}”" for w in dict.fromkeys(words)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
