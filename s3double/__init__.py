"""s3double: an in-process Amazon S3 for boto3/botocore tests, faithful where deletes are hard.

    with s3double.mock_s3() as s3:
        s3.store.create_bucket("photos", versioning="Enabled")
        boto3.client("s3").delete_objects(...)
"""

from __future__ import annotations

from .errors import ErrorCode, InternalDoubleError, S3Error, UnservedRequestError

__version__ = "0.1.0"
__all__ = [
    "ErrorCode", "InternalDoubleError", "S3Double", "S3Error", "UnservedRequestError", "__version__",
    "mock_aws", "mock_s3",
]

try:
    from ._double import S3Double, mock_aws, mock_s3
    from .wire import hook as _hook
except ModuleNotFoundError as missing:  # pragma: no cover - exercised in a subprocess test
    # Without botocore (or xmltodict) the pure model in s3double.model still works.
    if missing.name not in ("botocore", "xmltodict"):
        raise
else:
    _hook.install()
