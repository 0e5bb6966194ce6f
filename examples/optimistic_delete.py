"""Delete an object only if it is unchanged since you read it (optimistic concurrency).

A cleanup job reads an object, decides it is stale, and deletes it. Between the read
and the delete another writer may replace it; a plain DeleteObject would then destroy
the new data. DeleteObject's ``If-Match`` (S3, since November 2024) makes the delete
conditional on the ETag that was read: S3 answers 412 PreconditionFailed if the
object changed, and the new object stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError


def delete_if_unchanged(s3: Any, bucket: str, key: str, etag: str) -> bool:
    """Delete ``key`` if its ETag is still ``etag``; False if it changed or is gone."""
    try:
        s3.delete_object(Bucket=bucket, Key=key, IfMatch=etag)
    except ClientError as error:
        if error.response["Error"]["Code"] in ("PreconditionFailed", "NoSuchKey"):
            return False
        raise
    return True


def expire_if_stale(s3: Any, bucket: str, key: str, is_stale: Callable[[bytes], bool],
                    *, attempts: int = 3) -> bool:
    """Read ``key``; if ``is_stale(body)``, delete it, unless it changed meanwhile, in
    which case read it again and decide again. True if it was deleted."""
    for _ in range(attempts):
        try:
            read = s3.get_object(Bucket=bucket, Key=key)
        except ClientError as error:
            if error.response["Error"]["Code"] == "NoSuchKey":
                return False
            raise
        if not is_stale(read["Body"].read()):
            return False
        if delete_if_unchanged(s3, bucket, key, read["ETag"]):
            return True
    return False
