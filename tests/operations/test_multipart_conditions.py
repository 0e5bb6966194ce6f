"""If-None-Match and If-Match on CompleteMultipartUpload: checked against the key when
completing, and refused with 409 ConditionalRequestConflict when the key was written or
deleted after the upload began. A refused completion leaves the upload in progress.

Facts: tests/data/aws/facts-copy-multipart.md section 6 (LocalStack's
test_s3_api.py::TestS3ObjectWritePrecondition, recorded against AWS 2026-02-21); each
test names the recorded test it repeats.
"""

from __future__ import annotations

from typing import Any

import pytest
from multipart_support import refused_upload, send, start

PRECONDITION = "At least one of the pre-conditions you specified did not hold"
CONFLICT = (
    "The conditional request cannot succeed due to a conflicting operation against this resource."
)
KEY = "test-precondition"


class Upload:
    """One upload of ``test`` as its only part, completed (or refused) on demand."""

    def __init__(self, s3: Any, store: Any, bucket: str) -> None:
        self.s3, self.store, self.bucket = s3, store, bucket
        self.upload_id = start(s3, bucket, key=KEY)
        self.parts = [send(s3, bucket, self.upload_id, 1, b"test", key=KEY)]

    def _params(self, conditions: dict[str, str]) -> dict[str, Any]:
        return {"Bucket": self.bucket, "Key": KEY, "UploadId": self.upload_id,
                "MultipartUpload": {"Parts": self.parts}, **conditions}

    def complete(self, **conditions: str) -> dict[str, Any]:
        return self.s3.complete_multipart_upload(**self._params(conditions))

    def refused(self, **conditions: str) -> Any:
        return refused_upload(self.store, self.s3.complete_multipart_upload,
                              **self._params(conditions))


@pytest.fixture
def upload(s3double, s3, bucket):  # noqa: ANN001, ANN201
    return lambda: Upload(s3, s3double.store, bucket)


def put(s3, bucket: str, body: bytes = b"test") -> str:  # noqa: ANN001
    return s3.put_object(Bucket=bucket, Key=KEY, Body=body)["ETag"]


def conflict(condition: str) -> dict[str, str]:
    return {"Code": "ConditionalRequestConflict", "Message": CONFLICT, "Condition": condition,
            "Key": KEY}


def precondition(condition: str) -> dict[str, str]:
    return {"Code": "PreconditionFailed", "Message": PRECONDITION, "Condition": condition}


def test_if_none_match_completes_where_no_object_is(s3, bucket, upload):
    completed = upload().complete(IfNoneMatch="*")

    assert s3.head_object(Bucket=bucket, Key=KEY)["ETag"] == completed["ETag"]


def test_if_none_match_with_delete(s3, bucket, upload):
    """``test_multipart_if_none_match_with_delete``: 412 while the object is there, 409
    once it was deleted after the upload began; a new upload then completes."""
    put(s3, bucket)
    started = upload()

    existing = started.refused(IfNoneMatch="*")
    s3.delete_object(Bucket=bucket, Key=KEY)
    after_delete = started.refused(IfNoneMatch="*")
    restarted = upload().complete(IfNoneMatch="*")

    assert (existing.status, existing.error) == (412, precondition("If-None-Match"))
    assert (after_delete.status, after_delete.error) == (409, conflict("If-None-Match"))
    assert s3.get_object(Bucket=bucket, Key=KEY)["ETag"] == restarted["ETag"]


def test_if_none_match_with_put(s3, bucket, upload):
    """``test_multipart_if_none_match_with_put``: an object put after the upload began."""
    started = upload()
    s3.put_object(Bucket=bucket, Key=KEY, Body=b"", IfNoneMatch="*")

    answer = started.refused(IfNoneMatch="*")

    assert (answer.status, answer.error) == (412, precondition("If-None-Match"))


def test_if_match_with_put(s3, bucket, upload):
    """``test_multipart_if_match_with_put``: the old ETag is 412, the new one 409 (written
    after the upload began), and an upload begun after that write completes."""
    first = put(s3, bucket)
    started = upload()
    second = put(s3, bucket, b"test2")

    old_etag = started.refused(IfMatch=first)
    new_etag = started.refused(IfMatch=second)
    restarted = upload().complete(IfMatch=second)

    assert (old_etag.status, old_etag.error) == (412, precondition("If-Match"))
    assert (new_etag.status, new_etag.error) == (409, conflict("If-Match"))
    assert s3.head_object(Bucket=bucket, Key=KEY)["ETag"] == restarted["ETag"]


def test_if_match_with_put_identical(s3, bucket, upload):
    """``test_multipart_if_match_with_put_identical``: the same bytes again are still a
    write in between."""
    etag = put(s3, bucket)
    started = upload()
    assert put(s3, bucket) == etag

    answer = started.refused(IfMatch=etag)

    assert (answer.status, answer.error) == (409, conflict("If-Match"))


def test_if_match_with_delete(s3, bucket, upload):
    """``test_multipart_if_match_with_delete``: 404 once deleted, 409 once re-created."""
    etag = put(s3, bucket)
    started = upload()
    s3.delete_object(Bucket=bucket, Key=KEY)

    deleted = started.refused(IfMatch=etag)
    recreated_etag = put(s3, bucket)
    recreated = started.refused(IfMatch=recreated_etag)

    assert (deleted.status, deleted.error) == (404, {
        "Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": KEY,
    })
    assert (recreated.status, recreated.error) == (409, conflict("If-Match"))


def test_if_match_etag(s3, bucket, upload):
    """``test_multipart_if_match_etag``: after a multipart overwrite only its ``-1`` ETag
    matches."""
    single = put(s3, bucket)
    multipart = upload().complete(IfMatch=single)["ETag"]
    started = upload()

    stale = started.refused(IfMatch=single)
    completed = started.complete(IfMatch=multipart)

    assert multipart.endswith('-1"') and multipart != single
    assert (stale.status, stale.error) == (412, precondition("If-Match"))
    assert completed["ETag"] == multipart  # the same single part "test" again


def test_a_tag_change_in_between_is_no_write(s3, bucket, upload):
    etag = put(s3, bucket)
    started = upload()
    s3.put_object_tagging(Bucket=bucket, Key=KEY, Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})

    completed = started.complete(IfMatch=etag)

    assert completed["ETag"].endswith('-1"')


def test_in_a_versioned_bucket_a_delete_marker_counts_as_a_delete(s3, versioned_bucket, s3double):
    s3.put_object(Bucket=versioned_bucket, Key=KEY, Body=b"test")
    started = Upload(s3, s3double.store, versioned_bucket)
    s3.delete_object(Bucket=versioned_bucket, Key=KEY)

    answer = started.refused(IfNoneMatch="*")

    assert (answer.status, answer.error) == (409, conflict("If-None-Match"))


@pytest.mark.parametrize(
    ("conditions", "header", "message"),
    [
        ({"IfNoneMatch": '"abc"'}, "If-None-Match",
         "We don't accept the provided value of If-None-Match header for this API"),
        ({"IfMatch": "*"}, "If-Match",
         "We don't accept the provided value of If-Match header for this API"),
        ({"IfMatch": '"abc"', "IfNoneMatch": "*"}, "If-Match,If-None-Match",
         "Multiple conditional request headers present in the request"),
    ],
)
def test_condition_values_s3_does_not_accept(upload, conditions, header, message):
    """facts 6.4: PutObject's recorded 501s, which the same checks give here."""
    answer = upload().refused(**conditions)

    assert (answer.status, answer.error["Header"], answer.error["additionalMessage"]) == (
        501, header, message,
    )
