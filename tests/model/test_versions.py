"""VersionStack, the two entry types, version ids and ETags (s3double/model/versions.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable

import pytest
from model_helpers import EPOCH

from s3double.model import NULL_VERSION_ID, DeleteMarker, ObjectVersion, VersionStack
from s3double.model.versions import (
    Entry,
    VersionIdSource,
    etag_of,
    random_version_ids,
    seeded_version_ids,
)

S3_VERSION_ID = re.compile(r"[A-Za-z0-9._]{32}")
DRAWS = 5000


def obj(version_id: str, key: str = "k", body: bytes = b"x") -> ObjectVersion:
    return ObjectVersion(key=key, version_id=version_id, body=body, etag=etag_of(body),
                         last_modified=EPOCH)


def marker(version_id: str, key: str = "k") -> DeleteMarker:
    return DeleteMarker(key=key, version_id=version_id, last_modified=EPOCH)


MakeEntry = Callable[[str], Entry]
ENTRY_KINDS = pytest.mark.parametrize("make", [obj, marker], ids=["object", "marker"])


def ids_newest_first(stack: VersionStack) -> list[str]:
    return [entry.version_id for entry in stack.newest_first()]


# -- VersionStack -------------------------------------------------------------


def test_empty_stack_has_no_current_and_is_falsy() -> None:
    stack = VersionStack()
    assert stack.current() is None
    assert len(stack) == 0 and not stack
    assert list(stack.newest_first()) == []


@ENTRY_KINDS
def test_put_places_each_entry_on_top(make: MakeEntry) -> None:
    stack = VersionStack()
    entries = [obj("v1"), make("v2"), obj("v3")]
    for count, entry in enumerate(entries, start=1):
        assert stack.put(entry) is None, "a non-null entry replaces nothing"
        assert stack.current() is entry
        assert len(stack) == count
    assert list(stack.newest_first()) == entries[::-1]


def test_find_returns_the_named_entry_or_none() -> None:
    entries = [obj("v1"), marker("v2"), obj("v3")]
    stack = VersionStack(list(entries))
    for entry in entries:
        assert stack.find(entry.version_id) is entry
    assert stack.find("never-there") is None


@pytest.mark.parametrize("position", [0, 1, 2])
def test_remove_takes_out_exactly_one_entry(position: int) -> None:
    entries = [obj("v1"), marker("v2"), obj("v3")]
    stack = VersionStack(list(entries))
    gone = entries[position]
    assert stack.remove(gone.version_id) is gone
    assert ids_newest_first(stack) == [e.version_id for e in entries[::-1] if e is not gone]
    assert stack.find(gone.version_id) is None


def test_remove_of_a_missing_id_changes_nothing() -> None:
    stack = VersionStack([obj("v1"), obj("v2")])
    assert stack.remove("v9") is None
    assert ids_newest_first(stack) == ["v2", "v1"]


@pytest.mark.parametrize("old_kind", [obj, marker], ids=["old-object", "old-marker"])
@pytest.mark.parametrize("new_kind", [obj, marker], ids=["new-object", "new-marker"])
@pytest.mark.parametrize("null_position", [0, 1, 2])
def test_a_null_entry_replaces_the_previous_null_entry_only(old_kind: MakeEntry,
                                                            new_kind: MakeEntry,
                                                            null_position: int) -> None:
    """User guide, "Adding objects to versioning-suspended buckets": a key holds at
    most one ``null`` version; a new one overwrites it, whatever lies above it."""
    entries: list[Entry] = [obj("v1"), obj("v2")]
    old_null = old_kind(NULL_VERSION_ID)
    entries.insert(null_position, old_null)
    stack = VersionStack(list(entries))
    new_null = new_kind(NULL_VERSION_ID)

    assert stack.put(new_null) is old_null
    assert stack.current() is new_null
    assert ids_newest_first(stack) == [NULL_VERSION_ID, "v2", "v1"]
    assert stack.find(NULL_VERSION_ID) is new_null


def test_first_null_entry_replaces_nothing() -> None:
    stack = VersionStack([obj("v1")])
    assert stack.put(obj(NULL_VERSION_ID)) is None
    assert ids_newest_first(stack) == [NULL_VERSION_ID, "v1"]


# -- entries --------------------------------------------------------------------


@pytest.mark.parametrize("body", [b"", b"hello", bytes(range(256))])
def test_object_size_is_its_body_length(body: bytes) -> None:
    assert obj("v1", body=body).size == len(body)


def test_entry_kinds_say_whether_they_are_delete_markers() -> None:
    assert obj("v1").is_delete_marker is False
    assert marker("v1").is_delete_marker is True


@pytest.mark.parametrize("entry", [obj("v1"), marker("v1")], ids=["object", "marker"])
def test_entries_are_frozen_values(entry: Entry) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.version_id = "v2"


@pytest.mark.parametrize("body", [b"", b"hello", "héllo 😀".encode(), bytes(range(256)) * 64])
def test_etag_is_the_quoted_hex_md5_of_the_body(body: bytes) -> None:
    etag = etag_of(body)
    assert etag == '"' + hashlib.md5(body).hexdigest() + '"'
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)


# -- version ids ------------------------------------------------------------------


@pytest.mark.parametrize("source", [random_version_ids, lambda: seeded_version_ids(7)],
                         ids=["random", "seeded"])
def test_version_ids_have_s3s_shape_and_never_repeat(
    source: Callable[[], VersionIdSource],
) -> None:
    """S3 version ids are 32 characters of letters, digits, ``.`` and ``_``."""
    next_id = source()
    ids = [next_id() for _ in range(DRAWS)]
    assert all(S3_VERSION_ID.fullmatch(version_id) for version_id in ids)
    assert len(set(ids)) == DRAWS
    assert NULL_VERSION_ID not in ids


def test_random_ids_use_the_whole_alphabet() -> None:
    """Not just base64's letters: the ``-`` of url-safe base64 must become ``.``."""
    next_id = random_version_ids()
    seen = set("".join(next_id() for _ in range(DRAWS)))
    assert seen <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._")
    assert {".", "_"} <= seen


def test_two_random_sources_do_not_share_ids() -> None:
    first, second = random_version_ids(), random_version_ids()
    assert not {first() for _ in range(500)} & {second() for _ in range(500)}


@pytest.mark.parametrize("seed", [0, 1, 2**40])
def test_the_same_seed_gives_the_same_sequence(seed: int) -> None:
    first, second = seeded_version_ids(seed), seeded_version_ids(seed)
    assert [first() for _ in range(50)] == [second() for _ in range(50)]


@pytest.mark.parametrize(("seed", "other"), [(0, 1), (1, 2), (42, 43)])
def test_different_seeds_give_different_sequences(seed: int, other: int) -> None:
    first, second = seeded_version_ids(seed), seeded_version_ids(other)
    assert not {first() for _ in range(50)} & {second() for _ in range(50)}
