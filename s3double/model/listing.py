"""Listing keys and versions: prefix, delimiter, markers, pages.

S3 API reference, ListObjectsV2 / ListObjectVersions: keys come in UTF-8 binary
order; with a delimiter, keys that share the part of the key after the prefix up
to the first delimiter roll up into one common prefix; every key and every common
prefix counts toward MaxKeys; versions of one key come newest first, and the
first one is the latest. A page resumes strictly after its marker: a common
prefix at or before the marker is not returned again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .bucket import Bucket
from .keyspace import SortedKeys
from .versions import Entry, ObjectVersion


@dataclass(slots=True)
class KeyPage:
    objects: list[ObjectVersion] = field(default_factory=list)
    common_prefixes: list[str] = field(default_factory=list)
    is_truncated: bool = False
    last: str | None = None  # the last key or prefix on the page


@dataclass(slots=True)
class VersionPage:
    entries: list[tuple[Entry, bool]] = field(default_factory=list)  # (entry, is_latest)
    common_prefixes: list[str] = field(default_factory=list)
    is_truncated: bool = False
    next_key_marker: str | None = None
    next_version_id_marker: str | None = None


def _rolled_up(key: str, prefix: str, delimiter: str) -> str | None:
    if not delimiter:
        return None
    cut = key.find(delimiter, len(prefix))
    return key[: cut + len(delimiter)] if cut >= 0 else None


def _walk(index: SortedKeys, prefix: str, delimiter: str, after: str) -> Iterator[tuple[str, bool]]:
    """(key, False) for keys and (common prefix, True) for roll-ups, in order, after
    ``after``; each common prefix once, and none at or before ``after``."""
    cursor, inclusive = (prefix, True) if prefix > after else (after, False)
    while True:
        for key in index.walk(cursor, inclusive=inclusive):
            if not key.startswith(prefix):
                return  # every key from here on sorts after the prefix's range
            rolled = _rolled_up(key, prefix, delimiter)
            if rolled is None:
                yield key, False
                continue
            if rolled > after:
                yield rolled, True
            beyond = index.position_after_prefix(rolled)
            if beyond is None:
                return  # no string sorts after every key under this prefix
            cursor, inclusive = beyond, True
            break
        else:
            return


def list_keys(
    bucket: Bucket, *, prefix: str = "", delimiter: str = "", after: str = "", max_keys: int = 1000
) -> KeyPage:
    """Current object versions (delete markers hide their key), one page. It walks the
    bucket's ``live`` keys, so keys hidden by delete markers cost it nothing, and a
    common prefix shows only when one of its keys is an object."""
    page = KeyPage()
    if max_keys <= 0:
        return page
    count = 0
    for name, is_prefix in _walk(bucket.objects.live, prefix, delimiter, after):
        if not is_prefix:
            current = bucket.current(name)
            if current is None or current.is_delete_marker:
                continue
        if count == max_keys:
            page.is_truncated = True
            return page
        if is_prefix:
            page.common_prefixes.append(name)
        else:
            page.objects.append(current)  # type: ignore[arg-type]  # a delete marker was skipped above; mypy keeps Entry
        page.last = name
        count += 1
    return page


def list_versions(
    bucket: Bucket,
    *,
    prefix: str = "",
    delimiter: str = "",
    key_marker: str = "",
    version_id_marker: str = "",
    max_keys: int = 1000,
) -> VersionPage:
    """Every version and delete marker, newest first per key, one page.

    With ``version_id_marker`` the page resumes inside ``key_marker``'s versions,
    just after that version; the caller checks that the version exists.
    """
    page = VersionPage()
    if max_keys <= 0:
        return page
    count = 0
    items: Iterator[tuple[str, bool]] = _walk(bucket.objects.index, prefix, delimiter, key_marker)
    if version_id_marker and key_marker.startswith(prefix):
        items = _chain_resumed(key_marker, items)
    for name, is_prefix in items:
        if is_prefix:
            if count == max_keys:
                page.is_truncated = True
                return page
            page.common_prefixes.append(name)
            page.next_key_marker, page.next_version_id_marker = name, None
            count += 1
            continue
        entries = bucket.versions(name)
        start = _resume_index(bucket, entries, version_id_marker) if name == key_marker else 0
        for position in range(start, len(entries)):
            entry = entries[position]
            if count == max_keys:
                page.is_truncated = True
                return page
            page.entries.append((entry, position == 0))
            page.next_key_marker, page.next_version_id_marker = name, entry.version_id
            count += 1
    page.next_key_marker = page.next_version_id_marker = None
    return page


def _resume_index(bucket: Bucket, entries: list[Entry], marker: str) -> int:
    """Where a page resumes inside one key's versions (newest first): just after the
    marker version; if that version has since been deleted, just after the last
    version issued after it (S3 keeps its place in the listing order)."""
    for position, entry in enumerate(entries):
        if entry.version_id == marker:
            return position + 1
    key = entries[0].key if entries else ""
    marker_order = bucket.write_order(key, marker)
    if marker_order is None:
        return 0
    start = 0
    for position, entry in enumerate(entries):
        order = bucket.write_order(key, entry.version_id)
        if order is not None and order > marker_order:
            start = position + 1
    return start


def _chain_resumed(key: str, rest: Iterator[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    yield key, False
    yield from rest
