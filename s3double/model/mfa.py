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
        parts = split_token(token) if token is not None else None
        if parts is None:
            return False
        serial, code = parts
        return (serial, code) in self._tokens or any(p(serial, code) for p in self._predicates)


def split_token(token: str) -> tuple[str, str] | None:
    """(serial, code) of an ``x-amz-mfa`` value, or None when it is not of the form
    ``serial code`` (one space between two non-empty parts)."""
    parts = token.strip().split(" ")
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]
