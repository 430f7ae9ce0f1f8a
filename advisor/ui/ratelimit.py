"""Failed sign-ins, counted per key (the client's host and the user name typed).

`max_failures` failures within `window` seconds lock the key for `lock` seconds; each
further lock doubles that, up to `max_lock`. While locked, nothing is checked: a right
password is refused like a wrong one, so guessing on through a lock learns nothing. A
success forgets the key; so do `max_lock + window` seconds without a failure.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

# Keys held at most: a client cycling through made-up user names cannot grow memory.
MAX_KEYS = 10_000


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)  # times within the window
    locks: int = 0
    until: float = 0.0  # locked until this time
    last: float = 0.0  # the latest failure


class SignInLimiter:
    def __init__(self, max_failures: int, window: float, lock: float, max_lock: float,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS):
        """The limits come from Settings (`from_settings`): ADVISOR_SIGNIN_*."""
        self.max_failures, self.window, self.lock, self.max_lock = (max_failures, window, lock,
                                                                    max_lock)
        self.clock, self.max_keys = clock, max_keys
        self._records: dict[Hashable, _Record] = {}
        self._guard = threading.Lock()  # sign-ins are served on several threads at once

    @classmethod
    def from_settings(cls, settings) -> SignInLimiter:
        return cls(settings.signin_max_failures, settings.signin_window_seconds,
                   settings.signin_lock_seconds, settings.signin_max_lock_seconds)

    def locked_for(self, key: Hashable) -> float:
        """Seconds until `key` may try again; 0 when it may now."""
        with self._guard:
            record = self._records.get(key)
            return max(0.0, record.until - self.clock()) if record else 0.0

    def failed(self, key: Hashable) -> float:
        """Count a failure; the seconds `key` is now locked for (0 when not locked)."""
        now = self.clock()
        with self._guard:
            record = self._records.get(key)
            if record is None or now - record.last > self.max_lock + self.window:
                record = self._records[key] = _Record()
                self._bound(now)
            record.last = now
            record.failures = [t for t in record.failures if now - t < self.window] + [now]
            if len(record.failures) < self.max_failures:
                return 0.0
            record.failures.clear()
            record.locks += 1
            seconds = min(self.max_lock, self.lock * 2 ** (record.locks - 1))
            record.until = now + seconds
            return seconds

    def succeeded(self, key: Hashable) -> None:
        with self._guard:
            self._records.pop(key, None)

    def _bound(self, now: float) -> None:
        """Drop forgotten keys, then the stalest unlocked ones, when there are too many: a
        flood of made-up user names must not push a locked key out."""
        if len(self._records) <= self.max_keys:
            return
        for key in [k for k, r in self._records.items()
                    if now - r.last > self.max_lock + self.window and r.until <= now]:
            del self._records[key]
        while len(self._records) > self.max_keys:
            del self._records[min(self._records, key=lambda k: (self._records[k].until > now,
                                                                self._records[k].last))]
