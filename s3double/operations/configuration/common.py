"""What the bucket configuration operations share: the bucket a request configures, its
document, and the copies of stored documents they keep and give back."""

from __future__ import annotations

import base64
import copy
import uuid
from typing import Any

from ...errors import ErrorCode, Message, S3Error
from ...model.bucket import Bucket
from ...model.configuration import Document
from ...model.store import Store
from ..common.authorization import authorize
from ..common.integrity import verify_checksum, verify_content_md5
from ..common.lookup import existing_bucket
from ..request import S3Request


def configured_bucket(store: Store, request: S3Request, action: str) -> Bucket:
    """The request's bucket, authorized for ``action`` by its policy. Directory buckets
    take few of these configurations and s3double models none of them there: 501."""
    bucket = existing_bucket(store, request)
    if bucket.is_directory:
        raise S3Error(
            ErrorCode.NOT_IMPLEMENTED,
            Message.DIRECTORY_OPERATION_NOT_IMPLEMENTED.format(operation=request.operation),
        )
    authorize(store, bucket, request, action)
    return bucket


def configuration_document(request: S3Request) -> dict[str, Any]:
    """The request's configuration, read by its botocore shape, after its Content-MD5
    and checksum (when sent) are verified."""
    verify_content_md5(request)
    verify_checksum(request)
    document: dict[str, Any] = request.document()
    return document


def kept(document: Document) -> Document:
    """A copy to store: the request's document cannot change it afterwards."""
    return copy.deepcopy(dict(document))


def given_back(document: Document) -> dict[str, Any]:
    """A copy to answer with: the stored configuration cannot be changed through it."""
    return copy.deepcopy(dict(document))


def generated_id() -> str:
    """An ID for a rule sent without one, as S3 makes them: the base64 of a version-4
    UUID's text, 48 characters (facts-lifecycle.md §2.2)."""
    return base64.b64encode(str(uuid.uuid4()).encode()).decode()
