"""Where a bucket keeps its objects: two small storage types and sorted key indexes.

An unversioned bucket holds one object per key (``UnversionedObjects``); once
versioning has been enabled, every key holds a ``VersionStack``
(``VersionedObjects``). S3 never turns a versioned bucket back into an unversioned
one (Suspended is still versioned), so the change goes one way only.

Each storage keeps ``index``, every key in listing order (ListObjectVersions walks
it), and ``live``, the keys whose current version is an object (ListObjects walks
it, so keys hidden by a delete marker cost a listing nothing). In an unversioned
bucket the two are one. See ``sorted_keys`` for how they stay cheap at any size.
"""

from __future__ import annotations

from collections.abc import Iterable

from .sorted_keys import SortedKeys
from .versions import NULL_VERSION_ID, Entry, ObjectVersion, VersionStack

__all__ = ["SortedKeys", "UnversionedObjects", "VersionedObjects"]


class UnversionedObjects:
    """One object per key, always the ``null`` version."""

    __slots__ = ("objects", "index")
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

    @property
    def live(self) -> SortedKeys:
        return self.index

    def put(self, entry: Entry) -> None:
        assert isinstance(entry, ObjectVersion) and entry.version_id == NULL_VERSION_ID
        if entry.key not in self.objects:
            self.index.add(entry.key)
        self.objects[entry.key] = entry

    def put_many(self, versions: list[ObjectVersion]) -> None:
        objects = self.objects
        self.index.update(dict.fromkeys(v.key for v in versions if v.key not in objects))
        objects.update({version.key: version for version in versions})

    def replace(self, entry: Entry) -> None:
        if self.objects.get(entry.key) is None or entry.version_id != NULL_VERSION_ID:
            raise LookupError(entry.key)
        self.objects[entry.key] = entry  # type: ignore[assignment]

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
        versioned.live = self.index.copy()
        return versioned


class VersionedObjects:
    """A ``VersionStack`` per key; a key whose stack empties is gone."""

    __slots__ = ("stacks", "index", "live")
    versioned = True

    def __init__(self) -> None:
        self.stacks: dict[str, VersionStack] = {}
        self.index = SortedKeys()
        self.live = SortedKeys()

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
            was_live = False
        else:
            was_live = _is_live(stack)
        stack.put(entry)
        self._follow(entry.key, was_live, not entry.is_delete_marker)

    def put_many(self, versions: Iterable[ObjectVersion]) -> None:
        stacks, fresh = self.stacks, []
        for version in versions:
            stack = stacks.get(version.key)
            if stack is None:
                stacks[version.key] = VersionStack([version])
                fresh.append(version.key)
            else:
                self.put(version)
        self.index.update(fresh)
        self.live.update(fresh)

    def replace(self, entry: Entry) -> None:
        stack = self.stacks[entry.key]
        was_live = _is_live(stack)
        stack.replace(entry)
        self._follow(entry.key, was_live, _is_live(stack))

    def remove(self, key: str, version_id: str) -> Entry | None:
        stack = self.stacks.get(key)
        if stack is None:
            return None
        was_live = _is_live(stack)
        removed = stack.remove(version_id)
        if not stack:
            del self.stacks[key]
            self.index.discard(key)
        self._follow(key, was_live, _is_live(stack))
        return removed

    def _follow(self, key: str, was_live: bool, is_live: bool) -> None:
        """Keep ``live`` in step with whether the key's current version is an object."""
        if is_live and not was_live:
            self.live.add(key)
        elif was_live and not is_live:
            self.live.discard(key)

    def __len__(self) -> int:
        return len(self.stacks)


def _is_live(stack: VersionStack) -> bool:
    current = stack.current()
    return current is not None and not current.is_delete_marker
