"""What answers tell of a version's write options, and the checks a read of one must pass.

S3 echoes encryption on every write and read (tests/data/aws/facts-encryption.md §1:
``AES256`` for SSE-S3; ``aws:kms`` with the key ARN, and the bucket key header only
when one is used; for SSE-C the customer algorithm and key MD5 and no
``x-amz-server-side-encryption``); GetObject and HeadObject add the storage class when
it is not STANDARD, the website redirect, and ``x-amz-restore`` once a restore was asked
(facts-storage-class-restore.md §1.5, §3.4). An SSE-C object is read only with its key
(facts-encryption.md §5.3), an archived one only once restored (§2.1 of the
storage-class facts).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from ... import values
from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.object_options import STANDARD, Encryption, ObjectOptions
from ...model.storage import RestoreState, readable, restore_state, storage_class_of
from ...model.versions import ObjectVersion
from ...values import http_date
from ..request import S3Request
from .write_options import CUSTOMER, CUSTOMER_FIELDS, customer_key

SSE_S3_HEADERS = {"x-amz-server-side-encryption": "AES256"}
# GetObject / HeadObject query parameters and the headers they replace (S3 API
# reference, GetObject; facts-misc-answers.md §5).
RESPONSE_OVERRIDES = {
    "response-cache-control": "Cache-Control",
    "response-content-disposition": "Content-Disposition",
    "response-content-encoding": "Content-Encoding",
    "response-content-language": "Content-Language",
    "response-content-type": "Content-Type",
    "response-expires": "Expires",
}


def encryption_headers(encryption: Encryption | None, *, customer: bool = True) -> dict[str, str]:
    """The encryption headers of an answer; ``customer=False`` leaves out SSE-C's (as
    CompleteMultipartUpload does)."""
    if encryption is None:
        return dict(SSE_S3_HEADERS)
    if encryption.customer_key_md5 is not None:
        if not customer:
            return {}
        return {
            "x-amz-server-side-encryption-customer-algorithm": encryption.customer_algorithm or "AES256",
            "x-amz-server-side-encryption-customer-key-MD5": encryption.customer_key_md5,
        }
    headers = {"x-amz-server-side-encryption": encryption.algorithm}
    if encryption.kms_key_id is not None:
        headers["x-amz-server-side-encryption-aws-kms-key-id"] = encryption.kms_key_id
    if encryption.bucket_key:
        headers["x-amz-server-side-encryption-bucket-key-enabled"] = "true"
    return headers


def encryption_of(options: ObjectOptions | None) -> Encryption | None:
    return options.encryption if options is not None else None


def read_headers(options: ObjectOptions | None, now: _dt.datetime) -> dict[str, str]:
    """The option headers of a GetObject or HeadObject answer."""
    headers = encryption_headers(encryption_of(options))
    if options is None:
        return headers
    if options.storage_class != STANDARD:
        headers["x-amz-storage-class"] = options.storage_class
    if options.website_redirect is not None:
        headers["x-amz-website-redirect-location"] = options.website_redirect
    restore = restore_header(options, now)
    if restore is not None:
        headers["x-amz-restore"] = restore
    return headers


def restore_header(options: ObjectOptions, now: _dt.datetime) -> str | None:
    """``x-amz-restore`` as S3 writes it (botocore's HeadObjectOutput.Restore)."""
    state = restore_state(options, now)
    if state is None or options.restore is None:
        return None
    if state is RestoreState.ONGOING:
        return 'ongoing-request="true"'
    return f'ongoing-request="false", expiry-date="{http_date(options.restore.expires_at)}"'


def check_customer_key(request: S3Request, version: ObjectVersion, prefix: str = CUSTOMER) -> None:
    """A read of an SSE-C version needs its key; SSE-C headers on another version are
    refused too (facts-encryption.md §5.3; the latter: §6)."""
    stored = encryption_of(version.options)
    stored_md5 = stored.customer_key_md5 if stored is not None else None
    if not any(prefix + field in request.headers for field in CUSTOMER_FIELDS):
        if stored_md5 is not None:
            raise S3Error(ErrorCode.INVALID_REQUEST, Message.SSE_C_REQUIRED)
        return
    given = customer_key(request, prefix)
    if stored_md5 is None:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.SSE_C_NOT_APPLICABLE)
    if given != stored_md5:
        raise S3Error(ErrorCode.ACCESS_DENIED, Message.SSE_C_WRONG_KEY)


def check_readable(version: ObjectVersion, now: _dt.datetime) -> None:
    """403 InvalidObjectState for an archived version not restored (now)."""
    if not readable(version.options, now):
        raise S3Error(ErrorCode.INVALID_OBJECT_STATE, StorageClass=storage_class_of(version.options))


def override_headers(headers: dict[str, str], query: Mapping[str, str]) -> None:
    """Apply the ``response-*`` query parameters to a successful read's headers. An
    ``Expires`` that is no date is 400 InvalidArgument (S3's answer is not recorded;
    passed through, no SDK could read the response)."""
    for parameter, header in RESPONSE_OVERRIDES.items():
        value = query.get(parameter)
        if value is None:
            continue
        if header == "Expires" and values.timestamp(value) is None:
            raise invalid_argument(Message.INVALID_QUERY_VALUE.format(name=parameter), parameter, value)
        headers[header] = value
