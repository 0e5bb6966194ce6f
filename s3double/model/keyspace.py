"""Where a bucket keeps its objects: two small storage types and a sorted key index.

An unversioned bucket holds one object per key (``UnversionedObjects``); once
versioning has been enabled, every key holds a ``VersionStack``
(``VersionedObjects``). S3 never turns a versioned bucket back into an unversioned
one (Suspended is still versioned), so the change goes one way only.

Listings walk keys in UTF-8 binary order, which for Python strings is code point
order. ``SortedKeys`` keeps that order cheaply: new keys wait in a pending set and
are merged on the next walk; removed keys are skipped and compacted away later.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from .versions import NULL_VERSION_ID, Entry, ObjectVersion, VersionStack


class SortedKeys:
    __slots__ = ("_gone", "_pending", "_sorted")

    def __init__(self) -> None:
        self._sorted: list[str] = []
        self._pending: set[str] = set()
        self._gone: set[str] = set()

    def add(self, key: str) -> None:
        if key in self._gone:
            self._gone.discard(key)
        else:
            self._pending.add(key)

    def discard(self, key: str) -> None:
        if key in self._pending:
            self._pending.discard(key)
        else:
            self._gone.add(key)

    def _settle(self) -> list[str]:
        if self._pending:
            self._sorted.extend(self._pending)
            self._sorted.sort()
            self._pending.clear()
        if self._gone and len(self._gone) * 4 > len(self._sorted):
            gone = self._gone
            self._sorted = [key for key in self._sorted if key not in gone]
            gone.clear()
        return self._sorted

    def walk(self, after: str = "", *, inclusive: bool = False) -> Iterator[str]:
        """Keys in order, starting after ``after`` (or at it, when ``inclusive``)."""
        keys = self._settle()
        gone = self._gone
        position = (bisect.bisect_left if inclusive else bisect.bisect_right)(keys, after)
        while position < len(keys):
            key = keys[position]
            position += 1
            if key not in gone:
                yield key

    def position_after_prefix(self, prefix: str) -> str | None:
        """The smallest string greater than every key starting with ``prefix``; None when
        there is none (``prefix`` is all U+10FFFF, the last code point)."""
        stem = prefix.rstrip("\U0010ffff")
        if not stem:
            return None
        return stem[:-1] + chr(ord(stem[-1]) + 1)


class UnversionedObjects:
    """One object per key, always the ``null`` version."""

    __slots__ = ("index", "objects")
    versioned = False

    def __init__(self) -> None:
        self.objects: dict[str, ObjectVersion] = {}
        self.index = SortedKeys()

    def current(self, key: str) -> Entry | None:
        return self.objects.get(key)

    def find(self, key: str, version_id: str) -> Entry | None:
        return self.objects.get(key) if version_id == NULL_VERSION_ID else None

    def entries(self, key: str) -> list[Entry]:
        found = self.objects.get(key)
        return [found] if found is not None else []

    def put(self, entry: Entry) -> None:
        assert isinstance(entry, ObjectVersion) and entry.version_id == NULL_VERSION_ID
        if entry.key not in self.objects:
            self.index.add(entry.key)
        self.objects[entry.key] = entry

    def replace(self, entry: Entry) -> None:
        if self.objects.get(entry.key) is None or entry.version_id != NULL_VERSION_ID:
            raise LookupError(entry.key)
        self.objects[entry.key] = entry  # type: ignore[assignment]  # the null entry of an unversioned bucket is an ObjectVersion

    def remove(self, key: str, version_id: str) -> Entry | None:
        if version_id != NULL_VERSION_ID:
            return None
        removed = self.objects.pop(key, None)
        if removed is not None:
            self.index.discard(key)
        return removed

    def __len__(self) -> int:
        return len(self.objects)

    def to_versioned(self) -> VersionedObjects:
        versioned = VersionedObjects()
        versioned.stacks = {key: VersionStack([obj]) for key, obj in self.objects.items()}
        versioned.index = self.index
        return versioned


class VersionedObjects:
    """A ``VersionStack`` per key; a key whose stack empties is gone."""

    __slots__ = ("index", "stacks")
    versioned = True

    def __init__(self) -> None:
        self.stacks: dict[str, VersionStack] = {}
        self.index = SortedKeys()

    def current(self, key: str) -> Entry | None:
        stack = self.stacks.get(key)
        return stack.current() if stack is not None else None

    def find(self, key: str, version_id: str) -> Entry | None:
        stack = self.stacks.get(key)
        return stack.find(version_id) if stack is not None else None

    def entries(self, key: str) -> list[Entry]:
        stack = self.stacks.get(key)
        return list(stack.newest_first()) if stack is not None else []

    def put(self, entry: Entry) -> None:
        stack = self.stacks.get(entry.key)
        if stack is None:
            stack = self.stacks[entry.key] = VersionStack()
            self.index.add(entry.key)
        stack.put(entry)

    def replace(self, entry: Entry) -> None:
        self.stacks[entry.key].replace(entry)

    def remove(self, key: str, version_id: str) -> Entry | None:
        stack = self.stacks.get(key)
        if stack is None:
            return None
        removed = stack.remove(version_id)
        if not stack:
            del self.stacks[key]
            self.index.discard(key)
        return removed

    def __len__(self) -> int:
        return len(self.stacks)
