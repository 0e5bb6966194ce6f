"""Delete many keys in batches of 1,000, retrying the keys S3 reports as throttled."""

from __future__ import annotations

import time
from typing import Any

RETRYABLE = {"SlowDown", "InternalError", "ServiceUnavailable"}


def delete_keys(s3: Any, bucket: str, keys: list[str], *, attempts: int = 5,
                pause: float = 0.0) -> list[dict[str, str]]:
    """Delete ``keys``; return the per-key errors that remain after ``attempts`` tries."""
    pending, failed = list(keys), []
    for attempt in range(attempts):
        retry = []
        failed = []
        for start in range(0, len(pending), 1000):
            batch = [{"Key": key} for key in pending[start : start + 1000]]
            response = s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
            for error in response.get("Errors", []):
                (retry if error["Code"] in RETRYABLE else failed).append(error)
        pending = [error["Key"] for error in retry]
        if not pending:
            return failed
        time.sleep(pause * 2**attempt)
    return failed + [{"Key": key, "Code": "GaveUp"} for key in pending]
