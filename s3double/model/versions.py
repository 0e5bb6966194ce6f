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
import functools
import hashlib
import os
import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import Field, FrozenInstanceError, dataclass, field
from itertools import repeat
from operator import add
from typing import Any, ClassVar, NamedTuple, Protocol, TypeVar

from .object_options import ObjectOptions
from .retention import Retention

T = TypeVar("T")
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


DEFAULT_CONTENT_TYPE = "binary/octet-stream"


class Details(NamedTuple):
    """What only some objects have, kept apart so that a plain object stays small:
    every object without them shares ``PLAIN``."""

    content_type: str = DEFAULT_CONTENT_TYPE
    metadata: Mapping[str, str] = _NO_METADATA
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


PLAIN = Details()


_SHARED: dict[tuple[object, ...], Details] = {}
_SHARED_MAX = 4096


def _shared(details: Details) -> Details:
    """One copy of each set of details without metadata: objects written alike (the
    same small body, so the same checksum) share it."""
    if details.metadata:
        return details
    key = (details[0], *details[2:])
    try:
        found = _SHARED.get(key)
    except TypeError:  # something unhashable: keep this copy
        return details
    if found is not None:
        return found
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    _SHARED[key] = details
    return details


@dataclass(frozen=True)
class _ObjectVersionFields:
    """ObjectVersion's fields as a dataclass sees them, so ``dataclasses.replace``,
    ``fields`` and ``asdict`` work on it (see ``_frozen_value``)."""

    key: str
    version_id: str
    body: bytes
    etag: str
    last_modified: _dt.datetime
    content_type: str = DEFAULT_CONTENT_TYPE
    metadata: Mapping[str, str] = field(default_factory=lambda: _NO_METADATA)
    headers: tuple[tuple[str, str], ...] = ()
    checksum: Checksum | None = None
    retention: Retention | None = None
    legal_hold: bool | None = None
    parts: int = 1
    tags: tuple[tuple[str, str], ...] = ()
    options: ObjectOptions | None = None


def _frozen_value(twin: type) -> Callable[[type[T]], type[T]]:
    """A tuple-based value class with ``twin``'s dataclass face; setting an attribute
    raises ``FrozenInstanceError``, as on a frozen dataclass."""

    def decorate(cls: type[T]) -> type[T]:
        for name in ("__dataclass_fields__", "__dataclass_params__"):  # mypy: not on type
            setattr(cls, name, getattr(twin, name))
        return cls

    return decorate


def _frozen(self: object, name: str, value: object = None) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


@_frozen_value(_ObjectVersionFields)
class ObjectVersion(tuple[str, str, bytes, str, _dt.datetime, Details]):
    """One stored version of an object: a tuple of (key, version id, body, ETag,
    last modified, ``Details``), 88 bytes plus what it points to, made in well under a
    microsecond. Read it by attribute, as a frozen dataclass with the fields of
    ``_ObjectVersionFields``; ``dataclasses.replace`` makes a changed copy."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    is_delete_marker = False

    def __new__(
        cls,
        key: str,
        version_id: str,
        body: bytes,
        etag: str,  # quoted, as S3 sends it
        last_modified: _dt.datetime,
        content_type: str = DEFAULT_CONTENT_TYPE,
        metadata: Mapping[str, str] = _NO_METADATA,
        headers: tuple[tuple[str, str], ...] = (),
        checksum: Checksum | None = None,
        retention: Retention | None = None,
        legal_hold: bool | None = None,
        parts: int = 1,
        tags: tuple[tuple[str, str], ...] = (),
        options: ObjectOptions | None = None,
    ) -> ObjectVersion:
        plain = (content_type == DEFAULT_CONTENT_TYPE and not metadata and not headers
                 and checksum is None and retention is None and legal_hold is None and parts == 1
                 and not tags and options is None)
        details = PLAIN if plain else _shared(Details(
            content_type, metadata or _NO_METADATA, headers, checksum, retention, legal_hold, parts,
            tags, options,
        ))
        return tuple.__new__(cls, (key, version_id, body, etag, last_modified, details))

    @classmethod
    def many(cls, keys: Iterable[str], version_ids: Iterable[str], body: bytes, etag: str,
             last_modified: _dt.datetime) -> list[ObjectVersion]:
        """Objects with nothing but a body, one per key (the fast way to make many)."""
        rest = repeat((body, etag, last_modified, PLAIN))
        return list(map(tuple.__new__, repeat(cls), map(add, zip(keys, version_ids, strict=False), rest)))

    __setattr__ = _frozen
    __delattr__ = _frozen

    def __getnewargs__(self) -> tuple[object, ...]:  # copy and pickle
        return (*self[:5], *self[5])

    def __repr__(self) -> str:
        names = ObjectVersion.__dataclass_fields__
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"ObjectVersion({shown})"

    @property
    def key(self) -> str:
        return self[0]

    @property
    def version_id(self) -> str:
        return self[1]

    @property
    def body(self) -> bytes:
        return self[2]

    @property
    def etag(self) -> str:
        return self[3]

    @property
    def last_modified(self) -> _dt.datetime:
        return self[4]

    @property
    def details(self) -> Details:
        return self[5]

    @property
    def content_type(self) -> str:
        return self[5].content_type

    @property
    def metadata(self) -> Mapping[str, str]:
        return self[5].metadata

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        return self[5].headers

    @property
    def checksum(self) -> Checksum | None:
        return self[5].checksum

    @property
    def retention(self) -> Retention | None:
        return self[5].retention

    @property
    def legal_hold(self) -> bool | None:
        return self[5].legal_hold

    @property
    def parts(self) -> int:
        return self[5].parts

    @property
    def tags(self) -> tuple[tuple[str, str], ...]:
        return self[5].tags

    @property
    def options(self) -> ObjectOptions | None:
        return self[5].options

    @property
    def size(self) -> int:
        return len(self[2])


@dataclass(frozen=True)
class _DeleteMarkerFields:
    key: str
    version_id: str
    last_modified: _dt.datetime


class _Marker(NamedTuple):
    key: str
    version_id: str
    last_modified: _dt.datetime


@_frozen_value(_DeleteMarkerFields)
class DeleteMarker(_Marker):
    """A delete marker: a NamedTuple, read like a frozen dataclass."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    is_delete_marker = True
    __setattr__ = _frozen
    __delattr__ = _frozen


Entry = ObjectVersion | DeleteMarker


class VersionStack(list[Entry]):
    """The versions and delete markers of one key, newest last: a list, so a stack
    of one costs a single small object (``VersionStack((entry,))``)."""

    __slots__ = ()

    def current(self) -> Entry | None:
        return self[-1] if self else None

    def put(self, entry: Entry) -> Entry | None:
        """Place ``entry`` on top; a ``null`` entry replaces the previous ``null`` one,
        which is returned."""
        replaced = self.remove(NULL_VERSION_ID) if entry.version_id == NULL_VERSION_ID else None
        self.append(entry)
        return replaced

    def find(self, version_id: str) -> Entry | None:
        for entry in reversed(self):
            if entry.version_id == version_id:
                return entry
        return None

    def remove(self, version_id: str) -> Entry | None:  # type: ignore[override]
        """Take out the entry with ``version_id`` (None if there is none); unlike a
        list's ``remove``, it takes a version id."""
        for index in range(len(self) - 1, -1, -1):
            if self[index].version_id == version_id:
                return self.pop(index)
        return None

    def replace(self, entry: Entry) -> None:
        """Put ``entry`` where the entry with the same version id stands."""
        for index in range(len(self) - 1, -1, -1):
            if self[index].version_id == entry.version_id:
                self[index] = entry
                return
        raise LookupError(entry.version_id)

    def newest_first(self) -> Iterator[Entry]:
        return reversed(self)


def etag_of(body: bytes) -> str:
    """A single-part object's ETag: the quoted hex MD5 of its body. Small bodies repeat
    (tests write ``b"x"`` a million times), so their ETags are shared, not copied."""
    if len(body) <= _SHARED_ETAG_BODY:
        return _shared_etag(body)
    return f'"{hashlib.md5(body).hexdigest()}"'


_SHARED_ETAG_BODY = 64


@functools.lru_cache(maxsize=1024)
def _shared_etag(body: bytes) -> str:
    return f'"{hashlib.md5(body).hexdigest()}"'


def random_etag() -> str:
    """A directory bucket object's ETag: S3 user guide, "Differences for directory
    buckets": random alphanumeric strings unique to the object, not MD5 digests."""
    return f'"{os.urandom(16).hex()}"'


class VersionIdSource(Protocol):
    def __call__(self) -> str: ...


_URLSAFE_TO_S3 = bytes.maketrans(b"-", b".")
_ID = 32  # characters in a version id


def _cut(ids: str) -> list[str]:
    return [ids[start:start + _ID] for start in range(0, len(ids), _ID)]


class RandomVersionIds:
    """Fresh, unguessable ids in S3's shape: 32 characters of ``[A-Za-z0-9._]``, cut
    from one draw of the system's random source per 256 ids."""

    def __init__(self) -> None:
        self._ready: list[str] = []

    def __call__(self) -> str:
        while True:
            try:
                return self._ready.pop()
            except IndexError:
                self._ready.extend(self.many(256))

    def many(self, count: int) -> list[str]:
        """``count`` ids at once (24 random bytes encode to exactly 32 characters)."""
        return _cut(base64.urlsafe_b64encode(os.urandom(24 * count)).translate(_URLSAFE_TO_S3).decode())


class SeededVersionIds:
    """The same sequence of S3-shaped ids for the same seed: reproducible tests. Each
    id encodes the generator's next 24 bytes, so ``many(n)`` gives what ``n`` calls do."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def __call__(self) -> str:
        return base64.urlsafe_b64encode(self._rng.randbytes(24)).translate(_URLSAFE_TO_S3).decode()

    def many(self, count: int) -> list[str]:
        """The next ``count`` ids of the sequence, as ``count`` calls would give them."""
        drawn = self._rng.randbytes(24 * count)
        return _cut(base64.urlsafe_b64encode(drawn).translate(_URLSAFE_TO_S3).decode())


def random_version_ids() -> RandomVersionIds:
    return RandomVersionIds()


def seeded_version_ids(seed: int) -> SeededVersionIds:
    return SeededVersionIds(seed)


def many_version_ids(source: VersionIdSource, count: int) -> list[str]:
    """``count`` ids from ``source``: in one draw when it can, else one by one."""
    many = getattr(source, "many", None)
    if many is not None:
        return list(many(count))
    return [source() for _ in range(count)]
