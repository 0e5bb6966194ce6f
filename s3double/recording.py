"""The call record: every request a double served, in order, with what came of it.

    double.calls("DeleteObjects")                 # the DeleteObjects calls
    max(len(c.identifiers) for c in double.calls("DeleteObjects")) <= 1000
    double.calls.deleted_keys("bucket")           # Counter of keys deleted, per key

How much is kept is the double's choice (``S3Double(record=..., record_limit=...,
record_headers=...)``, also on the fixture's marker and the decorator):

* ``"lean"`` (the default): operation, method, bucket, key, query, the parsed body
  (DeleteObjects: its keys), status, error, every key's outcome, and only the
  request headers named in ``record_headers``;
* ``"full"``: every request header too (about 2 KB a request);
* ``"off"``: nothing (``calls.served`` still counts the requests).

``record_limit=N`` keeps only the newest N calls; ``calls.dropped`` counts the rest.
``calls.served`` counts every request served.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from .model.outcomes import Deleted
from .operations.results import DeleteResult, KeyError_

RecordMode = Literal["lean", "full", "off"]
RECORD_MODES: tuple[RecordMode, ...] = ("lean", "full", "off")
_NOTHING: Mapping[str, str] = MappingProxyType({})
_UNREAD = object()


@dataclass(frozen=True, slots=True)
class Call:
    operation: str
    method: str
    bucket: str | None
    key: str | None
    query: Mapping[str, str]
    headers: Mapping[str, str]  # lean record: only the headers the double was asked to keep
    status: int
    error_code: str | None = None
    error_message: str | None = None
    outcomes: tuple[Deleted | KeyError_, ...] = ()  # DeleteObjects: every key's fate
    injected: bool = False  # the whole request failed by the double's fault plan
    # An InternalError s3double answered for a failure of its own: that failure's traceback.
    traceback: str | None = None
    # Reads the body into its document when first asked (``document``), so serving
    # never parses a body twice.
    read_document: Callable[[], Any] | None = field(default=None, repr=False, compare=False)
    _document: Any = field(default=_UNREAD, repr=False, compare=False)

    @property
    def document(self) -> Any:
        """The parsed body (DeleteObjects: a DeleteRequest), if any."""
        if self.read_document is None:
            return None
        if self._document is _UNREAD:
            object.__setattr__(self, "_document", self.read_document())
        return self._document

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


def _name(value: str | None) -> str | None:
    """Operation, method and bucket names repeat: one copy of each is kept."""
    return sys.intern(value) if value is not None else None


class CallLog:
    """The calls a double served, as much of each as its record mode keeps."""

    def __init__(
        self, mode: RecordMode = "lean", *, limit: int | None = None, headers: Iterable[str] = ()
    ) -> None:
        if mode not in RECORD_MODES:
            raise ValueError(f"record must be one of {', '.join(RECORD_MODES)}, not {mode!r}")
        if limit is not None and limit < 0:
            raise ValueError("record_limit must be None or at least 0")
        self.mode: RecordMode = mode
        self.limit = limit
        self.headers = frozenset(name.lower() for name in headers)
        self._calls: deque[Call] = deque(maxlen=limit)
        self._served = 0
        self._lock = threading.Lock()

    def record(self, call: Call) -> None:
        """Keep ``call`` (made with ``kept_headers`` and ``name``), as the mode says."""
        with self._lock:
            self._served += 1
            if self.mode != "off":
                self._calls.append(call)

    @property
    def served(self) -> int:
        """How many requests the double served, kept or not."""
        return self._served

    def kept_headers(self, headers: Mapping[str, str]) -> Mapping[str, str]:
        """What a call keeps of its request's headers: all of them in the full record; in
        the lean one only those the double was asked to keep."""
        if self.mode == "full":
            return headers
        kept = self.headers
        if not kept:
            return _NOTHING
        return {name: value for name, value in headers.items() if name in kept} or _NOTHING

    @staticmethod
    def name(value: str | None) -> str | None:
        """Operation, method and bucket names repeat: one copy of each is kept."""
        return _name(value)

    @property
    def dropped(self) -> int:
        """How many calls were served but are not kept (``record="off"``, or past the limit)."""
        return self._served - len(self._calls)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()
            self._served = 0

    def __call__(self, operation: str | None = None, *, bucket: str | None = None) -> list[Call]:
        """The calls kept, in order; only one operation's, or one bucket's, if asked."""
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
        """How many calls are kept."""
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
