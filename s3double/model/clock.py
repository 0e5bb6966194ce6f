"""Where the model reads "now" from.

``SystemClock`` reads ``time.time()`` on every call, so freezegun and time-machine
move it. ``ControlledClock`` follows the system clock too, until a test sets or
advances it; then it keeps the offset (or the fixed instant) it was given.
"""

from __future__ import annotations

import datetime as _dt
import threading
import time
from typing import Protocol

UTC = _dt.timezone.utc


class Clock(Protocol):
    def now(self) -> _dt.datetime: ...


class SystemClock:
    """The wall clock, read through ``time.time()``."""

    def now(self) -> _dt.datetime:
        return _dt.datetime.fromtimestamp(time.time(), UTC)


class ControlledClock:
    """The wall clock plus an offset a test can change; or a fixed instant."""

    def __init__(self) -> None:
        self._offset = _dt.timedelta(0)
        self._fixed: _dt.datetime | None = None
        self._lock = threading.Lock()

    def now(self) -> _dt.datetime:
        fixed = self._fixed
        if fixed is not None:
            return fixed
        return _dt.datetime.fromtimestamp(time.time(), UTC) + self._offset

    def set(self, instant: _dt.datetime) -> None:
        """Stop the clock at ``instant`` (a naive value is taken as UTC)."""
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        with self._lock:
            self._fixed = instant.astimezone(UTC)

    def advance(self, delta: _dt.timedelta | float) -> None:
        """Move time forward by ``delta`` (seconds or a timedelta)."""
        if not isinstance(delta, _dt.timedelta):
            delta = _dt.timedelta(seconds=delta)
        with self._lock:
            if self._fixed is not None:
                self._fixed += delta
            else:
                self._offset += delta

    def follow_system(self) -> None:
        """Go back to the plain wall clock."""
        with self._lock:
            self._fixed = None
            self._offset = _dt.timedelta(0)
