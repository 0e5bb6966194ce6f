"""list_versions: ListObjectVersions semantics (s3double/model/listing.py).

S3 API reference, ListObjectVersions: keys in UTF-8 binary order, each key's
versions and delete markers newest first, the first one ``IsLatest``; every
version and every common prefix counts toward MaxKeys; a truncated page names
NextKeyMarker / NextVersionIdMarker, and the next page starts just after them.
"""

from __future__ import annotations

import pytest
from model_helpers import EPOCH, MakeBucket

from s3double.model import NULL_VERSION_ID, Bucket, VersioningState
from s3double.model.deletion import delete_key
from s3double.model.listing import VersionPage, list_versions

Row = tuple[str, str, bool, bool]  # (key, version id, is delete marker, is latest)
KEYS = ["a/1", "a/2", "b", "c/x/1", "d", "é", "\U0001f600"]


def rows(page: VersionPage) -> list[Row]:
    return [(e.key, e.version_id, e.is_delete_marker, latest) for e, latest in page.entries]


def busy_bucket(make_bucket: MakeBucket) -> Bucket:
    """Every key gets several versions, some delete markers, one a null version."""
    bucket = make_bucket()
    bucket.put("b", b"pre-versioning")  # stays the null version of "b"
    bucket.set_versioning(VersioningState.ENABLED)
    for round_ in range(3):
        for n, key in enumerate(KEYS[::-1]):
            if (round_ + n) % 3 == 2:
                delete_key(bucket, key, now=EPOCH)
            else:
                bucket.put(key, f"{key} {round_}".encode())
    return bucket


def reference(bucket: Bucket, keys: list[str], prefix: str = "", delimiter: str = "") -> list:
    """Versions (as rows) and common prefixes, in listing order, by brute force."""
    out: list = []
    for key in sorted(keys, key=str.encode):
        if not key.startswith(prefix):
            continue
        cut = key.find(delimiter, len(prefix)) if delimiter else -1
        if cut >= 0:
            if key[: cut + len(delimiter)] not in out:
                out.append(key[: cut + len(delimiter)])
            continue
        entries = bucket.versions(key)
        out += [(key, e.version_id, e.is_delete_marker, i == 0) for i, e in enumerate(entries)]
    return out


def merged(page: VersionPage) -> list:
    """Rows and prefixes in listing order (a prefix sorts where its keys would)."""
    everything = [(row[0], row) for row in rows(page)] + [(p, p) for p in page.common_prefixes]
    return [item for _, item in sorted(everything, key=lambda pair: pair[0].encode())]


def test_versions_come_newest_first_and_only_the_first_is_latest(make_bucket: MakeBucket) -> None:
    bucket = busy_bucket(make_bucket)
    page = list_versions(bucket)
    assert rows(page) == reference(bucket, KEYS)
    assert any(row[2] for row in rows(page)), "the bucket holds delete markers"
    assert any(row[1] == NULL_VERSION_ID for row in rows(page)), "and a null version"
    for key in KEYS:
        mine = [row for row in rows(page) if row[0] == key]
        assert [row[3] for row in mine] == [True] + [False] * (len(mine) - 1)
    assert not page.is_truncated
    assert page.next_key_marker is None and page.next_version_id_marker is None


def test_delete_markers_are_listed_and_a_marker_on_top_is_latest(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    version = bucket.put("k", b"x")
    marker = delete_key(bucket, "k", now=EPOCH).delete_marker_version_id  # type: ignore[union-attr]  # a plain delete is never Refused
    assert rows(list_versions(bucket)) == [("k", marker, True, True),
                                           ("k", version.version_id, False, False)]


def test_an_unversioned_bucket_lists_null_versions(make_bucket: MakeBucket) -> None:
    """Recorded: ListObjectVersions on an unversioned bucket shows VersionId ``null``."""
    bucket = make_bucket()
    for key in ("x", "y"):
        bucket.put(key, b"1")
    assert rows(list_versions(bucket)) == [(key, NULL_VERSION_ID, False, True) for key in "xy"]


@pytest.mark.parametrize(("prefix", "delimiter"), [("", "/"), ("a", "/"), ("a/", "/"), ("c/", "/"),
                                                   ("c/", ""), ("é", ""), ("", "x/"), ("zz", "/")])
def test_prefix_and_delimiter(make_bucket: MakeBucket, prefix: str, delimiter: str) -> None:
    bucket = busy_bucket(make_bucket)
    page = list_versions(bucket, prefix=prefix, delimiter=delimiter)
    assert merged(page) == reference(bucket, KEYS, prefix, delimiter)


def test_a_prefix_holding_only_delete_markers_is_still_listed(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    delete_key(bucket, "gone/k", now=EPOCH)
    assert list_versions(bucket, delimiter="/").common_prefixes == ["gone/"]


@pytest.mark.parametrize("max_keys", [1, 2, 5, 9])
def test_max_keys_counts_versions_and_prefixes(make_bucket: MakeBucket, max_keys: int) -> None:
    bucket = busy_bucket(make_bucket)
    everything = reference(bucket, KEYS, "", "/")
    page = list_versions(bucket, delimiter="/", max_keys=max_keys)
    assert merged(page) == everything[:max_keys]
    assert page.is_truncated is (len(everything) > max_keys)
    last = everything[max_keys - 1]
    expected_markers = (last, None) if isinstance(last, str) else (last[0], last[1])
    assert (page.next_key_marker, page.next_version_id_marker) == expected_markers


def test_max_keys_zero_lists_nothing(make_bucket: MakeBucket) -> None:
    page = list_versions(busy_bucket(make_bucket), max_keys=0)
    assert page.entries == [] and page.common_prefixes == []


def page_through(bucket: Bucket, max_keys: int, prefix: str = "", delimiter: str = "") -> list:
    seen: list = []
    key_marker = version_id_marker = ""
    for _ in range(1000):
        page = list_versions(bucket, prefix=prefix, delimiter=delimiter, key_marker=key_marker,
                             version_id_marker=version_id_marker, max_keys=max_keys)
        assert len(page.entries) + len(page.common_prefixes) <= max_keys
        seen += merged(page)
        if not page.is_truncated:
            return seen
        key_marker = page.next_key_marker or ""
        version_id_marker = page.next_version_id_marker or ""
    raise AssertionError("paging never ended")


@pytest.mark.parametrize("max_keys", [1, 2, 3, 4, 7, 100])
@pytest.mark.parametrize(("prefix", "delimiter"), [("", ""), ("", "/"), ("a/", "")])
def test_paging_with_markers_gives_every_version_once_in_order(make_bucket: MakeBucket,
                                                               max_keys: int, prefix: str,
                                                               delimiter: str) -> None:
    bucket = busy_bucket(make_bucket)
    assert page_through(bucket, max_keys, prefix, delimiter) == reference(bucket, KEYS, prefix,
                                                                          delimiter)


@pytest.mark.parametrize("skip", [1, 2, 3])
def test_version_id_marker_resumes_inside_a_key(make_bucket: MakeBucket, skip: int) -> None:
    bucket = make_bucket("Enabled")
    ids = [bucket.put("k", f"{n}".encode()).version_id for n in range(4)][::-1]
    bucket.put("l", b"next key")
    page = list_versions(bucket, key_marker="k", version_id_marker=ids[skip - 1])
    resumed = [row[1:] for row in rows(page) if row[0] == "k"]
    assert resumed == [(version_id, False, False) for version_id in ids[skip:]]
    assert [row[0] for row in rows(page)][-1] == "l"


def test_key_marker_alone_skips_that_whole_key(make_bucket: MakeBucket) -> None:
    bucket = busy_bucket(make_bucket)
    page = list_versions(bucket, key_marker="b")
    assert rows(page) == [row for row in reference(bucket, KEYS) if row[0].encode() > b"b"]


def test_a_common_prefix_marker_is_not_repeated(make_bucket: MakeBucket) -> None:
    bucket = busy_bucket(make_bucket)
    page = list_versions(bucket, delimiter="/", key_marker="a/")
    assert "a/" not in page.common_prefixes
    assert all(not row[0].startswith("a/") for row in rows(page))


@pytest.mark.parametrize("vanished", [1, 2], ids=["marker-version", "older-too"])
def test_paging_keeps_its_place_when_the_marker_version_is_deleted(make_bucket: MakeBucket,
                                                                   vanished: int) -> None:
    """The model's own rule (listing.py ``_resume_index``): if the marker version has
    been deleted since the last page, resume just after where it was."""
    bucket = make_bucket("Enabled")
    ids = [bucket.put("k", f"{n}".encode()).version_id for n in range(5)][::-1]
    first = list_versions(bucket, max_keys=2)
    assert first.next_version_id_marker == ids[1]
    for version_id in ids[1:1 + vanished]:
        bucket.remove("k", version_id)
    rest = list_versions(bucket, key_marker="k", version_id_marker=ids[1])
    assert [row[1] for row in rows(rest)] == ids[1 + vanished:]


def test_paging_keeps_its_place_past_a_newer_null_version(make_bucket: MakeBucket) -> None:
    """Same rule, with a ``null`` version (made while Suspended) newer than the deleted
    marker: it was listed on the first page and must not come back."""
    bucket = make_bucket("Enabled")
    older = [bucket.put("k", b"1").version_id, bucket.put("k", b"2").version_id]
    bucket.set_versioning(VersioningState.SUSPENDED)
    bucket.put("k", b"null")
    bucket.set_versioning(VersioningState.ENABLED)
    newest = bucket.put("k", b"3").version_id
    first = list_versions(bucket, max_keys=3)
    assert [row[1] for row in rows(first)] == [newest, NULL_VERSION_ID, older[1]]
    bucket.remove("k", older[1])
    rest = list_versions(bucket, key_marker="k", version_id_marker=older[1])
    assert [row[1] for row in rows(rest)] == [older[0]]
