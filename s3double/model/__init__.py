"""The in-memory model of Amazon S3: buckets, object versions, delete markers.

Rule of this package: nothing here imports from outside ``s3double.model`` (and the
standard library). No botocore, no xmltodict, no HTTP. The model speaks S3's
user-guide verbs and returns outcomes as plain values, so it can be tested on its
own and reused behind any front end. Time comes from an injected ``Clock``.
"""

from __future__ import annotations

from .bucket import Bucket, VersioningState
from .clock import Clock, ControlledClock, SystemClock
from .outcomes import Deleted, Refusal, Refused
from .store import Store
from .versions import NULL_VERSION_ID, DeleteMarker, ObjectVersion, VersionStack

__all__ = [
    "NULL_VERSION_ID",
    "Bucket",
    "Clock",
    "ControlledClock",
    "DeleteMarker",
    "Deleted",
    "ObjectVersion",
    "Refusal",
    "Refused",
    "Store",
    "SystemClock",
    "VersionStack",
    "VersioningState",
]
