"""ListObjectVersions through boto3: IsLatest, delete markers listed apart, key and
version-id markers, paging (tests/data/aws/facts-listing.md section 5, and
facts-deletes.md section 2 for null versions).
"""

from __future__ import annotations

import pytest
from s3_refusals import refused

# Per key, oldest first: "v" an object version, "m" a delete marker.
PLAN = {"a": "vvv", "b": "vm", "c": "m", "d/x": "vmv", "d/y": "v", "e": "v"}


@pytest.fixture
def history(s3double, s3):  # noqa: ANN001, ANN201
    """Bucket ``history`` seeded from PLAN; returns S3's listing order as
    (key, version id, is delete marker, is latest) tuples."""
    bucket = s3double.store.create_bucket("history", versioning="Enabled")
    order = []
    for key, kinds in sorted(PLAN.items()):
        made = [bucket.put(key, b"x") if kind == "v" else bucket.add_delete_marker(key)
                for kind in kinds]
        order.extend(
            (key, entry.version_id, kind == "m", position == 0)
            for position, (entry, kind) in enumerate(zip(reversed(made), reversed(kinds), strict=True))
        )
    return order


def entries_of(response) -> set[tuple[str, str, bool, bool]]:  # noqa: ANN001
    return {
        (entry["Key"], entry["VersionId"], kind == "DeleteMarkers", entry["IsLatest"])
        for kind in ("Versions", "DeleteMarkers")
        for entry in response.get(kind, [])
    }


def test_versions_and_delete_markers_are_listed_apart(s3, history):
    response = s3.list_object_versions(Bucket="history")

    as_listed = [
        (entry["Key"], entry["VersionId"], entry["IsLatest"]) for entry in response["Versions"]
    ]
    assert as_listed == [(key, vid, latest) for key, vid, marker, latest in history if not marker]
    markers = [
        (entry["Key"], entry["VersionId"], entry["IsLatest"]) for entry in response["DeleteMarkers"]
    ]
    assert markers == [(key, vid, latest) for key, vid, marker, latest in history if marker]
    assert all("Size" not in entry and "ETag" not in entry for entry in response["DeleteMarkers"])
    assert {entry["Size"] for entry in response["Versions"]} == {1}


@pytest.mark.parametrize("status", [None, "Suspended"])
def test_null_versions_are_listed_as_null(s3, status):
    s3.create_bucket(Bucket="nulls")
    if status:
        s3.put_bucket_versioning(Bucket="nulls", VersioningConfiguration={"Status": status})
    s3.put_object(Bucket="nulls", Key="k", Body=b"1")
    s3.put_object(Bucket="nulls", Key="k", Body=b"22")

    versions = s3.list_object_versions(Bucket="nulls")["Versions"]

    assert [(v["Key"], v["VersionId"], v["IsLatest"], v["Size"]) for v in versions] == [
        ("k", "null", True, 2)
    ]


@pytest.mark.parametrize("max_keys", [1, 2, 3, 5])
def test_next_markers_page_through_every_entry(s3, history, max_keys):
    params: dict[str, str] = {}
    position = 0
    while True:
        page = s3.list_object_versions(Bucket="history", MaxKeys=max_keys, **params)
        expected = history[position : position + max_keys]
        assert entries_of(page) == set(expected)
        position += len(expected)
        if not page["IsTruncated"]:
            assert "NextKeyMarker" not in page and "NextVersionIdMarker" not in page
            break
        assert (page["NextKeyMarker"], page["NextVersionIdMarker"]) == expected[-1][:2]
        params = {"KeyMarker": page["NextKeyMarker"], "VersionIdMarker": page["NextVersionIdMarker"]}
    assert position == len(history)


@pytest.mark.parametrize("page_size", [1, 2, 4])
def test_paginator_returns_every_version_once(s3, history, page_size):
    pages = s3.get_paginator("list_object_versions").paginate(
        Bucket="history", PaginationConfig={"PageSize": page_size}
    )

    seen = [entry for page in pages for entry in sorted(entries_of(page), key=history.index)]

    assert seen == history


def test_paginator_with_delimiter(s3, history):
    pages = list(
        s3.get_paginator("list_object_versions").paginate(
            Bucket="history", Delimiter="/", PaginationConfig={"PageSize": 2}
        )
    )

    prefixes = [common["Prefix"] for page in pages for common in page.get("CommonPrefixes", [])]
    seen = [entry for page in pages for entry in sorted(entries_of(page), key=history.index)]
    assert prefixes == ["d/"]
    assert seen == [entry for entry in history if not entry[0].startswith("d/")]


def test_key_marker_alone_skips_every_version_of_that_key(s3, history):
    response = s3.list_object_versions(Bucket="history", KeyMarker="b")

    assert entries_of(response) == {entry for entry in history if entry[0] > "b"}
    assert response["KeyMarker"] == "b"


def test_version_id_marker_resumes_inside_a_key(s3, history):
    a_versions = [entry for entry in history if entry[0] == "a"]

    response = s3.list_object_versions(
        Bucket="history", KeyMarker="a", VersionIdMarker=a_versions[0][1]
    )

    assert entries_of(response) == set(history[1:])
    assert response["VersionIdMarker"] == a_versions[0][1]


def test_version_id_marker_without_key_marker(s3double, s3, history):
    marker = history[0][1]

    answer = refused(s3double.store, s3.list_object_versions, Bucket="history", VersionIdMarker=marker)

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidArgument",
        "Message": "A version-id marker cannot be specified without a key marker.",
        "ArgumentName": "version-id-marker",
        "ArgumentValue": marker,
    }


@pytest.mark.parametrize(
    ("marker", "message"),
    [("bad-vid", "Invalid version id specified"), ("", "A version-id marker cannot be empty.")],
    ids=["malformed", "empty"],
)
def test_bad_version_id_marker_with_key_marker(s3double, s3, history, marker, message):
    answer = refused(
        s3double.store, s3.list_object_versions, Bucket="history", KeyMarker="a",
        VersionIdMarker=marker,
    )

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidArgument",
        "Message": message,
        "ArgumentName": "version-id-marker",
        "ArgumentValue": marker or None,  # botocore reads S3's empty <ArgumentValue/> as None
    }
