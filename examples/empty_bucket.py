"""The classic "empty a versioned bucket" routine: page through ListObjectVersions and
delete in DeleteObjects batches of at most 1,000, reporting per-key failures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

BATCH = 1000


def _identifiers(s3: Any, bucket: str) -> Iterator[dict[str, str]]:
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
            yield {"Key": entry["Key"], "VersionId": entry["VersionId"]}


def empty_bucket(s3: Any, bucket: str) -> tuple[int, list[dict[str, str]]]:
    """Delete every version and delete marker; return (deleted count, errors)."""
    deleted, errors, batch = 0, [], []
    for identifier in _identifiers(s3, bucket):
        batch.append(identifier)
        if len(batch) == BATCH:
            deleted, errors = _flush(s3, bucket, batch, deleted, errors)
            batch = []
    if batch:
        deleted, errors = _flush(s3, bucket, batch, deleted, errors)
    return deleted, errors


def _flush(s3: Any, bucket: str, batch: list, deleted: int, errors: list) -> tuple[int, list]:
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
    failed = response.get("Errors", [])
    return deleted + len(batch) - len(failed), errors + failed
