"""Default bucket encryption: PutBucketEncryption, GetBucketEncryption,
DeleteBucketEncryption.

S3's answers (tests/data/aws/facts-encryption.md §2): every bucket encrypts new objects
with SSE-S3 unless told otherwise, so Get on a bucket never configured, or whose
configuration was deleted, answers the AES256 rule with ``BucketKeyEnabled`` false;
Delete is 204 and puts that default back. Put takes exactly one rule (400 MalformedXML
for none or two); a KMSMasterKeyID with AES256 is 400 InvalidArgument. A KMS key is
kept as given (an id is not expanded to an ARN). The value lands on
``Bucket.default_encryption``, which new objects take (the write options of
PutObject read it); existing objects keep theirs.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument, not_implemented
from ...model.configuration import EncryptionProblem, default_encryption_problem
from ...model.object_options import Encryption
from ...model.store import Store
from ..declaration import Shaped, operation
from ..request import S3Request
from .common import configuration_document, configured_bucket

SSE_S3 = Encryption()


def _rule_document(encryption: Encryption) -> dict[str, Any]:
    return {
        "ApplyServerSideEncryptionByDefault": {
            "SSEAlgorithm": encryption.algorithm, "KMSMasterKeyID": encryption.kms_key_id,
        },
        "BucketKeyEnabled": encryption.bucket_key,
    }


def _requested(rule: dict[str, Any]) -> Encryption:
    if "BlockedEncryptionTypes" in rule:
        raise not_implemented("BlockedEncryptionTypes", "element")
    default = rule.get("ApplyServerSideEncryptionByDefault")
    if default is None:
        raise S3Error(ErrorCode.MALFORMED_XML)
    algorithm, key = default["SSEAlgorithm"], default.get("KMSMasterKeyID")
    problem = default_encryption_problem(algorithm, key)
    if problem is EncryptionProblem.UNKNOWN_ALGORITHM:
        raise S3Error(ErrorCode.MALFORMED_XML)
    if problem is EncryptionProblem.KEY_NOT_APPLICABLE:
        raise invalid_argument(Message.KMS_KEY_NOT_APPLICABLE, "ApplyServerSideEncryptionByDefault", None)
    return Encryption(algorithm, key, bool(rule.get("BucketKeyEnabled")))


@operation("PutBucketEncryption", query={"encryption"}, body=Shaped)
def put_bucket_encryption(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutEncryptionConfiguration")
    rules = configuration_document(request).get("Rules") or []
    if len(rules) != 1:
        raise S3Error(ErrorCode.MALFORMED_XML)
    bucket.default_encryption = _requested(rules[0])
    return {}


@operation("GetBucketEncryption", query={"encryption"})
def get_bucket_encryption(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetEncryptionConfiguration")
    encryption = bucket.default_encryption or SSE_S3
    return {"ServerSideEncryptionConfiguration": {"Rules": [_rule_document(encryption)]}}


@operation("DeleteBucketEncryption", query={"encryption"}, status=204)
def delete_bucket_encryption(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutEncryptionConfiguration")
    bucket.default_encryption = None
    return {}
