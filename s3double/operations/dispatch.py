"""Serve one request: refuse what is not modelled, then run the handler under the
store's lock."""

from __future__ import annotations

import re
from typing import Any

from ..errors import ErrorCode, Message, S3Error
from ..model.store import Store
from .catalogue import OPERATIONS
from .common.zonal import check_directory_request
from .request import S3Request

ACCOUNT_ID = re.compile(r"[0-9]{12}")


def run(store: Store, request: S3Request) -> Any:
    """The operation's result, or the S3Error that answers the request instead."""
    declared = OPERATIONS.get(request.operation)
    if declared is None:
        raise S3Error(
            ErrorCode.NOT_IMPLEMENTED,
            Message.OPERATION_NOT_IMPLEMENTED.format(operation=request.operation),
        )
    declared.check_supported(request.headers, request.query)
    expected_owner = request.headers.get("x-amz-expected-bucket-owner")
    with store.lock:
        store.apply_lifecycle()  # what S3's daily lifecycle runs did by now (model.lifecycle)
        check_directory_request(store, request)
        if expected_owner is not None and request.bucket:
            check_expected_owner(store, request.bucket, expected_owner)
        return declared.handler(store, request)


def check_expected_owner(store: Store, bucket_name: str, expected: str) -> None:
    """S3 answers 400 InvalidBucketOwnerAWSAccountID when x-amz-expected-bucket-owner is
    not a 12-digit account id, and 403 when it is not the bucket's account
    (tests/data/aws/facts-misc-answers.md §2)."""
    if not ACCOUNT_ID.fullmatch(expected):
        raise S3Error(
            ErrorCode.INVALID_BUCKET_OWNER_ACCOUNT_ID,
            Message.EXPECTED_OWNER_NOT_ACCOUNT.format(value=expected),
        )
    bucket = store.bucket(bucket_name)
    if bucket is not None and bucket.owner != expected:
        raise S3Error(ErrorCode.ACCESS_DENIED)
