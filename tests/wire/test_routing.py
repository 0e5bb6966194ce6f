"""routing.route agrees with botocore's operation name for every request boto3 sends.

A ``before-send.s3`` handler registered first on the client sees each prepared
request with its event name (``before-send.s3.PutObject``), derives the operation
from method, path-style URL, query and headers with ``routing.route``, records both
and returns None so the double still answers.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, unquote, urlsplit

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from s3double.operations import OPERATIONS
from s3double.wire.routing import route


def routed(request) -> str | None:  # noqa: ANN001
    parts = urlsplit(request.url)
    host = parts.hostname or ""
    path = unquote(parts.path).lstrip("/")
    if ".s3express-" in host:  # an S3 Express zonal endpoint: virtual-hosted style only
        bucket, key = host.partition(".")[0], path
    else:
        bucket, _, key = path.partition("/")
    return route(
        request.method.upper(),
        bucket or None,
        key or None,
        dict(parse_qsl(parts.query, keep_blank_values=True)),
        {name.lower(): value for name, value in request.headers.items()},
        host,
    )


@pytest.fixture
def recorded(s3double):  # noqa: ANN001, ANN201
    """A path-style client and the (botocore's name, routed name) pairs it sent."""
    client = boto3.client(
        "s3", region_name="us-east-1", config=Config(s3={"addressing_style": "path"})
    )
    seen: list[tuple[str, str | None]] = []

    def record(request, event_name: str, **_) -> None:  # noqa: ANN001
        seen.append((event_name.rsplit(".", 1)[-1], routed(request)))

    client.meta.events.register_first("before-send.s3", record)
    # S3 Express allows no path style: a default client, in a Region with a zone to use.
    zonal = boto3.client("s3", region_name="us-west-2")
    zonal.meta.events.register_first("before-send.s3", record)
    client.zonal = zonal  # type: ignore[attr-defined]  # a test's note on the client object
    return client, seen


def exercise_bucket_and_object_operations(s3) -> None:  # noqa: ANN001
    s3.list_buckets()
    s3.create_bucket(Bucket="routes")
    s3.list_buckets(MaxBuckets=1, Prefix="r", BucketRegion="us-east-1")
    s3.head_bucket(Bucket="routes")
    s3.get_bucket_location(Bucket="routes")
    s3.get_bucket_versioning(Bucket="routes")
    s3.put_bucket_versioning(Bucket="routes", VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket="routes", Key="dir/a b+c%", Body=b"1")["VersionId"]
    s3.put_object(Bucket="routes", Key="dir/a b+c%", Body=b"2", Metadata={"m": "1"})
    s3.get_object(Bucket="routes", Key="dir/a b+c%")
    s3.get_object(Bucket="routes", Key="dir/a b+c%", VersionId=first, Range="bytes=0-0")
    s3.head_object(Bucket="routes", Key="dir/a b+c%", VersionId=first)
    s3.put_object_tagging(Bucket="routes", Key="dir/a b+c%", Tagging={"TagSet": []})
    s3.get_object_tagging(Bucket="routes", Key="dir/a b+c%", VersionId=first)
    s3.delete_object_tagging(Bucket="routes", Key="dir/a b+c%")
    s3.put_object_acl(Bucket="routes", Key="dir/a b+c%", ACL="bucket-owner-full-control")
    s3.get_object_acl(Bucket="routes", Key="dir/a b+c%", VersionId=first)
    s3.get_object_attributes(Bucket="routes", Key="dir/a b+c%", ObjectAttributes=["ETag"])
    s3.put_object(Bucket="routes", Key="cold", Body=b"1", StorageClass="GLACIER")
    s3.restore_object(Bucket="routes", Key="cold", RestoreRequest={"Days": 1})
    s3.copy_object(Bucket="routes", Key="copy", CopySource={"Bucket": "routes", "Key": "dir/a b+c%"})
    s3.copy_object(
        Bucket="routes", Key="copy",
        CopySource={"Bucket": "routes", "Key": "dir/a b+c%", "VersionId": first},
    )
    s3.list_objects(Bucket="routes", Prefix="dir/", Delimiter="/", Marker="a", MaxKeys=5)
    token = s3.list_objects_v2(Bucket="routes", MaxKeys=1)["NextContinuationToken"]
    s3.list_objects_v2(Bucket="routes", ContinuationToken=token, FetchOwner=True)
    s3.list_objects_v2(Bucket="routes", StartAfter="a", Delimiter="/")
    s3.list_object_versions(Bucket="routes", Prefix="dir/")
    s3.list_object_versions(Bucket="routes", KeyMarker="dir/a b+c%", VersionIdMarker=first)
    s3.delete_object(Bucket="routes", Key="copy")
    s3.delete_object(Bucket="routes", Key="dir/a b+c%", VersionId=first)
    listing = s3.list_object_versions(Bucket="routes")
    everything = [
        {"Key": entry["Key"], "VersionId": entry["VersionId"]}
        for entry in listing.get("Versions", []) + listing.get("DeleteMarkers", [])
    ]
    s3.delete_objects(Bucket="routes", Delete={"Objects": everything})
    s3.delete_bucket(Bucket="routes")


def exercise_object_lock_operations(s3) -> None:  # noqa: ANN001
    s3.create_bucket(Bucket="locked", ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(
        Bucket="locked", ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"}
    )
    s3.get_object_lock_configuration(Bucket="locked")
    version = s3.put_object(Bucket="locked", Key="held", Body=b"x")["VersionId"]
    until = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    s3.put_object_retention(
        Bucket="locked", Key="held", VersionId=version,
        Retention={"Mode": "GOVERNANCE", "RetainUntilDate": until},
    )
    s3.get_object_retention(Bucket="locked", Key="held", VersionId=version)
    s3.put_object_legal_hold(Bucket="locked", Key="held", LegalHold={"Status": "ON"})
    s3.get_object_legal_hold(Bucket="locked", Key="held")


def exercise_policy_operations(s3) -> None:  # noqa: ANN001
    s3.create_bucket(Bucket="governed")
    s3.put_bucket_policy(Bucket="governed", Policy=(
        '{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket",'
        ' "Resource": "arn:aws:s3:::governed"}}'
    ))
    s3.get_bucket_policy(Bucket="governed")
    s3.delete_bucket_policy(Bucket="governed")


def exercise_configuration_operations(s3) -> None:  # noqa: ANN001
    """Every bucket configuration operation, Put, Get and Delete."""
    s3.create_bucket(Bucket="configured")
    s3.put_bucket_versioning(Bucket="configured", VersioningConfiguration={"Status": "Enabled"})
    bucket = {"Bucket": "configured"}
    s3.put_bucket_tagging(**bucket, Tagging={"TagSet": [{"Key": "team", "Value": "storage"}]})
    s3.get_bucket_tagging(**bucket)
    s3.delete_bucket_tagging(**bucket)
    s3.put_bucket_lifecycle_configuration(**bucket, LifecycleConfiguration={"Rules": [
        {"ID": "r", "Filter": {}, "Status": "Enabled", "Expiration": {"Days": 1}}]})
    s3.get_bucket_lifecycle_configuration(**bucket)
    s3.delete_bucket_lifecycle(**bucket)
    s3.put_bucket_encryption(**bucket, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.get_bucket_encryption(**bucket)
    s3.delete_bucket_encryption(**bucket)
    s3.put_public_access_block(**bucket, PublicAccessBlockConfiguration={"BlockPublicAcls": False})
    s3.get_public_access_block(**bucket)
    s3.delete_public_access_block(**bucket)
    s3.put_bucket_ownership_controls(**bucket, OwnershipControls={
        "Rules": [{"ObjectOwnership": "ObjectWriter"}]})
    s3.get_bucket_ownership_controls(**bucket)
    s3.put_bucket_acl(**bucket, ACL="private")
    s3.get_bucket_acl(**bucket)
    s3.delete_bucket_ownership_controls(**bucket)
    s3.put_bucket_cors(**bucket, CORSConfiguration={"CORSRules": [
        {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]})
    s3.get_bucket_cors(**bucket)
    s3.delete_bucket_cors(**bucket)
    s3.put_bucket_website(**bucket, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    s3.get_bucket_website(**bucket)
    s3.delete_bucket_website(**bucket)
    s3.put_bucket_logging(**bucket, BucketLoggingStatus={})
    s3.get_bucket_logging(**bucket)
    s3.put_bucket_notification_configuration(**bucket, NotificationConfiguration={})
    s3.get_bucket_notification_configuration(**bucket)
    s3.put_bucket_accelerate_configuration(**bucket, AccelerateConfiguration={"Status": "Enabled"})
    s3.get_bucket_accelerate_configuration(**bucket)
    s3.put_bucket_request_payment(**bucket, RequestPaymentConfiguration={"Payer": "Requester"})
    s3.get_bucket_request_payment(**bucket)
    s3.put_bucket_replication(**bucket, ReplicationConfiguration={
        "Role": "arn:aws:iam::123456789012:role/replication",
        "Rules": [{"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::configured"},
                   "Prefix": ""}]})
    s3.get_bucket_replication(**bucket)
    s3.delete_bucket_replication(**bucket)


def exercise_multipart_operations(s3) -> None:  # noqa: ANN001
    s3.create_bucket(Bucket="uploads")
    key = "dir/a b+c%"
    upload_id = s3.create_multipart_upload(Bucket="uploads", Key=key)["UploadId"]
    etag = s3.upload_part(
        Bucket="uploads", Key=key, UploadId=upload_id, PartNumber=1, Body=b"part"
    )["ETag"]
    s3.put_object(Bucket="uploads", Key="source", Body=b"source")
    s3.upload_part_copy(
        Bucket="uploads", Key=key, UploadId=upload_id, PartNumber=2, CopySourceRange="bytes=0-1",
        CopySource={"Bucket": "uploads", "Key": "source"},
    )
    s3.list_parts(Bucket="uploads", Key=key, UploadId=upload_id, MaxParts=1, PartNumberMarker=0)
    s3.list_multipart_uploads(
        Bucket="uploads", Prefix="dir/", Delimiter="/", KeyMarker="a", UploadIdMarker="b",
        MaxUploads=5, EncodingType="url",
    )
    s3.complete_multipart_upload(
        Bucket="uploads", Key=key, UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]},
    )
    abandoned = s3.create_multipart_upload(Bucket="uploads", Key="abandoned")["UploadId"]
    s3.abort_multipart_upload(Bucket="uploads", Key="abandoned", UploadId=abandoned)


def exercise_directory_bucket_operations(s3) -> None:  # noqa: ANN001
    """CreateSession is botocore's own call, made before the first zonal request."""
    name = "routes--usw2-az1--x-s3"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={
        "Location": {"Type": "AvailabilityZone", "Name": "usw2-az1"},
        "Bucket": {"Type": "Directory", "DataRedundancy": "SingleAvailabilityZone"},
    })
    s3.list_directory_buckets(MaxDirectoryBuckets=1)
    s3.head_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="dir/log", Body=b"1", WriteOffsetBytes=0)
    s3.put_object(Bucket=name, Key="dir/log", Body=b"2", WriteOffsetBytes=1)
    s3.list_objects_v2(Bucket=name, Prefix="dir/", Delimiter="/")
    upload = s3.create_multipart_upload(Bucket=name, Key="dir/big")["UploadId"]
    initiated = s3.list_multipart_uploads(Bucket=name)["Uploads"][0]["Initiated"]
    s3.abort_multipart_upload(Bucket=name, Key="dir/big", UploadId=upload,
                              IfMatchInitiatedTime=initiated)
    s3.delete_object(Bucket=name, Key="dir/log", IfMatchSize=2)
    s3.delete_bucket(Bucket=name)


def test_route_agrees_with_botocore_for_every_served_operation(recorded):
    s3, seen = recorded

    exercise_bucket_and_object_operations(s3)
    exercise_object_lock_operations(s3)
    exercise_policy_operations(s3)
    exercise_configuration_operations(s3)
    exercise_multipart_operations(s3)
    exercise_directory_bucket_operations(s3.zonal)

    disagreements = [(named, derived) for named, derived in seen if named != derived]
    assert disagreements == []
    assert {named for named, _ in seen} == set(OPERATIONS)


UNSERVED = [
    ("put_bucket_inventory_configuration", {"Id": "i", "InventoryConfiguration": {
        "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::routes", "Format": "CSV"}},
        "IsEnabled": True, "Id": "i", "IncludedObjectVersions": "All",
        "Schedule": {"Frequency": "Daily"}}}),
    ("get_bucket_analytics_configuration", {"Id": "a"}),
    ("get_bucket_metrics_configuration", {"Id": "m"}),
    ("get_bucket_intelligent_tiering_configuration", {"Id": "t"}),
    ("get_object_torrent", {"Key": "k"}),
    ("list_bucket_analytics_configurations", {}),
    ("list_bucket_inventory_configurations", {}),
    ("list_bucket_metrics_configurations", {}),
]


@pytest.mark.parametrize(("method", "params"), UNSERVED, ids=[name for name, _ in UNSERVED])
def test_route_names_operations_the_double_does_not_serve(recorded, method, params):
    """Served or not, an operation is named from its URL; one not served is 501."""
    s3, seen = recorded
    s3.create_bucket(Bucket="routes")

    with pytest.raises(ClientError) as caught:
        getattr(s3, method)(Bucket="routes", **params)

    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    named, derived = seen[-1]
    assert named not in OPERATIONS
    assert derived == named
