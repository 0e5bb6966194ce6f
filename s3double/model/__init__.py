"""The in-memory model of Amazon S3: buckets, object versions, delete markers.

Layering rule: nothing under ``model/`` imports from outside it, only the standard
library: no botocore, no xmltodict, no HTTP, not even ``s3double.errors``. Imports
point one way, ``_double -> wire -> operations -> model``, so ``tests/model/`` runs
without botocore and both front doors reuse the model untouched
(``tests/test_import_graph.py`` checks the imports form no circle). The model speaks S3's
user-guide verbs and returns outcomes as plain values, so it can be tested on its
own and reused behind any front end. Time comes from an injected ``Clock``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Exports load on first use, so importing one model module stays cheap.
_EXPORTS = {
    "NULL_VERSION_ID": "versions",
    "Bucket": "bucket",
    "BucketKind": "bucket",
    "Clock": "clock",
    "ControlledClock": "clock",
    "DeleteMarker": "versions",
    "Deleted": "outcomes",
    "ObjectVersion": "versions",
    "Refusal": "outcomes",
    "Refused": "outcomes",
    "Store": "store",
    "SystemClock": "clock",
    "VersionStack": "versions",
    "VersioningState": "bucket",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
