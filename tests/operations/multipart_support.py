"""Helpers for the multipart tests (not a test module): start an upload, send parts,
and a refusal check that also covers the buckets' in-progress uploads."""

from __future__ import annotations

from typing import Any

from s3_refusals import Refusal, refused

MB = 1024 * 1024
BIG = b"a" * (5 * MB)  # the smallest part that may come before another
NO_SUCH_UPLOAD = (
    "The specified upload does not exist. The upload ID may be invalid, or the upload may "
    "have been aborted or completed."
)


def start(s3: Any, bucket: str, key: str = "k", **params: Any) -> str:
    return s3.create_multipart_upload(Bucket=bucket, Key=key, **params)["UploadId"]


def send(s3: Any, bucket: str, upload_id: str, number: int, body: bytes, key: str = "k",
         **params: Any) -> dict[str, Any]:
    """Upload one part; the ``Parts`` entry CompleteMultipartUpload wants for it."""
    response = s3.upload_part(
        Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=body, **params
    )
    return {"PartNumber": number, "ETag": response["ETag"]}


def uploads_of(store: Any) -> list[tuple[str, list[tuple[str, str, dict[int, Any]]]]]:
    """Every bucket's in-progress uploads with their parts."""
    return [
        (bucket.name, [(u.upload_id, u.key, dict(u.parts)) for u in bucket.uploads])
        for bucket in store
    ]


def refused_upload(store: Any, call: Any, /, **params: Any) -> Refusal:
    """``refused`` (objects unchanged), and the uploads and their parts unchanged too."""
    before = uploads_of(store)
    answer = refused(store, call, **params)
    assert uploads_of(store) == before, "a refused request changed the uploads"
    return answer
