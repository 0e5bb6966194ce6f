"""Bucket operations: create, head, delete, list, location."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.bucket import VersioningState
from ...model.configuration import ObjectOwnership, constraint_region
from ...model.naming import is_valid_bucket_name
from ...model.store import Store
from ...values import enum_value
from ..common.authorization import authorize
from ..common.lookup import existing_bucket
from ..common.paging import bucket_token, decode_bucket_token
from ..declaration import operation
from ..request import DEFAULT_REGION, S3Request
from ..results import BucketList, Empty, LocationResult
from .directory import DirectoryConfiguration, bucket_arn, create_directory_bucket


@dataclass(frozen=True, slots=True)
class BucketConfiguration:
    """The CreateBucketConfiguration body, as far as s3double models it."""

    location_constraint: str | None = None
    directory: DirectoryConfiguration | None = None  # Location and Bucket: a directory bucket


OBJECT_OWNERSHIP = "x-amz-object-ownership"


@operation(
    "CreateBucket", headers={"x-amz-bucket-object-lock-enabled", OBJECT_OWNERSHIP},
    body=BucketConfiguration,
)
def create_bucket(store: Store, request: S3Request) -> Empty:
    name = request.require_bucket()
    configuration: BucketConfiguration = (
        request.document() if request.body.strip() else BucketConfiguration()
    )
    if configuration.directory is not None:
        return create_directory_bucket(store, request, name, configuration.directory)
    if not is_valid_bucket_name(name):
        raise S3Error(ErrorCode.INVALID_BUCKET_NAME, BucketName=name)
    ownership = _requested_ownership(request)
    region, constraint = _region_for(configuration.location_constraint, request.region)
    existing = store.bucket(name)
    if existing is not None:
        if existing.owner != store.account_id:
            raise S3Error(ErrorCode.BUCKET_ALREADY_EXISTS, BucketName=name)
        if existing.region != DEFAULT_REGION or region != DEFAULT_REGION:
            raise S3Error(ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU, BucketName=name)
        # us-east-1 keeps its legacy answer: 200, and "resets the bucket access control
        # lists" (botocore's BucketAlreadyOwnedByYou documentation); nothing else changes.
        existing.configure(acl=None)
        return Empty(headers={"Location": f"/{name}"})
    bucket = store.create_bucket(
        name, region=region, object_lock=bool(request.flag("x-amz-bucket-object-lock-enabled"))
    )
    if ownership is not None:
        bucket.configure(ownership=ownership)
    if constraint != region:
        bucket.configure(location_constraint=constraint)  # EU, as GetBucketLocation answers
    location = f"/{name}" if region == DEFAULT_REGION else f"http://{name}.s3.amazonaws.com/"
    return Empty(headers={"Location": location})


def _requested_ownership(request: S3Request) -> ObjectOwnership | None:
    """``x-amz-object-ownership``: one of the three settings, else 400 InvalidArgument
    (tests/data/aws/facts-acl-ownership.md §4.3)."""
    text = request.headers.get(OBJECT_OWNERSHIP)
    if text is None:
        return None
    ownership = enum_value(ObjectOwnership, text)
    if ownership is None:
        raise invalid_argument(
            Message.INVALID_OBJECT_OWNERSHIP.format(value=text), OBJECT_OWNERSHIP, None
        )
    return ownership


def _region_for(constraint: str | None, endpoint_region: str) -> tuple[str, str]:
    """The bucket's region, and the constraint as GetBucketLocation gives it back.

    S3 API reference, CreateBucket, and the answers recorded from S3
    (tests/data/aws/facts-buckets.md §2, facts-bucket-configuration.md §9.3): no
    constraint means us-east-1, which only a us-east-1 client may ask for. A us-east-1
    client may name any other region (the bucket is made there), but ``us-east-1`` or a
    value naming no region (``foo``, ``aws-global``) is InvalidLocationConstraint. Any
    other region's endpoint takes only its own region (``EU`` names eu-west-1), and
    answers anything else with IllegalLocationConstraintException naming the value.
    """
    if constraint is None or constraint == "":
        if endpoint_region != DEFAULT_REGION:
            raise S3Error(ErrorCode.ILLEGAL_LOCATION_CONSTRAINT)
        return DEFAULT_REGION, DEFAULT_REGION
    region = constraint_region(constraint)
    if endpoint_region == DEFAULT_REGION:
        if region is None or region == DEFAULT_REGION:
            raise S3Error(ErrorCode.INVALID_LOCATION_CONSTRAINT, LocationConstraint=constraint)
        return region, constraint
    if region != endpoint_region:
        raise S3Error(
            ErrorCode.ILLEGAL_LOCATION_CONSTRAINT,
            Message.LOCATION_CONSTRAINT_INCOMPATIBLE.format(constraint=constraint),
        )
    return region, constraint


@operation("HeadBucket")
def head_bucket(store: Store, request: S3Request) -> Empty:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:ListBucket")
    headers = {
        "x-amz-bucket-region": bucket.region,
        "x-amz-access-point-alias": "false",
        "Content-Type": "application/xml",
    }
    if bucket.is_directory:  # S3 API reference, HeadBucket: the location, for directory buckets
        headers.update({
            "x-amz-bucket-location-type": "AvailabilityZone",
            "x-amz-bucket-location-name": bucket.zone_id or "",
            "x-amz-bucket-arn": bucket_arn(bucket),
        })
    return Empty(headers=headers)


@operation("DeleteBucket")
def delete_bucket(store: Store, request: S3Request) -> Empty:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:DeleteBucket")
    # S3 API reference, DeleteBucket: a directory bucket with multipart uploads in
    # progress cannot be deleted until they are aborted or completed.
    if not bucket.is_empty() or (bucket.is_directory and len(bucket.uploads)):
        message = ErrorCode.BUCKET_NOT_EMPTY.message
        if bucket.versioning is not VersioningState.UNVERSIONED:
            message = Message.BUCKET_NOT_EMPTY_VERSIONED
        raise S3Error(ErrorCode.BUCKET_NOT_EMPTY, message, BucketName=bucket.name)
    store.delete_bucket(bucket.name)
    return Empty(status=204)


@operation("GetBucketLocation", query={"location"})
def get_bucket_location(store: Store, request: S3Request) -> LocationResult:
    bucket = existing_bucket(store, request)
    authorize(store, bucket, request, "s3:GetBucketLocation")
    return LocationResult(bucket.settings.location_constraint or bucket.region)


@operation(
    "ListBuckets", query={"max-buckets", "continuation-token", "prefix", "bucket-region"}
)
def list_buckets(store: Store, request: S3Request) -> BucketList:
    prefix = request.query.get("prefix")
    region = request.query.get("bucket-region")
    limit = request.integer("max-buckets", minimum=1)
    if limit is not None and limit > 10000:
        raise invalid_argument(Message.MAX_BUCKETS_RANGE, "max-buckets", str(limit))
    after = decode_bucket_token(request.query.get("continuation-token"))
    buckets = [
        bucket
        for bucket in store
        if bucket.owner == store.account_id
        and not bucket.is_directory  # ListDirectoryBuckets lists those
        and bucket.name > after
        and (prefix is None or bucket.name.startswith(prefix))
        and (region is None or bucket.region == region)
    ]
    token = None
    if limit is not None and len(buckets) > limit:
        buckets = buckets[:limit]
        token = bucket_token(buckets[-1].name)
    return BucketList(buckets, store.account_id, prefix, token)
