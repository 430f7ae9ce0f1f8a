"""Small numbers written as words or digits."""

from __future__ import annotations

WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "a couple of": 2, "a couple": 2, "both": 2, "no": 0, "zero": 0}
# A minus sign that starts a number ("-100 hours"), so it is never read as 100; a dash
# between numbers ("9-12") is not one.
_SIGN = r"(?:(?<![\w.\-−])[-−](?=\d))?"
# Counts that are never "a" or "an": for MassCore units and listed courses.
COUNT = rf"({_SIGN}\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\b)"

# "1,080 hours" is one number
NUMBER = (rf"({_SIGN}\b(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?|"
          + "|".join(sorted(WORDS, key=len, reverse=True)) + r"))")


def in_words(n: int) -> str:
    """A count from one to twelve in words, as prose writes it; larger ones as digits."""
    names = {v: k for k, v in WORDS.items() if k.isalpha() and k not in ("a", "an", "no", "both")}
    return names.get(n, str(n))


def to_number(text: str) -> float:
    """The number as written; one too large for a float is infinite, so any range refuses
    it (never an error, and never an allocation of its size)."""
    text = text.strip().lower().replace("−", "-")
    return float(WORDS[text]) if text in WORDS else float(text.replace(",", ""))
