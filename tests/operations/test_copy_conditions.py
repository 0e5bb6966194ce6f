"""The ``x-amz-copy-source-if-*`` conditions, on CopyObject and UploadPartCopy alike: each
alone, the combinations S3 documents, and versioned sources.

Facts: tests/data/aws/facts-copy-multipart.md section 2 (LocalStack's
test_s3_preconditions.py::TestS3CopySourcePreconditions and
TestS3Multipart::test_upload_part_copy_with_copy_source_if_*, recorded against AWS).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from multipart_support import refused_upload, start

PRECONDITION = "At least one of the pre-conditions you specified did not hold"
WRITTEN = dt.datetime(2025, 3, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
NOW = WRITTEN + dt.timedelta(hours=1)
BEFORE = WRITTEN - dt.timedelta(minutes=5)
AFTER = WRITTEN + dt.timedelta(minutes=5)
FUTURE = NOW + dt.timedelta(days=1)


class Copier:
    """Copies ``src`` by one of the two operations, with the given conditions."""

    def __init__(self, s3: Any, store: Any, bucket: str, operation: str) -> None:
        self.s3, self.store, self.bucket, self.operation = s3, store, bucket, operation
        self.upload_id = start(s3, bucket, key="dst") if operation == "upload_part_copy" else ""

    def _call(self, **params: Any) -> Any:
        if self.operation == "copy_object":
            return self.s3.copy_object(Bucket=self.bucket, Key="dst", **params)
        return self.s3.upload_part_copy(
            Bucket=self.bucket, Key="dst", UploadId=self.upload_id, PartNumber=1, **params
        )

    def copy(self, version_id: str | None = None, **conditions: Any) -> bytes:
        """Copy, and the bytes the copy wrote (the object, or the upload's part)."""
        self._call(CopySource=self.source(version_id), **conditions)
        bucket = self.store.bucket(self.bucket)
        if self.operation == "copy_object":
            return bucket.current("dst").body
        return bucket.uploads.get(self.upload_id, "dst").parts[1].body

    def refused(self, version_id: str | None = None, **conditions: Any) -> Any:
        return refused_upload(self.store, self._call, CopySource=self.source(version_id),
                              **conditions)

    def source(self, version_id: str | None) -> dict[str, str]:
        source = {"Bucket": self.bucket, "Key": "src"}
        return source if version_id is None else {**source, "VersionId": version_id}


@pytest.fixture(params=["copy_object", "upload_part_copy"])
def copier(request, s3double, s3, bucket):  # noqa: ANN001, ANN201
    s3double.clock.set(WRITTEN)
    s3.put_object(Bucket=bucket, Key="src", Body=b"source")
    s3double.clock.set(NOW)
    return Copier(s3, s3double.store, bucket, request.param)


@pytest.fixture
def etag(s3, bucket, copier):  # noqa: ANN001, ANN201
    return s3.head_object(Bucket=bucket, Key="src")["ETag"]


def assert_precondition_failed(answer: Any, condition: str) -> None:
    assert (answer.status, answer.error) == (412, {
        "Code": "PreconditionFailed", "Message": PRECONDITION, "Condition": condition,
    })


def test_if_match_holds(copier, etag):
    assert copier.copy(CopySourceIfMatch=etag) == b"source"


def test_if_match_fails(copier):
    answer = copier.refused(CopySourceIfMatch='"not-matching"')

    assert_precondition_failed(answer, "x-amz-copy-source-If-Match")


def test_if_none_match_holds(copier):
    assert copier.copy(CopySourceIfNoneMatch="none-match") == b"source"


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "without-quotes"])
def test_if_none_match_fails_on_the_etag_quoted_or_not(copier, etag, quoted):
    """facts 2.2: an ETag without its quotes still matches (``copy-etag-missing-quotes``)."""
    answer = copier.refused(CopySourceIfNoneMatch=etag if quoted else etag.strip('"'))

    assert_precondition_failed(answer, "x-amz-copy-source-If-None-Match")


def test_if_unmodified_since_holds(copier):
    assert copier.copy(CopySourceIfUnmodifiedSince=AFTER) == b"source"


def test_if_unmodified_since_fails(copier):
    answer = copier.refused(CopySourceIfUnmodifiedSince=BEFORE)

    assert_precondition_failed(answer, "x-amz-copy-source-If-Unmodified-Since")


def test_if_modified_since_holds(copier):
    assert copier.copy(CopySourceIfModifiedSince=BEFORE) == b"source"


@pytest.mark.parametrize("since", [WRITTEN, AFTER], ids=["the-write", "after-it"])
def test_if_modified_since_fails(copier, since):
    answer = copier.refused(CopySourceIfModifiedSince=since)

    assert_precondition_failed(answer, "x-amz-copy-source-If-Modified-Since")


def test_if_modified_since_in_the_future_is_ignored(copier):
    """facts 2.2: ``..._if_modified_since_in_future_success``."""
    assert copier.copy(CopySourceIfModifiedSince=FUTURE) == b"source"


def test_if_match_true_wins_over_if_unmodified_since_false(copier, etag):
    """facts 2.2: ``..._if_match_and_if_unmodified_since_match``."""
    assert copier.copy(CopySourceIfMatch=etag, CopySourceIfUnmodifiedSince=BEFORE) == b"source"


def test_if_none_match_true_does_not_save_if_unmodified_since_false(copier):
    """facts 2.2: ``..._if_none_match_and_if_unmodified_since_match_failed``."""
    answer = copier.refused(CopySourceIfNoneMatch="not-matching",
                            CopySourceIfUnmodifiedSince=BEFORE)

    assert_precondition_failed(answer, "x-amz-copy-source-If-Unmodified-Since")


def test_if_none_match_false_fails_even_with_if_modified_since_true(copier, etag):
    """facts 2.2 (BC CopyObject): If-None-Match false and If-Modified-Since true is 412."""
    answer = copier.refused(CopySourceIfNoneMatch=etag, CopySourceIfModifiedSince=BEFORE)

    assert_precondition_failed(answer, "x-amz-copy-source-If-None-Match")


@pytest.mark.parametrize("operation", ["copy_object", "upload_part_copy"])
def test_a_versioned_source_is_judged_by_the_version_copied(s3double, s3, versioned_bucket,
                                                            operation):
    """facts 2.2: conditions apply to the source version copied."""
    s3double.clock.set(WRITTEN)
    old = s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"old")
    s3double.clock.set(NOW)
    s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"new")
    copier = Copier(s3, s3double.store, versioned_bucket, operation)

    assert copier.copy(old["VersionId"], CopySourceIfMatch=old["ETag"],
                       CopySourceIfUnmodifiedSince=AFTER) == b"old"
    answer = copier.refused(CopySourceIfMatch=old["ETag"])

    assert_precondition_failed(answer, "x-amz-copy-source-If-Match")
