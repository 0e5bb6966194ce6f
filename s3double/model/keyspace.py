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

from .journal import journal
from .sorted_keys import SortedKeys
from .versions import NULL_VERSION_ID, Entry, ObjectVersion, VersionStack

__all__ = ["SortedKeys", "UnversionedObjects", "VersionedObjects"]


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

    @property
    def live(self) -> SortedKeys:
        return self.index

    def put(self, entry: Entry) -> None:
        assert isinstance(entry, ObjectVersion) and entry.version_id == NULL_VERSION_ID
        if (notes := journal()) is not None:
            notes.keep_key(self, entry.key)
        if entry.key not in self.objects:
            self.index.add(entry.key)
        self.objects[entry.key] = entry

    def put_many(self, keys: list[str], versions: list[ObjectVersion]) -> None:
        """``put`` for each version (``keys[i]`` is ``versions[i]``'s key)."""
        if (notes := journal()) is not None:
            for key in keys:
                notes.keep_key(self, key)
        objects = self.objects
        if objects:
            self.index.update([key for key in dict.fromkeys(keys) if key not in objects])
            objects.update(zip(keys, versions, strict=False))
        else:
            objects.update(zip(keys, versions, strict=False))
            self.index.update(keys if len(objects) == len(keys) else list(objects))

    def replace(self, entry: Entry) -> None:
        if self.objects.get(entry.key) is None or entry.version_id != NULL_VERSION_ID:
            raise LookupError(entry.key)
        if (notes := journal()) is not None:
            notes.keep_key(self, entry.key)
        self.objects[entry.key] = entry  # type: ignore[assignment]  # the null entry of an unversioned bucket is an ObjectVersion

    def remove(self, key: str, version_id: str) -> Entry | None:
        if version_id != NULL_VERSION_ID:
            return None
        if (notes := journal()) is not None:
            notes.keep_key(self, key)
        removed = self.objects.pop(key, None)
        if removed is not None:
            self.index.discard(key)
        return removed

    def __len__(self) -> int:
        return len(self.objects)

    def snapshot(self, key: str) -> ObjectVersion | None:
        """The key's state, for the request journal (``journal``)."""
        return self.objects.get(key)

    def restore(self, key: str, snapshot: ObjectVersion | None) -> None:
        """Put the key back as ``snapshot`` found it, its index with it."""
        present = key in self.objects
        if snapshot is None:
            if present:
                del self.objects[key]
                self.index.discard(key)
            return
        self.objects[key] = snapshot
        if not present:
            self.index.add(key)

    def to_versioned(self) -> VersionedObjects:
        versioned = VersionedObjects()
        versioned.held = dict(self.objects)
        versioned.index = self.index
        versioned.live = self.index.copy()
        return versioned


class VersionedObjects:
    """Each key's versions and delete markers: one entry is held as it is, two or more
    in a ``VersionStack`` (most keys have one version, which then costs no list). A
    key whose last entry goes is gone."""

    __slots__ = ("held", "index", "live")
    versioned = True

    def __init__(self) -> None:
        self.held: dict[str, Entry | VersionStack] = {}
        self.index = SortedKeys()
        self.live = SortedKeys()

    def current(self, key: str) -> Entry | None:
        held = self.held.get(key)
        return held.current() if isinstance(held, VersionStack) else held

    def find(self, key: str, version_id: str) -> Entry | None:
        held = self.held.get(key)
        if isinstance(held, VersionStack):
            return held.find(version_id)
        return held if held is not None and held.version_id == version_id else None

    def entries(self, key: str) -> list[Entry]:
        held = self.held.get(key)
        if isinstance(held, VersionStack):
            return list(held.newest_first())
        return [held] if held is not None else []

    def put(self, entry: Entry) -> None:
        key = entry.key
        if (notes := journal()) is not None:
            notes.keep_key(self, key)
        held = self.held.get(key)
        was_live = _is_live(held)
        if held is None:
            self.held[key] = entry
            self.index.add(key)
        elif isinstance(held, VersionStack):
            held.put(entry)
        elif held.version_id == NULL_VERSION_ID == entry.version_id:
            self.held[key] = entry  # a null entry replaces the null one
        else:
            self.held[key] = VersionStack((held, entry))
        self._follow(key, was_live, not entry.is_delete_marker)

    def put_many(self, keys: list[str], versions: list[ObjectVersion]) -> None:
        """``put`` for each version (``keys[i]`` is ``versions[i]``'s key); keys the
        bucket does not hold yet, each given once, take the fast way."""
        if (notes := journal()) is not None:
            for key in keys:
                notes.keep_key(self, key)
        held, before = self.held, len(self.held)
        if held.keys().isdisjoint(keys):
            held.update(zip(keys, versions, strict=False))
            if len(held) - before == len(keys):
                self.index.update(keys)
                self.live.update(keys)
                return
            for key in dict.fromkeys(keys):  # a key given twice: undo, and go one by one
                del held[key]
        for version in versions:
            self.put(version)

    def replace(self, entry: Entry) -> None:
        if (notes := journal()) is not None:
            notes.keep_key(self, entry.key)
        held = self.held.get(entry.key)
        was_live = _is_live(held)
        if isinstance(held, VersionStack):
            held.replace(entry)
        elif held is not None and held.version_id == entry.version_id:
            self.held[entry.key] = entry
        else:
            raise LookupError(entry.version_id)
        self._follow(entry.key, was_live, _is_live(self.held[entry.key]))

    def remove(self, key: str, version_id: str) -> Entry | None:
        if (notes := journal()) is not None:
            notes.keep_key(self, key)
        held = self.held.get(key)
        was_live = _is_live(held)
        if isinstance(held, VersionStack):
            removed = held.remove(version_id)
            if len(held) == 1:
                self.held[key] = held[0]
        elif held is not None and held.version_id == version_id:
            removed = held
            del self.held[key]
            self.index.discard(key)
        else:
            return None
        self._follow(key, was_live, _is_live(self.held.get(key)))
        return removed

    def _follow(self, key: str, was_live: bool, is_live: bool) -> None:
        """Keep ``live`` in step with whether the key's current version is an object."""
        if is_live and not was_live:
            self.live.add(key)
        elif was_live and not is_live:
            self.live.discard(key)

    def __len__(self) -> int:
        return len(self.held)

    def snapshot(self, key: str) -> Entry | VersionStack | None:
        """The key's state, for the request journal: a stack is copied, since the
        storage changes it in place."""
        held = self.held.get(key)
        return VersionStack(held) if isinstance(held, VersionStack) else held

    def restore(self, key: str, snapshot: Entry | VersionStack | None) -> None:
        """Put the key back as ``snapshot`` found it, ``index`` and ``live`` with it."""
        held = self.held.get(key)
        was_live = _is_live(held)
        if snapshot is None:
            if held is not None:
                del self.held[key]
                self.index.discard(key)
        else:
            if held is None:
                self.index.add(key)
            self.held[key] = snapshot
        self._follow(key, was_live, _is_live(snapshot))


def _is_live(held: Entry | VersionStack | None) -> bool:
    current = held.current() if isinstance(held, VersionStack) else held
    return current is not None and not current.is_delete_marker
