"""Directory buckets (S3 Express One Zone): CreateBucket's directory form,
CreateSession and ListDirectoryBuckets.

S3 API reference, CreateBucket: a directory bucket is created on the Regional endpoint
(``s3express-control.<region>``, path style) with ``<Location><Type>AvailabilityZone``
``</Type><Name>zone-id</Name></Location>`` and ``<Bucket><Type>Directory</Type>``
``<DataRedundancy>SingleAvailabilityZone</DataRedundancy></Bucket>``; its name follows
``base-name--zone-id--x-s3`` (S3 user guide, "Directory bucket naming rules").
CreateSession and ListDirectoryBuckets: see their handlers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import ErrorCode, Message, S3Error, invalid_argument, not_implemented
from ...model.bucket import Bucket
from ...model.naming import directory_bucket_zone, region_of_zone
from ...model.sessions import SessionMode, create_session
from ...model.store import Store
from ..common.paging import bucket_token, decode_bucket_token
from ..declaration import operation
from ..request import S3Request
from ..results import DirectoryBucketList, Empty, SessionCreated

AVAILABILITY_ZONE = "AvailabilityZone"
SINGLE_AVAILABILITY_ZONE = "SingleAvailabilityZone"
SESSION_MODE = "x-amz-create-session-mode"
ENCRYPTION = "x-amz-server-side-encryption"
MAX_DIRECTORY_BUCKETS = 1000


@dataclass(frozen=True, slots=True)
class DirectoryConfiguration:
    """CreateBucketConfiguration's ``Location`` and ``Bucket`` elements."""

    location_type: str
    location_name: str
    bucket_type: str
    data_redundancy: str


def bucket_arn(bucket: Bucket) -> str:
    return f"arn:aws:s3express:{bucket.region}:{bucket.owner}:bucket/{bucket.name}"


def create_directory_bucket(
    store: Store, request: S3Request, name: str, configuration: DirectoryConfiguration
) -> Empty:
    """The bucket's zone is the Location's, named again in the bucket name, and lies in
    the Region the request was sent to. A name without that zone is 400
    InvalidBucketName; a zone of another Region is S3's IllegalLocationConstraint
    answer; Local Zones (``LocalZone``, ``SingleLocalZone``) are 501."""
    zone = _zone(configuration)
    if directory_bucket_zone(name) != zone:
        raise S3Error(ErrorCode.INVALID_BUCKET_NAME, BucketName=name)
    if region_of_zone(zone) != request.region:
        raise S3Error(
            ErrorCode.ILLEGAL_LOCATION_CONSTRAINT,
            Message.LOCATION_CONSTRAINT_INCOMPATIBLE.format(constraint=zone),
        )
    if "x-amz-bucket-object-lock-enabled" in request.headers:
        raise not_implemented("x-amz-bucket-object-lock-enabled")
    existing = store.bucket(name)
    if existing is not None:
        code = ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU
        if existing.owner != store.account_id:
            code = ErrorCode.BUCKET_ALREADY_EXISTS
        raise S3Error(code, BucketName=name)
    bucket = store.create_directory_bucket(name, zone_id=zone)
    return Empty(headers={"Location": f"/{name}", "x-amz-bucket-arn": bucket_arn(bucket)})


def _zone(configuration: DirectoryConfiguration) -> str:
    if configuration.location_type != AVAILABILITY_ZONE:
        raise not_implemented(f"Location.Type={configuration.location_type}", "element")
    if configuration.data_redundancy != SINGLE_AVAILABILITY_ZONE:
        raise not_implemented(f"Bucket.DataRedundancy={configuration.data_redundancy}", "element")
    if configuration.bucket_type != "Directory" or not configuration.location_name:
        raise S3Error(ErrorCode.MALFORMED_XML)
    return configuration.location_name


@operation("CreateSession", headers=(SESSION_MODE, ENCRYPTION), query={"session"})
def create_session_operation(store: Store, request: S3Request) -> SessionCreated:
    """S3 API reference, CreateSession: temporary credentials for one directory bucket,
    expiring 5 minutes later on the double's clock; ``ReadWrite`` unless the request
    asks for ``ReadOnly``. Encryption is SSE-S3 (AES256), the default; SSE-KMS is 501."""
    name = request.require_bucket()
    bucket = store.bucket(name)
    if bucket is None or not bucket.is_directory:
        raise S3Error(ErrorCode.NO_SUCH_BUCKET, BucketName=name)
    value = request.headers.get(SESSION_MODE, SessionMode.READ_WRITE.value)
    try:
        mode = SessionMode(value)
    except ValueError:
        raise invalid_argument(Message.INVALID_SESSION_MODE, SESSION_MODE, value) from None
    if request.headers.get(ENCRYPTION, "AES256") != "AES256":
        raise not_implemented(ENCRYPTION)
    session = create_session(bucket.name, mode, store.now())
    return SessionCreated(session, {ENCRYPTION: "AES256"})


@operation("ListDirectoryBuckets", query={"max-directory-buckets", "continuation-token"})
def list_directory_buckets(store: Store, request: S3Request) -> DirectoryBucketList:
    """S3 API reference, ListDirectoryBuckets: the caller's directory buckets in the
    Region of the Regional endpoint, by name, at most ``max-directory-buckets`` (up to
    1,000) a page; the ``ContinuationToken`` of a truncated page resumes."""
    limit = request.integer("max-directory-buckets", minimum=0)
    if limit is not None and limit > MAX_DIRECTORY_BUCKETS:
        raise invalid_argument(
            Message.MAX_DIRECTORY_BUCKETS_RANGE,
            "max-directory-buckets", str(limit),
        )
    after = decode_bucket_token(request.query.get("continuation-token"))
    buckets = [
        bucket for bucket in store
        if bucket.is_directory and bucket.owner == store.account_id
        and bucket.region == request.region and bucket.name > after
    ]
    limit = MAX_DIRECTORY_BUCKETS if limit is None else limit
    token = None
    if len(buckets) > limit:
        buckets = buckets[:limit]
        token = bucket_token(buckets[-1].name) if buckets else None
    return DirectoryBucketList(buckets, token, store.account_id)


