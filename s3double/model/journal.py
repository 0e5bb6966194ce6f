"""Undo records for the request in flight, so a request applies whole or not at all.

A request is served under ``Store.transaction()``. While it runs, each piece of state
it changes for the first time is noted here, as it was, just before the change: a
key's entries (``keep_key``: the storage takes and restores its own snapshot, keeping
its key indexes in step), one item of a plain dict (``keep_item``: the buckets by name,
the uploads in progress, an upload's parts), or a bucket's own attributes
(``keep_attributes``: versioning, object lock, policy and every setting an operation
assigns). Only the first change of each piece is noted, so a request that touches a
key a thousand times notes it once.

Nothing is copied up front: a request that changes nothing costs nothing, and one
that changes a thousand keys costs a thousand small notes. The notes are dropped when
the request ends normally; when an exception escapes it (a bug in the double), they
are applied newest first, which puts back every changed piece as it was before the
request, however the changes interleaved.

The journal is found through a ``ContextVar``, so only changes made by the thread (or
task) serving the request are noted: a test seeding the model from another thread
meanwhile is not undone. Version ids drawn and write counters advanced by an undone
request stay used, as S3 never reuses them either.

Every model change a request can make must pass one of the ``keep_*`` calls first;
``tests/model/test_journal.py`` checks each mutating path.
"""

from __future__ import annotations

import contextvars
from collections.abc import MutableMapping
from contextlib import nullcontext
from typing import Any, Protocol

_MISSING = object()
_KEY, _ITEM, _ATTRIBUTES = 0, 1, 2


class Journaled(Protocol):
    """A storage that snapshots and restores one key's state itself."""

    def snapshot(self, key: str) -> Any: ...

    def restore(self, key: str, snapshot: Any) -> None: ...


class Journal:
    """The notes of one request: for each piece changed, its state before the first
    change, in the order of first changes."""

    __slots__ = ("_notes",)

    def __init__(self) -> None:
        # (id of the holder, key) -> (kind, holder, key, state before)
        self._notes: dict[tuple[int, object], tuple[int, Any, Any, Any]] = {}

    def keep_key(self, storage: Journaled, key: str) -> None:
        marker = (id(storage), key)
        if marker not in self._notes:
            self._notes[marker] = (_KEY, storage, key, storage.snapshot(key))

    def keep_item(self, mapping: MutableMapping[Any, Any], key: object) -> None:
        marker = (id(mapping), key)
        if marker not in self._notes:
            self._notes[marker] = (_ITEM, mapping, key, mapping.get(key, _MISSING))

    def keep_attributes(self, owner: object, *, except_: tuple[str, ...] = ()) -> None:
        marker = (id(owner), _ATTRIBUTES)
        if marker not in self._notes:
            self._notes[marker] = (_ATTRIBUTES, owner, except_, dict(vars(owner)))

    def __len__(self) -> int:
        return len(self._notes)

    def undo(self) -> None:
        """Put back every noted piece as it was, newest note first."""
        for kind, target, key, before in reversed(self._notes.values()):
            if kind == _KEY:
                target.restore(key, before)
            elif kind == _ITEM:
                if before is _MISSING:
                    target.pop(key, None)
                else:
                    target[key] = before
            else:  # the attributes, but those the note was told to leave
                for name in key:
                    before.pop(name, None)
                vars(target).update(before)
        self._notes.clear()


_CURRENT: contextvars.ContextVar[Journal | None] = contextvars.ContextVar("s3double.journal", default=None)

# The journal of the request this thread (or task) is serving, or None: the hot paths
# call it as ``journal()`` before each first change.
journal = _CURRENT.get


def keep_key(storage: Journaled, key: str) -> None:
    found = _CURRENT.get()
    if found is not None:
        found.keep_key(storage, key)


def keep_item(mapping: MutableMapping[Any, Any], key: object) -> None:
    found = _CURRENT.get()
    if found is not None:
        found.keep_item(mapping, key)


def keep_attributes(owner: object, *, except_: tuple[str, ...] = ()) -> None:
    found = _CURRENT.get()
    if found is not None:
        found.keep_attributes(owner, except_=except_)


class Transaction:
    """``with Transaction(lock):`` holds ``lock`` and notes every change made meanwhile;
    the changes are undone if an exception escapes the block. A transaction inside
    another joins the outer one's journal. ``attributes_of`` has its attributes (but
    ``except_``) noted at once. (A class rather than a generator: this runs per request.)"""

    __slots__ = ("_attributes", "_except", "_lock", "_notes", "_token")

    def __init__(
        self, lock: Any, attributes_of: object | None = None, except_: tuple[str, ...] = ()
    ) -> None:
        self._lock = lock
        self._attributes = attributes_of
        self._except = except_
        self._notes: Journal | None = None
        self._token: contextvars.Token[Journal | None] | None = None

    def __enter__(self) -> Journal:
        self._lock.__enter__()
        notes = _CURRENT.get()
        if notes is None:
            notes = self._notes = Journal()
            self._token = _CURRENT.set(notes)
        if self._attributes is not None:
            notes.keep_attributes(self._attributes, except_=self._except)
        return notes

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        try:
            if self._token is not None:
                if kind is not None and self._notes is not None:
                    self._notes.undo()
                _CURRENT.reset(self._token)
        finally:
            self._lock.__exit__(kind, error, traceback)


def recording() -> Transaction:
    """A transaction without a lock: note changes while the block runs, undo them if an
    exception escapes it."""
    return Transaction(nullcontext())


class unrecorded:
    """Changes made inside the block are not part of the request in flight (lifecycle
    actions S3 would have carried out already): they are not noted, nor undone."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _CURRENT.set(None)

    def __exit__(self, *_: object) -> None:
        _CURRENT.reset(self._token)
