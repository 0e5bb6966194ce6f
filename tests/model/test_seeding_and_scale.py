"""Bulk seeding (``Bucket.put_many``), the live-key index and how a bucket holds one
version per key (s3double/model/bucket.py, keyspace.py, sorted_keys.py)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random

import pytest
from model_helpers import EPOCH, MakeBucket, snapshot

from s3double.model import NULL_VERSION_ID, ObjectVersion, Store
from s3double.model.deletion import delete_key
from s3double.model.keyspace import SortedKeys
from s3double.model.listing import list_keys, list_versions
from s3double.model.versions import PLAIN, Checksum, VersionStack, etag_of, seeded_version_ids

STATES = pytest.mark.parametrize("versioning", [None, "Enabled", "Suspended"])


def keys(count: int, prefix: str = "k") -> list[str]:
    return [f"{prefix}{index:05d}" for index in range(count)]


# -- put_many does what put does, one key at a time ------------------------------------


@STATES
def test_put_many_leaves_the_bucket_as_put_one_by_one_would(versioning: str | None) -> None:
    one, many = (Store(version_id_seed=9).create_bucket("b", versioning=versioning)
                 for _ in range(2))
    names = [*keys(50), "k00003", "k00007"]  # two keys written twice
    one_by_one = [one.put(key, b"body", now=EPOCH).version_id for key in names]
    ids = many.put_many(names, b"body", now=EPOCH)
    assert ids == one_by_one and snapshot(many) == snapshot(one)
    assert all(many.issued(version_id) for version_id in ids)
    assert [many.write_order(k, v) for k, v in zip(names, ids, strict=False)] == [
        one.write_order(k, v) for k, v in zip(names, ids, strict=False)]
    assert [v.etag for v in many.versions("k00003")] == [etag_of(b"body")] * len(one.versions("k00003"))


def test_put_many_on_a_bucket_that_already_holds_the_keys() -> None:
    bucket = Store(version_id_seed=1).create_bucket("b", versioning="Enabled")
    first = bucket.put_many(keys(10), b"1", now=EPOCH)
    delete_key(bucket, "k00004", now=EPOCH)
    second = bucket.put_many(keys(10), b"2", now=EPOCH)
    assert [entry.version_id for entry in bucket.versions("k00004")][::2] == [second[4], first[4]]
    assert bucket.versions("k00004")[1].is_delete_marker
    assert [obj.key for obj in list_keys(bucket).objects] == keys(10)


def test_version_ids_drawn_in_bulk_follow_the_same_seeded_sequence() -> None:
    one, bulk = seeded_version_ids(7), seeded_version_ids(7)
    assert [one() for _ in range(5)] + [one()] == [*bulk.many(5), bulk()]


def test_suspended_put_many_keeps_each_null_versions_place_in_the_write_order() -> None:
    bucket = Store(version_id_seed=3).create_bucket("b", versioning="Enabled")
    earlier = bucket.put("a", b"x", now=EPOCH).version_id
    bucket.set_versioning(bucket.versioning.SUSPENDED)
    assert bucket.put_many(["a", "b"], b"y", now=EPOCH) == [NULL_VERSION_ID] * 2
    order = bucket.write_order
    assert order("a", earlier) < order("a", NULL_VERSION_ID) < order("b", NULL_VERSION_ID)  # type: ignore[operator]


# -- the live index: ListObjects walks only keys whose current version is an object ------


def test_delete_markers_leave_the_live_index_and_a_put_brings_the_key_back(
    make_bucket: MakeBucket,
) -> None:
    bucket = make_bucket("Enabled")
    bucket.put_many(keys(6), b"x", now=EPOCH)
    for key in ("k00001", "k00002", "k00004"):
        delete_key(bucket, key, now=EPOCH)
    assert list(bucket.objects.live.walk()) == ["k00000", "k00003", "k00005"]
    assert list(bucket.objects.index.walk()) == keys(6)
    bucket.put("k00002", b"back", now=EPOCH)
    marker = bucket.current("k00004")
    bucket.remove("k00004", marker.version_id)  # removing the marker uncovers the object
    assert list(bucket.objects.live.walk()) == ["k00000", "k00002", "k00003", "k00004", "k00005"]
    assert [obj.key for obj in list_keys(bucket, max_keys=3).objects] == ["k00000", "k00002", "k00003"]


def test_a_common_prefix_shows_only_while_one_of_its_keys_is_an_object(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    bucket.put_many(["a/1", "a/2", "b/1"], b"x", now=EPOCH)
    delete_key(bucket, "a/1", now=EPOCH)
    assert list_keys(bucket, delimiter="/").common_prefixes == ["a/", "b/"]
    delete_key(bucket, "a/2", now=EPOCH)
    assert list_keys(bucket, delimiter="/").common_prefixes == ["b/"]
    assert list_versions(bucket, delimiter="/").common_prefixes == ["a/", "b/"]


def test_turning_versioning_on_keeps_every_key_live(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    bucket.put_many(keys(5), b"x", now=EPOCH)
    bucket.set_versioning(bucket.versioning.ENABLED)
    delete_key(bucket, "k00000", now=EPOCH)
    assert list(bucket.objects.live.walk()) == keys(5)[1:]
    assert list(bucket.objects.index.walk()) == keys(5)


@pytest.mark.parametrize("seed", range(4))
def test_random_traffic_keeps_live_equal_to_the_keys_with_an_object(seed: int) -> None:
    rng = random.Random(seed)
    bucket = Store(version_id_seed=seed).create_bucket("b", versioning="Enabled")
    universe = keys(40)
    for step in range(1500):
        key = rng.choice(universe)
        action = rng.random()
        if action < 0.4:
            bucket.put(key, b"x", now=EPOCH)
        elif action < 0.7:
            delete_key(bucket, key, now=EPOCH)
        elif bucket.versions(key):
            delete_key(bucket, key, rng.choice(bucket.versions(key)).version_id, now=EPOCH)
        if step % 50 == 0:
            held = [k for k in universe if bucket.versions(k)]
            live = [k for k in held if not bucket.current(k).is_delete_marker]
            assert list(bucket.objects.index.walk()) == held
            assert list(bucket.objects.live.walk()) == live


# -- one entry held bare, two or more in a stack ---------------------------------------


def test_a_key_holds_one_entry_bare_and_a_stack_from_the_second(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    first = bucket.put("k", b"1", now=EPOCH)
    assert bucket.objects.held["k"] is first
    second = bucket.put("k", b"2", now=EPOCH)
    assert isinstance(bucket.objects.held["k"], VersionStack)
    assert bucket.versions("k") == [second, first]
    bucket.remove("k", second.version_id)
    assert bucket.objects.held["k"] is first and bucket.current("k") is first
    bucket.update(dataclasses.replace(first, legal_hold=True))
    assert bucket.current("k").legal_hold is True
    bucket.remove("k", first.version_id)
    assert "k" not in bucket.objects.held and list(bucket.objects.index.walk()) == []


def test_a_suspended_null_put_replaces_a_bare_null_entry(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Suspended")
    bucket.put("k", b"1", now=EPOCH)
    second = bucket.put("k", b"2", now=EPOCH)
    assert bucket.versions("k") == [second]
    marker = bucket.add_delete_marker("k", EPOCH)
    assert bucket.versions("k") == [marker] and list(bucket.objects.live.walk()) == []


# -- SortedKeys: chunks, bulk runs, no tombstones --------------------------------------


def test_bulk_runs_and_single_writes_merge_in_order() -> None:
    index = SortedKeys()
    index.update(keys(3000, "b"))
    index.add("a")
    index.update(reversed(keys(10, "c")))
    index.discard("b00005")
    expected = ["a"] + [k for k in keys(3000, "b") if k != "b00005"] + keys(10, "c")
    assert list(index.walk()) == expected and len(index) == len(expected)
    index.discard("b00006")
    index.update(["b00005", "b00006"])  # a discarded key comes back through a bulk write
    assert list(index.walk("b00004", inclusive=True))[:4] == ["b00004", "b00005", "b00006", "b00007"]


@pytest.mark.parametrize("seed", range(3))
def test_chunks_split_and_empty_under_random_traffic(seed: int) -> None:
    rng = random.Random(seed)
    index, present = SortedKeys(), set()
    index.update(keys(5000, "m"))
    present.update(keys(5000, "m"))
    universe = keys(6000, "m") + keys(2000, "a")
    for step in range(20000):
        key = rng.choice(universe)
        if key in present:
            index.discard(key)
            present.discard(key)
        else:
            index.add(key)
            present.add(key)
        if step % 1999 == 0:
            walked = list(index.walk())
            assert walked == sorted(present) and len(index) == len(present)
            start = rng.choice(universe)
            assert list(index.walk(start))[:50] == sorted(k for k in present if k > start)[:50]


def test_a_walk_applies_only_the_writes_since_the_last_one() -> None:
    index = SortedKeys()
    index.update(keys(10000))
    list(index.walk())
    chunks_before = [id(chunk) for chunk in index._chunks]
    index.add("k00100x")
    index.discard("k09000")
    assert "k00100x" in list(index.walk("k00100", inclusive=True))[:2]
    assert [id(chunk) for chunk in index._chunks] == chunks_before, "no rebuild for two writes"


# -- ObjectVersion: a small tuple that reads like the frozen dataclass it was ----------


def test_an_object_version_keeps_its_dataclass_face() -> None:
    checksum = Checksum("CRC32", "AAAAAA==")
    plain = ObjectVersion("k", "v1", b"x", etag_of(b"x"), EPOCH)
    rich = ObjectVersion("k", "v2", b"x", etag_of(b"x"), EPOCH, content_type="text/plain",
                         metadata={"a": "b"}, checksum=checksum, parts=2)
    assert plain.details is PLAIN and plain.content_type == "binary/octet-stream"
    assert (rich.content_type, rich.metadata, rich.checksum, rich.parts) == (
        "text/plain", {"a": "b"}, checksum, 2)
    assert [field.name for field in dataclasses.fields(plain)][:5] == [
        "key", "version_id", "body", "etag", "last_modified"]
    assert dataclasses.asdict(rich)["metadata"] == {"a": "b"}
    held = dataclasses.replace(plain, legal_hold=True)
    assert (held.legal_hold, held.version_id, type(held)) == (True, "v1", ObjectVersion)
    assert copy.copy(rich) == rich and pickle.loads(pickle.dumps(rich)) == rich
    assert repr(plain).startswith("ObjectVersion(key='k', version_id='v1', body=b'x'")


def test_objects_written_alike_share_their_details_and_etag() -> None:
    checksum = Checksum("CRC32", "jNwWgw==")
    first, second = (ObjectVersion(k, "null", b"x", etag_of(b"x"), EPOCH, checksum=Checksum(
        checksum.algorithm, checksum.value)) for k in ("a", "b"))
    assert first.details is second.details and first.etag is second.etag
    third = ObjectVersion("c", "null", b"x", etag_of(b"x"), EPOCH, metadata={"m": "1"})
    assert third.details is not PLAIN and third.metadata == {"m": "1"}


def test_a_small_bulk_write_is_merged_without_a_rebuild() -> None:
    index = SortedKeys()
    index.update(keys(10000))
    list(index.walk())
    chunks_before = [id(chunk) for chunk in index._chunks]
    index.update(["k00100x", "k09000x"])
    index.discard("k09000x")  # a key of the run, gone before any walk
    index.discard("k00200")
    assert list(index.walk("k00100", inclusive=True))[:2] == ["k00100", "k00100x"]
    assert "k09000x" not in list(index.walk("k09000")) and "k00200" not in list(index.walk("k00199"))
    assert [id(chunk) for chunk in index._chunks] == chunks_before, "merged into the chunks"
    assert len(index) == 10000
