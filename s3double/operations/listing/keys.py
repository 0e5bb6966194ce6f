"""ListObjects and ListObjectsV2: parameters in, one page of keys out.

Parameter checks follow S3's recorded answers: a non-integer max-keys, a negative
one (worded per operation), an encoding type other than ``url``, a bad
continuation token, a version-id marker without a key marker. MaxKeys above 1,000
is served as 1,000.
"""

from __future__ import annotations

import base64
import binascii

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import Bucket
from ...model.directory_listing import list_directory
from ...model.listing import list_keys
from ...model.store import Store
from ..common.authorization import authorize
from ..common.lookup import existing_bucket
from ..declaration import operation
from ..request import S3Request
from ..results import KeyListing
from .parameters import LIST_QUERY, PAGE_LIMIT, common_parameters

_V1_V2_NEGATIVE = Message.INTEGER_BETWEEN.format(name="maxKeys", minimum=0)


@operation("ListObjects", query=(*LIST_QUERY, "marker"))
def list_objects(store: Store, request: S3Request) -> KeyListing:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:ListBucket")
    max_keys, encoding, prefix, delimiter = common_parameters(request, _V1_V2_NEGATIVE, "maxKeys")
    marker = request.query.get("marker", "")
    page = list_keys(bucket, prefix=prefix, delimiter=delimiter, after=marker,
                     max_keys=min(max_keys, PAGE_LIMIT))
    return KeyListing(bucket.name, page, 1, prefix, delimiter, max_keys, encoding, bucket.owner,
                      marker=marker)


@operation(
    "ListObjectsV2",
    query=(*LIST_QUERY, "list-type", "start-after", "continuation-token", "fetch-owner"),
)
def list_objects_v2(store: Store, request: S3Request) -> KeyListing:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:ListBucket")
    max_keys, encoding, prefix, delimiter = common_parameters(request, _V1_V2_NEGATIVE, "maxKeys")
    if bucket.is_directory:
        return _list_directory(bucket, request, max_keys, encoding, prefix, delimiter)
    token = request.query.get("continuation-token")
    start_after = request.query.get("start-after")
    after = _token_position(token) if token is not None else (start_after or "")
    page = list_keys(bucket, prefix=prefix, delimiter=delimiter, after=after,
                     max_keys=min(max_keys, PAGE_LIMIT))
    next_token = _token_for(page.last) if page.is_truncated and page.last is not None else None
    return KeyListing(
        bucket.name, page, 2, prefix, delimiter, max_keys, encoding, bucket.owner,
        start_after=start_after if token is None else None,
        continuation_token=token,
        next_continuation_token=next_token,
        fetch_owner=request.query.get("fetch-owner", "").lower() == "true",
    )


def _list_directory(
    bucket: Bucket, request: S3Request, max_keys: int, encoding: str | None, prefix: str,
    delimiter: str,
) -> KeyListing:
    """S3 user guide, "Differences for directory buckets": no lexicographic order (see
    ``model.directory_listing``), prefixes must end in the delimiter, ``/`` is the only
    delimiter; StartAfter "is not supported for directory buckets". S3's exact errors
    are not documented: a bad prefix or delimiter is 400 InvalidArgument, StartAfter 501."""
    if "start-after" in request.query:
        raise S3Error(ErrorCode.NOT_IMPLEMENTED, Message.DIRECTORY_START_AFTER,
                      ArgumentName="start-after")
    if delimiter not in ("", "/"):
        raise invalid_argument(Message.DIRECTORY_DELIMITER,
                               "delimiter", delimiter)
    if prefix and not prefix.endswith("/"):
        raise invalid_argument(
            Message.DIRECTORY_PREFIX,
            "prefix", prefix,
        )
    token = request.query.get("continuation-token")
    after = _token_position(token, _DIRECTORY_MARK) if token is not None else None
    page = list_directory(bucket, prefix=prefix, delimiter=delimiter, after=after,
                          max_keys=min(max_keys, PAGE_LIMIT))
    next_token = None
    if page.is_truncated and page.last is not None:
        next_token = _token_for(page.last, _DIRECTORY_MARK)
    return KeyListing(
        bucket.name, page, 2, prefix, delimiter, max_keys, encoding, bucket.owner,
        continuation_token=token, next_continuation_token=next_token,
        fetch_owner=request.query.get("fetch-owner", "").lower() == "true",
        storage_class=EXPRESS_ONEZONE,
    )


EXPRESS_ONEZONE = "EXPRESS_ONEZONE"  # S3 Express One Zone, the directory buckets' class
_TOKEN_MARK = b"s3double:"
_DIRECTORY_MARK = b"s3double-directory:"


def _token_for(last: str, mark: bytes = _TOKEN_MARK) -> str:
    return base64.b64encode(mark + last.encode("utf-8", "surrogatepass")).decode()


def _token_position(token: str, mark: bytes = _TOKEN_MARK) -> str:
    """The key a continuation token resumes after; S3's InvalidArgument for a bad one."""
    try:
        raw = base64.b64decode(token, validate=True)
        if raw.startswith(mark):
            return raw[len(mark):].decode("utf-8", "surrogatepass")
    except (binascii.Error, ValueError):
        pass
    raise invalid_argument(Message.INVALID_CONTINUATION_TOKEN, "continuation-token", None)
