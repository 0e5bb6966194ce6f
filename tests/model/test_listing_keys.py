"""list_keys: ListObjects/ListObjectsV2 semantics (s3double/model/listing.py).

S3 API reference, ListObjectsV2: keys in UTF-8 binary order; Prefix limits the
keys; with a Delimiter, keys sharing the part between the prefix and the first
delimiter roll up into one CommonPrefix, counted once toward MaxKeys; a page
resumes strictly after its marker (StartAfter / NextMarker).
"""

from __future__ import annotations

import random

import pytest
from model_helpers import EPOCH, MakeBucket

from s3double.model import Bucket
from s3double.model.deletion import delete_key
from s3double.model.listing import KeyPage, list_keys

Item = tuple[str, bool]  # (key or common prefix, is a common prefix)

# Keys where UTF-8 (code point) order differs from UTF-16 and from case-folded order.
UNICODE_KEYS = ["a", "B", "é", "z", "\uff61", "\U0001f600", "\ufb01", "a\x00", "a b", "Ω/x", "~"]
TREE = ["a", "a/", "a/1", "a/2", "a/b/3", "a/b/4", "ab/5", "b", "c/d/e", "c/f", "d", "é/1",
        "\U0001f600/x", "\U0001f600"]


def fill(bucket: Bucket, keys: list[str]) -> None:
    for key in random.Random(len(keys)).sample(keys, len(keys)):
        bucket.put(key, key.encode())


def items(page: KeyPage) -> list[Item]:
    """The page's keys and prefixes in listing order (both lists are sorted)."""
    merged = [(obj.key, False) for obj in page.objects] + [(p, True) for p in page.common_prefixes]
    return sorted(merged, key=lambda item: item[0].encode())


def reference(keys: list[str], prefix: str = "", delimiter: str = "",
              after: str = "") -> list[Item]:
    """The listing by S3's rule, by brute force."""
    out: list[Item] = []
    for key in sorted(keys, key=str.encode):
        if not key.startswith(prefix):
            continue
        cut = key.find(delimiter, len(prefix)) if delimiter else -1
        item = (key[: cut + len(delimiter)], True) if cut >= 0 else (key, False)
        if item[0].encode() > after.encode() and item not in out:
            out.append(item)
    return out


def test_keys_come_in_utf8_binary_order(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    fill(bucket, UNICODE_KEYS)
    expected = sorted(UNICODE_KEYS, key=lambda key: key.encode("utf-8"))
    assert expected != sorted(UNICODE_KEYS, key=lambda key: key.encode("utf-16-be"))
    assert [obj.key for obj in list_keys(bucket).objects] == expected


@pytest.mark.parametrize("prefix", ["", "a", "a/", "a/b/", "ab", "c/", "é", "\U0001f600", "zz",
                                    "a/1"])
@pytest.mark.parametrize("delimiter", ["", "/", "b/", "\U0001f600"])
def test_prefix_and_delimiter_match_the_rule(make_bucket: MakeBucket, prefix: str,
                                             delimiter: str) -> None:
    bucket = make_bucket()
    fill(bucket, TREE)
    page = list_keys(bucket, prefix=prefix, delimiter=delimiter)
    assert items(page) == reference(TREE, prefix, delimiter)
    assert not page.is_truncated
    if not delimiter:
        assert page.common_prefixes == []


def test_the_documented_roll_up_example(make_bucket: MakeBucket) -> None:
    """API reference: with prefix ``notes/`` and delimiter ``/``, the key
    ``notes/summer/july`` rolls up into the common prefix ``notes/summer/``."""
    bucket = make_bucket()
    fill(bucket, ["notes/summer/july", "notes/summer/august", "notes/todo", "other"])
    page = list_keys(bucket, prefix="notes/", delimiter="/")
    assert page.common_prefixes == ["notes/summer/"]
    assert [obj.key for obj in page.objects] == ["notes/todo"]


def test_listed_objects_are_the_current_versions(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    bucket.put("k", b"old")
    newest = bucket.put("k", b"new")
    assert list_keys(bucket).objects == [newest]


@pytest.mark.parametrize("max_keys", [1, 2, 3, 4, 5, 6])
def test_max_keys_counts_keys_and_common_prefixes(make_bucket: MakeBucket, max_keys: int) -> None:
    bucket = make_bucket()
    fill(bucket, TREE)
    everything = reference(TREE, delimiter="/")
    page = list_keys(bucket, delimiter="/", max_keys=max_keys)
    assert items(page) == everything[:max_keys]
    assert page.is_truncated is (len(everything) > max_keys)
    assert page.last == everything[: max_keys][-1][0]


def test_a_page_that_holds_everything_is_not_truncated(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    fill(bucket, TREE)
    count = len(reference(TREE, delimiter="/"))
    assert not list_keys(bucket, delimiter="/", max_keys=count).is_truncated
    assert list_keys(bucket, delimiter="/", max_keys=count - 1).is_truncated


def test_max_keys_zero_lists_nothing(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    fill(bucket, TREE)
    page = list_keys(bucket, max_keys=0)
    assert page.objects == [] and page.common_prefixes == [] and page.last is None


@pytest.mark.parametrize(("after", "delimiter"), [
    ("", ""), ("a/1", ""), ("a/b/", ""), ("c/d/e", ""), ("é/1", ""), ("zzz", ""),
    ("a/", "/"), ("ab/", "/"), ("c/", "/"), ("d", "/"), ("é/", "/"), ("\U0001f600/", "/"),
])
def test_listing_resumes_strictly_after_the_marker(make_bucket: MakeBucket, after: str,
                                                   delimiter: str) -> None:
    """A marker that is a common prefix (a NextMarker) never brings that prefix back."""
    bucket = make_bucket()
    fill(bucket, TREE)
    page = list_keys(bucket, delimiter=delimiter, after=after)
    assert items(page) == reference(TREE, "", delimiter, after)
    assert all(name > after for name, _ in items(page))


@pytest.mark.parametrize("max_keys", [1, 2, 3, 7])
@pytest.mark.parametrize(("prefix", "delimiter"), [("", ""), ("", "/"), ("a", "/"), ("a/", "/")])
def test_paging_with_markers_gives_every_item_once_in_order(make_bucket: MakeBucket, max_keys: int,
                                                            prefix: str, delimiter: str) -> None:
    bucket = make_bucket()
    fill(bucket, TREE)
    seen: list[Item] = []
    after, pages = "", 0
    while True:
        page = list_keys(bucket, prefix=prefix, delimiter=delimiter, after=after, max_keys=max_keys)
        pages += 1
        assert len(items(page)) <= max_keys
        seen.extend(items(page))
        if not page.is_truncated:
            break
        assert page.last is not None and page.last > after
        after = page.last
    assert seen == reference(TREE, prefix, delimiter)
    assert pages == max(1, -(-len(seen) // max_keys))


def delete_now(bucket: Bucket, key: str) -> None:
    delete_key(bucket, key, now=EPOCH)


@pytest.mark.parametrize("versioning", ["Enabled", "Suspended"])
def test_delete_markers_hide_their_keys(make_bucket: MakeBucket, versioning: str | None) -> None:
    bucket = make_bucket(versioning)
    fill(bucket, ["a", "b", "c"])
    delete_now(bucket, "b")
    delete_now(bucket, "never-there")
    assert [obj.key for obj in list_keys(bucket).objects] == ["a", "c"]


def test_hidden_keys_do_not_count_toward_max_keys(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    fill(bucket, ["a", "b", "c", "d"])
    for key in ("a", "b"):
        delete_now(bucket, key)
    page = list_keys(bucket, max_keys=1)
    assert [obj.key for obj in page.objects] == ["c"] and page.is_truncated


def test_a_key_comes_back_when_its_marker_is_removed(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    version = bucket.put("k", b"x")
    marker = delete_key(bucket, "k", now=EPOCH).delete_marker_version_id  # type: ignore[union-attr]  # a plain delete is never Refused
    assert list_keys(bucket).objects == []
    delete_key(bucket, "k", marker, now=EPOCH)
    assert list_keys(bucket).objects == [version]


def test_a_key_put_again_after_its_marker_is_listed(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    bucket.put("k", b"x")
    delete_now(bucket, "k")
    again = bucket.put("k", b"again")
    assert list_keys(bucket).objects == [again]


def test_a_common_prefix_needs_a_key_that_is_not_deleted(make_bucket: MakeBucket) -> None:
    """In the current-version view, a CommonPrefix appears only when at least one
    current object that is not a delete marker shares it. (Reported against AWS and
    Ceph RGW in seaweedfs/seaweedfs#10416, fixed to match in seaweedfs#10419.)"""
    bucket = make_bucket("Enabled")
    fill(bucket, ["backup/2025/manifest", "backup/2025/data", "live/x", "top"])
    for key in ("backup/2025/manifest", "backup/2025/data"):
        delete_now(bucket, key)
    assert list_keys(bucket, prefix="backup/").objects == []
    assert list_keys(bucket, prefix="backup/", delimiter="/").common_prefixes == []
    page = list_keys(bucket, delimiter="/")
    assert page.common_prefixes == ["live/"]
    assert [obj.key for obj in page.objects] == ["top"]
