"""Which MFA tokens the account accepts.

The ``x-amz-mfa`` header carries a device's serial number and the code it shows,
separated by one space. A test decides which tokens are valid: register a device
code with ``add(serial, code)`` (then ``"serial code"`` is valid), or a predicate
with ``accept(...)``. By default no token is valid.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class MfaDevices:
    def __init__(self) -> None:
        self._tokens: set[tuple[str, str]] = set()
        self._predicates: list[Callable[[str, str], bool]] = []
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every device and predicate: no token is valid."""
        with self._lock:
            self._tokens.clear()
            self._predicates.clear()

    def add(self, serial: str, code: str) -> None:
        with self._lock:
            self._tokens.add((serial, code))

    def accept(self, predicate: Callable[[str, str], bool]) -> None:
        """Also accept every (serial, code) for which ``predicate`` is true."""
        with self._lock:
            self._predicates.append(predicate)

    def is_valid(self, token: str | None) -> bool:
        if token is None:
            return False
        serial, space, code = token.strip().partition(" ")
        if not space or not serial or not code:
            return False
        return (serial, code) in self._tokens or any(p(serial, code) for p in self._predicates)
