"""Who pays and how data travels: Transfer Acceleration (PutBucketAccelerateConfiguration,
GetBucketAccelerateConfiguration) and Requester Pays (PutBucketRequestPayment,
GetBucketRequestPayment). Kept and given back; s3double serves no accelerate
endpoint and charges nobody.

S3's answers (tests/data/aws/facts-bucket-configuration.md §7): a new bucket reports no
acceleration status and ``BucketOwner`` as payer; a status other than Enabled or
Suspended, or a payer other than Requester or BucketOwner, is 400 MalformedXML;
acceleration on a bucket whose name has a period is 400 InvalidRequest.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error
from ...model.configuration import ACCELERATE_STATES, REQUESTER_PAYS, acceleration_allowed
from ...model.store import Store
from ..declaration import Shaped, operation
from ..request import S3Request
from .common import configuration_document, configured_bucket


@operation("PutBucketAccelerateConfiguration", query={"accelerate"}, body=Shaped)
def put_bucket_accelerate_configuration(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutAccelerateConfiguration")
    status = configuration_document(request).get("Status")
    if status not in ACCELERATE_STATES:
        raise S3Error(ErrorCode.MALFORMED_XML)
    if not acceleration_allowed(bucket.name):
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.ACCELERATE_DOTTED_NAME)
    bucket.configure(accelerate=status)
    return {}


@operation(
    "GetBucketAccelerateConfiguration", query={"accelerate"}, root="AccelerateConfiguration"
)
def get_bucket_accelerate_configuration(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetAccelerateConfiguration")
    return {"Status": bucket.settings.accelerate}


@operation("PutBucketRequestPayment", query={"requestPayment"}, body=Shaped)
def put_bucket_request_payment(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketRequestPayment")
    payer = configuration_document(request)["Payer"]
    if payer not in REQUESTER_PAYS:
        raise S3Error(ErrorCode.MALFORMED_XML)
    bucket.configure(request_payer=payer)
    return {}


@operation(
    "GetBucketRequestPayment", query={"requestPayment"}, root="RequestPaymentConfiguration"
)
def get_bucket_request_payment(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketRequestPayment")
    return {"Payer": bucket.settings.request_payer}
