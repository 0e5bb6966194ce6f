"""GetObject / HeadObject through boto3: by version, delete markers, bad version ids,
byte ranges, conditional requests.

Expected messages: tests/data/aws/facts-objects.md sections 5 to 9.
"""

from __future__ import annotations

import datetime as dt

import pytest
from s3_refusals import refused

UTC = dt.timezone.utc
NO_SUCH_KEY = "The specified key does not exist."
METHOD_NOT_ALLOWED = "The specified method is not allowed against this resource."
PRECONDITION_FAILED = "At least one of the pre-conditions you specified did not hold"
BODY = b"0123456789"
# A well-formed id no bucket here ever issued (facts-objects.md 5, recorded on an
# unversioned bucket).
FOREIGN_VERSION_ID = "HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD"


def body_of(response) -> bytes:  # noqa: ANN001
    return response["Body"].read()


@pytest.fixture
def history(s3, versioned_bucket):  # noqa: ANN001, ANN201
    """Key ``k`` with two versions under a delete marker: (v1, v2, marker)."""
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"two")["VersionId"]
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    return v1, v2, marker


# -- by version ---------------------------------------------------------------------


def test_get_and_head_each_version(s3, versioned_bucket):
    ids = [s3.put_object(Bucket=versioned_bucket, Key="k", Body=body)["VersionId"]
           for body in (b"one", b"two", b"three")]

    for version_id, body in zip(ids, (b"one", b"two", b"three"), strict=True):
        got = s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=version_id)
        head = s3.head_object(Bucket=versioned_bucket, Key="k", VersionId=version_id)
        assert (got["VersionId"], body_of(got)) == (version_id, body)
        assert (head["VersionId"], head["ContentLength"]) == (version_id, len(body))
    latest = s3.get_object(Bucket=versioned_bucket, Key="k")
    assert (latest["VersionId"], body_of(latest)) == (ids[-1], b"three")


def test_null_version_of_unversioned_bucket(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"data")

    got = s3.get_object(Bucket=bucket, Key="k", VersionId="null")

    assert body_of(got) == b"data"
    assert "VersionId" not in got


@pytest.mark.parametrize("operation", ["get_object", "head_object"])
def test_missing_key(s3double, s3, bucket, operation):
    answer = refused(s3double.store, getattr(s3, operation), Bucket=bucket, Key="absent")

    assert answer.status == 404
    assert answer.error == (
        {"Code": "NoSuchKey", "Message": NO_SUCH_KEY, "Key": "absent"}
        if operation == "get_object" else {"Code": "404", "Message": "Not Found"}
    )
    assert "x-amz-delete-marker" not in answer.headers


# -- delete markers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        ("get_object", {"Code": "NoSuchKey", "Message": NO_SUCH_KEY, "Key": "k"}),
        ("head_object", {"Code": "404", "Message": "Not Found"}),
    ],
)
def test_current_delete_marker_is_404_with_marker_headers(
    s3double, s3, versioned_bucket, history, operation, error
):
    answer = refused(s3double.store, getattr(s3, operation), Bucket=versioned_bucket, Key="k")

    assert answer.status == 404
    assert answer.error == error
    assert answer.headers["x-amz-delete-marker"] == "true"
    assert answer.headers["x-amz-version-id"] == history[2]


@pytest.mark.parametrize("operation", ["get_object", "head_object"])
def test_current_delete_marker_sends_its_last_modified(
    s3double, s3, versioned_bucket, operation
):
    """facts-objects.md 6: S3 sends the marker's Last-Modified with the 404 (AWS
    announcement of 27-09-2023)."""
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")
    s3double.clock.set(dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC))
    s3.delete_object(Bucket=versioned_bucket, Key="k")

    answer = refused(s3double.store, getattr(s3, operation), Bucket=versioned_bucket, Key="k")

    assert answer.headers.get("last-modified") == "Tue, 04 Mar 2025 05:06:07 GMT"


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        ("get_object", {"Code": "MethodNotAllowed", "Message": METHOD_NOT_ALLOWED,
                        "Method": "GET", "ResourceType": "DeleteMarker"}),
        ("head_object", {"Code": "405", "Message": "Method Not Allowed"}),
    ],
)
def test_delete_marker_by_version_id_is_405(
    s3double, s3, versioned_bucket, history, operation, error
):
    answer = refused(
        s3double.store, getattr(s3, operation),
        Bucket=versioned_bucket, Key="k", VersionId=history[2],
    )

    assert answer.status == 405
    assert answer.error == error
    assert answer.headers["allow"] == "DELETE"
    assert answer.headers["x-amz-delete-marker"] == "true"
    assert answer.headers["x-amz-version-id"] == history[2]


def test_versions_under_a_delete_marker_stay_readable(s3, versioned_bucket, history):
    for version_id, body in zip(history[:2], (b"one", b"two"), strict=True):
        assert body_of(s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=version_id)) == body


# -- bad or gone version ids ---------------------------------------------------------


@pytest.mark.parametrize("versioned", [False, True], ids=["unversioned", "versioned"])
def test_version_id_never_issued_is_invalid_argument(s3double, s3, versioned):
    s3.create_bucket(Bucket="ids")
    if versioned:
        s3.put_bucket_versioning(Bucket="ids", VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket="ids", Key="k", Body=b"x")

    answer = refused(
        s3double.store, s3.get_object, Bucket="ids", Key="k", VersionId=FOREIGN_VERSION_ID
    )

    assert answer.status == 400
    assert answer.error == {
        "Code": "InvalidArgument",
        "Message": "Invalid version id specified",
        "ArgumentName": "versionId",
        "ArgumentValue": FOREIGN_VERSION_ID,
    }


def test_head_with_version_id_never_issued_is_400_without_body(s3double, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")

    answer = refused(
        s3double.store, s3.head_object, Bucket=bucket, Key="k", VersionId=FOREIGN_VERSION_ID
    )

    assert (answer.status, answer.error) == (400, {"Code": "400", "Message": "Bad Request"})


def test_deleted_version_is_no_such_version(s3double, s3, versioned_bucket):
    gone = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"1")["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"2")
    s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=gone)

    answer = refused(
        s3double.store, s3.get_object, Bucket=versioned_bucket, Key="k", VersionId=gone
    )

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchVersion",
        "Message": "The specified version does not exist.",
        "Key": "k",
        "VersionId": gone,
    }
    assert "x-amz-delete-marker" not in answer.headers
    assert "x-amz-version-id" not in answer.headers


# -- ranges -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("range_", "content_range", "data"),
    [
        ("bytes=0-3", "bytes 0-3/10", b"0123"),
        ("bytes=4-4", "bytes 4-4/10", b"4"),
        ("bytes=-3", "bytes 7-9/10", b"789"),
        ("bytes=5-", "bytes 5-9/10", b"56789"),
        ("bytes=8-100", "bytes 8-9/10", b"89"),
        ("bytes=-100", "bytes 0-9/10", BODY),
    ],
    ids=["first-four", "one-byte", "suffix", "open", "past-end", "suffix-longer-than-object"],
)
def test_range_is_206_with_content_range(s3, bucket, range_, content_range, data):
    s3.put_object(Bucket=bucket, Key="k", Body=BODY)

    got = s3.get_object(Bucket=bucket, Key="k", Range=range_)

    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert got["ContentRange"] == content_range
    assert got["ContentLength"] == len(data)
    assert body_of(got) == data


@pytest.mark.parametrize("range_", ["bytes=10-", "bytes=20-30"])
def test_unsatisfiable_range_is_416(s3double, s3, bucket, range_):
    s3.put_object(Bucket=bucket, Key="k", Body=BODY)

    answer = refused(s3double.store, s3.get_object, Bucket=bucket, Key="k", Range=range_)

    assert answer.status == 416
    assert answer.error == {
        "Code": "InvalidRange",
        "Message": "The requested range is not satisfiable",
        "RangeRequested": range_,
        "ActualObjectSize": "10",
    }


# -- conditional requests -----------------------------------------------------------

MODIFIED = dt.datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
BEFORE = MODIFIED - dt.timedelta(hours=1)
AFTER = MODIFIED + dt.timedelta(hours=1)
ETAG = '"781e5e245d69b566979b86e28d23f2c7"'  # MD5 of BODY
OTHER_ETAG = '"00000000000000000000000000000000"'

CONDITIONS = [
    ({"IfMatch": ETAG}, 200),
    ({"IfMatch": "*"}, 200),
    ({"IfMatch": OTHER_ETAG}, ("If-Match", 412)),
    ({"IfNoneMatch": ETAG}, 304),
    ({"IfNoneMatch": OTHER_ETAG}, 200),
    ({"IfModifiedSince": BEFORE}, 200),
    ({"IfModifiedSince": MODIFIED}, 304),
    ({"IfModifiedSince": AFTER}, 304),
    ({"IfUnmodifiedSince": AFTER}, 200),
    ({"IfUnmodifiedSince": MODIFIED}, 200),
    ({"IfUnmodifiedSince": BEFORE}, ("If-Unmodified-Since", 412)),
    # S3 API reference, GetObject: If-Match true wins over If-Unmodified-Since false, and
    # If-None-Match false with If-Modified-Since true is 304.
    ({"IfMatch": ETAG, "IfUnmodifiedSince": BEFORE}, 200),
    ({"IfNoneMatch": ETAG, "IfModifiedSince": BEFORE}, 304),
]
CONDITION_IDS = [
    "if-match", "if-match-star", "if-match-differs", "if-none-match-matches",
    "if-none-match-differs",
    "modified-since-before", "modified-since-same", "modified-since-after",
    "unmodified-since-after", "unmodified-since-same", "unmodified-since-fails",
    "if-match-beats-unmodified-since", "if-none-match-beats-modified-since",
]


@pytest.fixture
def dated(s3double, s3, bucket):  # noqa: ANN001, ANN201
    s3double.clock.set(MODIFIED)
    s3.put_object(Bucket=bucket, Key="k", Body=BODY)
    s3double.clock.set(AFTER + dt.timedelta(days=1))
    return bucket


@pytest.mark.parametrize(("conditions", "outcome"), CONDITIONS, ids=CONDITION_IDS)
def test_get_object_conditions(s3double, s3, dated, conditions, outcome):
    if outcome == 200:
        got = s3.get_object(Bucket=dated, Key="k", **conditions)
        assert (got["ETag"], body_of(got)) == (ETAG, BODY)
        return
    answer = refused(s3double.store, s3.get_object, Bucket=dated, Key="k", **conditions)
    if outcome == 304:
        assert (answer.status, answer.headers["etag"]) == (304, ETAG)
        return
    condition, status = outcome
    assert answer.status == status
    assert answer.error == {
        "Code": "PreconditionFailed", "Message": PRECONDITION_FAILED, "Condition": condition,
    }


def test_get_not_modified_has_no_error_body(s3double, s3, dated):
    """RFC 9110 15.4.5: a 304 ends with its headers, so botocore sees only the status
    (moto's tests, written against S3, expect the same Error)."""
    answer = refused(s3double.store, s3.get_object, Bucket=dated, Key="k", IfNoneMatch=ETAG)

    assert answer.error == {"Code": "304", "Message": "Not Modified"}


@pytest.mark.parametrize(("conditions", "outcome"), CONDITIONS, ids=CONDITION_IDS)
def test_head_object_conditions(s3double, s3, dated, conditions, outcome):
    if outcome == 200:
        assert s3.head_object(Bucket=dated, Key="k", **conditions)["ETag"] == ETAG
        return
    status = outcome if outcome == 304 else outcome[1]
    reason = {304: "Not Modified", 412: "Precondition Failed"}[status]

    answer = refused(s3double.store, s3.head_object, Bucket=dated, Key="k", **conditions)

    assert (answer.status, answer.error) == (status, {"Code": str(status), "Message": reason})
