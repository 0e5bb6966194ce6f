"""Replication: PutBucketReplication, GetBucketReplication, DeleteBucketReplication.
The configuration is kept and given back; s3double copies nothing to the destination.

S3's answers (tests/data/aws/facts-bucket-configuration.md §8): Put needs versioning
Enabled on the bucket (400 InvalidRequest), and each rule's destination bucket must
exist with versioning Enabled (400 InvalidRequest "Destination bucket must have
versioning enabled."); no rules is MalformedXML. Get gives the rules back as they were
put, a rule sent without an ID with one made for it; without a configuration it is 404
ReplicationConfigurationNotFoundError. Delete answers 204, also when there is none.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error
from ...model.bucket import VersioningState
from ...model.policy import ARN_PREFIX
from ...model.store import Store
from ..declaration import Shaped, operation
from ..request import S3Request
from .common import configuration_document, configured_bucket, generated_id, given_back, kept


def _destination_versioned(store: Store, arn: str) -> bool:
    name = arn[len(ARN_PREFIX):] if arn.startswith(ARN_PREFIX) else arn
    destination = store.bucket(name)
    return destination is not None and destination.versioning is VersioningState.ENABLED


@operation("PutBucketReplication", query={"replication"}, body=Shaped)
def put_bucket_replication(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutReplicationConfiguration")
    document = configuration_document(request)
    if bucket.versioning is not VersioningState.ENABLED:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.REPLICATION_NEEDS_VERSIONING)
    rules = document["Rules"]
    for rule in rules:
        if not _destination_versioned(store, rule["Destination"]["Bucket"]):
            raise S3Error(ErrorCode.INVALID_REQUEST, Message.REPLICATION_DESTINATION)
    stored = kept(document)
    for rule in stored["Rules"]:
        rule.setdefault("ID", generated_id())
    bucket.configure(replication=stored)
    return {}


@operation("GetBucketReplication", query={"replication"})
def get_bucket_replication(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetReplicationConfiguration")
    replication = bucket.settings.replication
    if replication is None:
        raise S3Error(ErrorCode.REPLICATION_CONFIGURATION_NOT_FOUND, BucketName=bucket.name)
    return {"ReplicationConfiguration": given_back(replication)}


@operation("DeleteBucketReplication", query={"replication"}, status=204)
def delete_bucket_replication(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutReplicationConfiguration")
    bucket.configure(replication=None)
    return {}
