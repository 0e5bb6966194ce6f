"""The call record: every request a double served, in order, with what came of it.

    double.calls("DeleteObjects")                 # the DeleteObjects calls
    max(len(c.identifiers) for c in double.calls("DeleteObjects")) <= 1000
    double.calls.deleted_keys("bucket")           # Counter of keys deleted, per key
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .model.outcomes import Deleted
from .operations.results import DeleteResult, KeyError_

_UNREAD = object()


@dataclass(frozen=True)
class Call:
    operation: str
    method: str
    bucket: str | None
    key: str | None
    query: dict[str, str]
    headers: dict[str, str]
    status: int
    error_code: str | None = None
    error_message: str | None = None
    outcomes: tuple[Deleted | KeyError_, ...] = ()  # DeleteObjects: every key's fate
    injected: bool = False  # the whole request failed by the double's fault plan
    # Reads the body into its document when first asked (``document``), so serving
    # never parses a body twice.
    read_document: Callable[[], Any] | None = field(default=None, repr=False, compare=False)

    @property
    def document(self) -> Any:
        """The parsed body (DeleteObjects: a DeleteRequest), if any."""
        if self.read_document is None:
            return None
        cached = self.__dict__.get("_document", _UNREAD)
        if cached is _UNREAD:
            cached = self.read_document()
            object.__setattr__(self, "_document", cached)
        return cached

    @property
    def identifiers(self) -> list[tuple[str, str | None]]:
        """DeleteObjects: the (key, version id) pairs the request named."""
        objects = getattr(self.document, "objects", None) or []
        return [(entry.key, entry.version_id) for entry in objects]

    @property
    def deleted(self) -> list[Deleted]:
        return [outcome for outcome in self.outcomes if isinstance(outcome, Deleted)]

    @property
    def errors(self) -> list[KeyError_]:
        return [outcome for outcome in self.outcomes if isinstance(outcome, KeyError_)]


def outcomes_of(result: Any) -> tuple[Deleted | KeyError_, ...]:
    if isinstance(result, DeleteResult):
        return (*result.deleted, *result.errors)
    return ()


@dataclass
class CallLog:
    _calls: list[Call] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()

    def __call__(self, operation: str | None = None, *, bucket: str | None = None) -> list[Call]:
        """The calls served, in order; only one operation's, or one bucket's, if asked."""
        with self._lock:
            calls = list(self._calls)
        return [
            call for call in calls
            if (operation is None or call.operation == operation)
            and (bucket is None or call.bucket == bucket)
        ]

    def __iter__(self) -> Iterator[Call]:
        return iter(self())

    def __len__(self) -> int:
        return len(self._calls)

    def deleted_keys(self, bucket: str | None = None) -> Counter[str]:
        """How many times each key was reported deleted, by DeleteObject and DeleteObjects."""
        counts: Counter[str] = Counter()
        for call in self(bucket=bucket):
            if call.operation == "DeleteObjects":
                counts.update(deleted.key for deleted in call.deleted)
            elif call.operation == "DeleteObject" and call.error_code is None and call.key:
                counts[call.key] += 1
        return counts
