"""Failed logins slowed down, per login name and address.

The first ``free_attempts`` failures cost nothing; each one after locks the pair out for a
delay that doubles (2 s, 4 s, 8 s … up to 15 min). While locked, an attempt is refused
without checking the password, so guessing gets no faster by trying harder. A success
clears the pair. The clock is given (a monotonic one in the server, a fake in tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Key = tuple[str, str]
_MAX_TRACKED = 10_000


@dataclass
class Throttle:
    clock: Callable[[], float]
    free_attempts: int = 3
    base_delay: float = 2.0
    max_delay: float = 900.0
    _failures: dict[Key, int] = field(default_factory=dict)
    _locked_until: dict[Key, float] = field(default_factory=dict)

    def wait_left(self, key: Key) -> float:
        """Seconds before ``key`` may try again (0: now)."""
        return max(0.0, self._locked_until.get(key, 0.0) - self.clock())

    def failed(self, key: Key) -> float:
        """Count a failure; the delay it imposes (0 while attempts are free)."""
        self._forget_stale()
        failures = self._failures.get(key, 0) + 1
        self._failures[key] = failures
        if failures <= self.free_attempts:
            return 0.0
        doublings = failures - self.free_attempts - 1
        delay: float = min(self.base_delay * 2.0**doublings, self.max_delay)
        self._locked_until[key] = self.clock() + delay
        return delay

    def succeeded(self, key: Key) -> None:
        self._failures.pop(key, None)
        self._locked_until.pop(key, None)

    def _forget_stale(self) -> None:
        # Bound the memory an attacker can make the server spend on made-up names.
        if len(self._failures) < _MAX_TRACKED:
            return
        now = self.clock()
        for key in [k for k in self._failures if self._locked_until.get(k, 0.0) < now]:
            self.succeeded(key)
