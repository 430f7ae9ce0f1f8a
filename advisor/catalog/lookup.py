"""Looking things up by id, with a named error when the id names nothing.

A bare `next(...)` with no default raises StopIteration, which a generator or an async
handler turns into something else entirely ("coroutine raised StopIteration"); every lookup
by id goes through here instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


class NotInCatalog(KeyError):
    """An id that names nothing of its kind: a typo in a catalog file, or a reading that lost
    what it referred to."""

    def __init__(self, what: str, key: object):
        super().__init__(f"no {what} with id {key!r}")
        self.what, self.key = what, key

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


def by_id(items: Iterable[T], key: object, what: str, attr: str = "id") -> T:
    """The item whose `attr` is `key`; `NotInCatalog` naming `what` when there is none."""
    for item in items:
        if getattr(item, attr) == key:
            return item
    raise NotInCatalog(what, key)
