"""Where a bucket reports: server access logging (PutBucketLogging, GetBucketLogging)
and event notifications (PutBucketNotificationConfiguration,
GetBucketNotificationConfiguration). s3double keeps and gives back both; it writes no
log objects and sends no events.

S3's answers (tests/data/aws/facts-bucket-configuration.md §5, §6): a new bucket's
logging status and notification configuration are empty (200); Put answers 200; a
logging status without LoggingEnabled turns logging off. The target bucket must exist
(400 InvalidTargetBucketForLogging) and be in the source bucket's region (403
CrossLocationLoggingProhibitted, naming the target's region, and the source's when the
source is outside us-east-1). Notification destinations are not checked: s3double
cannot reach SNS, SQS or Lambda (``x-amz-skip-destination-validation`` is taken).
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, S3Error
from ...model.bucket import Bucket
from ...model.configuration import Document
from ...model.store import Store
from ..declaration import Shaped, operation
from ..request import DEFAULT_REGION, S3Request
from .common import configuration_document, configured_bucket, given_back, kept


def _check_target(store: Store, source: Bucket, enabled: Document) -> None:
    target_name = enabled["TargetBucket"]
    target = store.bucket(target_name)
    if target is None:
        raise S3Error(ErrorCode.INVALID_TARGET_BUCKET_FOR_LOGGING, TargetBucket=target_name)
    if target.region != source.region:
        error = S3Error(ErrorCode.CROSS_LOCATION_LOGGING_PROHIBITTED)
        if source.region != DEFAULT_REGION:
            error.fields["SourceBucketLocation"] = source.region
        error.fields["TargetBucketLocation"] = target.region
        raise error


@operation("PutBucketLogging", query={"logging"}, body=Shaped)
def put_bucket_logging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketLogging")
    enabled = configuration_document(request).get("LoggingEnabled")
    if enabled is not None:
        _check_target(store, bucket, enabled)
    bucket.configure(logging=None if enabled is None else kept(enabled))
    return {}


@operation("GetBucketLogging", query={"logging"}, root="BucketLoggingStatus")
def get_bucket_logging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketLogging")
    enabled = bucket.settings.logging
    return {} if enabled is None else {"LoggingEnabled": given_back(enabled)}


@operation(
    "PutBucketNotificationConfiguration", headers={"x-amz-skip-destination-validation"},
    query={"notification"}, body=Shaped,
)
def put_bucket_notification_configuration(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketNotification")
    request.flag("x-amz-skip-destination-validation")  # a true/false value, else 400
    document = configuration_document(request)
    bucket.configure(notification=kept(document) if document else None)
    return {}


@operation(
    "GetBucketNotificationConfiguration", query={"notification"}, root="NotificationConfiguration"
)
def get_bucket_notification_configuration(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketNotification")
    notification = bucket.settings.notification
    return {} if notification is None else given_back(notification)
