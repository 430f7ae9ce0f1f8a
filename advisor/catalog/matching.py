"""Finding a catalog phrase in a message: plain string search at word starts.

Catalog phrases (aspect words, ruling cues, pathway names) number in the hundreds; as
regular expressions they overflow the `re` module's cache of 512 patterns and are
compiled again on every message.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def spaced(text: str) -> str:
    """Lower-case words joined by single spaces, with a space at each end."""
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def word_starts(hay: str, phrase: str, whole: bool = False):
    """(start, end) of each place `phrase` begins a word of `hay` (as made by `spaced`);
    the end runs on to the end of the word ("intern" covers "internship") unless `whole`."""
    needle = " " + phrase
    i = hay.find(needle)
    while i >= 0:
        start = i + 1
        end = start + len(phrase)
        if whole:
            if hay[end:end + 1] == " ":
                yield start, end
        else:
            yield start, hay.find(" ", end)
        i = hay.find(needle, i + 1)
