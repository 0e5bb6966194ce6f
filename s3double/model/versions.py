"""Object versions, delete markers, the stack of versions under one key, version ids.

S3 user guide, "Working with objects in a versioning-enabled bucket": every PUT
adds a version on top of the key's stack; a DELETE without a version id adds a
delete marker on top; a DELETE with a version id removes exactly that entry.
The ``null`` version id names the one version made while versioning was off or
Suspended; a key holds at most one ``null`` entry.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import os
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from .object_options import ObjectOptions
from .retention import Retention

NULL_VERSION_ID = "null"
_NO_METADATA: Mapping[str, str] = {}


@dataclass(frozen=True, slots=True)
class Checksum:
    """An object's checksum as S3 stores it: algorithm (``CRC32``...), base64 value,
    and type: ``FULL_OBJECT``, or ``COMPOSITE`` (a multipart object's checksum of its
    parts' checksums, with ``-N`` appended)."""

    algorithm: str
    value: str
    type: str = "FULL_OBJECT"


@dataclass(frozen=True, slots=True)
class ObjectVersion:
    key: str
    version_id: str
    body: bytes
    etag: str  # quoted, as S3 sends it
    last_modified: _dt.datetime
    content_type: str = "binary/octet-stream"
    metadata: Mapping[str, str] = field(default_factory=lambda: _NO_METADATA)
    # Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires
    headers: tuple[tuple[str, str], ...] = ()
    checksum: Checksum | None = None
    retention: Retention | None = None
    legal_hold: bool | None = None  # None: never set (S3 then reports no legal hold)
    # How many parts make the object: a multipart upload's part count, plus one per
    # append on a directory bucket (S3 user guide, "Appending data to objects").
    parts: int = 1
    tags: tuple[tuple[str, str], ...] = ()  # the object's tag set, in the order it was put
    options: ObjectOptions | None = None  # ACL, encryption, storage class ...: None if none
    is_delete_marker = False

    @property
    def size(self) -> int:
        return len(self.body)


@dataclass(frozen=True, slots=True)
class DeleteMarker:
    key: str
    version_id: str
    last_modified: _dt.datetime
    is_delete_marker = True


Entry = ObjectVersion | DeleteMarker


class VersionStack:
    """The versions and delete markers of one key, newest last."""

    __slots__ = ("_entries",)

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self._entries: list[Entry] = entries if entries is not None else []

    def current(self) -> Entry | None:
        return self._entries[-1] if self._entries else None

    def put(self, entry: Entry) -> Entry | None:
        """Place ``entry`` on top; a ``null`` entry replaces the previous ``null`` one,
        which is returned."""
        replaced = self.remove(NULL_VERSION_ID) if entry.version_id == NULL_VERSION_ID else None
        self._entries.append(entry)
        return replaced

    def find(self, version_id: str) -> Entry | None:
        for entry in reversed(self._entries):
            if entry.version_id == version_id:
                return entry
        return None

    def remove(self, version_id: str) -> Entry | None:
        entries = self._entries
        for index in range(len(entries) - 1, -1, -1):
            if entries[index].version_id == version_id:
                return entries.pop(index)
        return None

    def replace(self, entry: Entry) -> None:
        """Put ``entry`` where the entry with the same version id stands."""
        entries = self._entries
        for index in range(len(entries) - 1, -1, -1):
            if entries[index].version_id == entry.version_id:
                entries[index] = entry
                return
        raise LookupError(entry.version_id)

    def newest_first(self) -> Iterator[Entry]:
        return reversed(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)


def etag_of(body: bytes) -> str:
    """A single-part object's ETag: the quoted hex MD5 of its body."""
    return f'"{hashlib.md5(body).hexdigest()}"'


def random_etag() -> str:
    """A directory bucket object's ETag: S3 user guide, "Differences for directory
    buckets": random alphanumeric strings unique to the object, not MD5 digests."""
    return f'"{os.urandom(16).hex()}"'


class VersionIdSource(Protocol):
    def __call__(self) -> str: ...


_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"
_URLSAFE_TO_S3 = bytes.maketrans(b"-", b".")


_IDS_PER_DRAW = 256  # 24 random bytes make one id; one draw from the OS makes 256


def random_version_ids() -> VersionIdSource:
    """Fresh, unguessable ids in S3's shape: 32 characters of ``[A-Za-z0-9._]``, cut
    from one draw of the system's random source per 256 ids."""
    ready: list[str] = []

    def next_id() -> str:
        while True:
            try:
                return ready.pop()
            except IndexError:
                raw = base64.urlsafe_b64encode(os.urandom(24 * _IDS_PER_DRAW))
                text = raw.translate(_URLSAFE_TO_S3).decode()
                ready.extend(text[start : start + 32] for start in range(0, len(text), 32))

    return next_id


def seeded_version_ids(seed: int) -> VersionIdSource:
    """The same sequence of S3-shaped ids for the same seed: reproducible tests."""
    rng = random.Random(seed)

    def next_id() -> str:
        return "".join(rng.choices(_ALPHABET, k=32))

    return next_id
