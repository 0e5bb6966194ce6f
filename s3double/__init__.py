"""s3double: an in-process Amazon S3 for boto3/botocore tests, faithful where deletes are hard.

    with s3double.mock_s3() as s3:
        s3.store.create_bucket("photos", versioning="Enabled")
        boto3.client("s3").delete_objects(...)
"""

from __future__ import annotations

from ._double import S3Double, mock_s3
from .errors import ErrorCode, S3Error, UnservedRequestError
from .wire import hook as _hook

__version__ = "0.1.0"
__all__ = ["ErrorCode", "S3Double", "S3Error", "UnservedRequestError", "__version__", "mock_s3"]

_hook.install()
