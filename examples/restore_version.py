"""Restore an older version of an object in a versioned bucket: the usual way.

S3 has no "undelete" or "rollback" call. To bring back an older version you copy it
onto its own key, naming it by VersionId: CopyObject then makes a new current version
with the old bytes, metadata and tags, and every version stays in the history (the
bad write, or the delete marker, included), so a restore can itself be undone.
"""

from __future__ import annotations

from typing import Any


def restore_version(s3: Any, bucket: str, key: str, version_id: str) -> str:
    """Make ``version_id`` of ``key`` current again; the new version's id."""
    response = s3.copy_object(
        Bucket=bucket, Key=key, CopySource={"Bucket": bucket, "Key": key, "VersionId": version_id}
    )
    return str(response["VersionId"])


def previous_version(s3: Any, bucket: str, key: str) -> str | None:
    """The id of the newest version of ``key`` that is not current (under a delete
    marker, the newest version there is), or None."""
    pages = s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=key)
    versions = [v for page in pages for v in page.get("Versions", []) if v["Key"] == key]
    older = versions[1:] if versions and versions[0]["IsLatest"] else versions
    return str(older[0]["VersionId"]) if older else None


def undo_last_write(s3: Any, bucket: str, key: str) -> str | None:
    """Undo the last overwrite or delete of ``key``; the new version's id, or None when
    there is nothing to go back to."""
    version_id = previous_version(s3, bucket, key)
    return restore_version(s3, bucket, key, version_id) if version_id is not None else None
