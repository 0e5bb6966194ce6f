"""Who may do what to a bucket's data: Block Public Access (PutPublicAccessBlock,
GetPublicAccessBlock, DeletePublicAccessBlock) and Object Ownership
(PutBucketOwnershipControls, GetBucketOwnershipControls, DeleteBucketOwnershipControls).

S3's answers (tests/data/aws/facts-acl-ownership.md §4, §5): a new bucket has all four
public access settings on and BucketOwnerEnforced; Put answers 200, Delete 204 (also
when there is nothing to delete), Get after Delete is 404
NoSuchPublicAccessBlockConfiguration / OwnershipControlsNotFoundError. Ownership
controls take exactly one rule with a known value (400 MalformedXML otherwise), and
BucketOwnerEnforced is refused while the bucket's ACL grants anyone but its owner (400
InvalidBucketAclWithObjectOwnership). Which values are in force once deleted:
``model.configuration``.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, S3Error
from ...model import acl as acls
from ...model.configuration import ObjectOwnership, PublicAccessBlock
from ...model.store import Store
from ...values import enum_value
from ..declaration import Shaped, operation
from ..request import S3Request
from .common import configuration_document, configured_bucket

_SETTINGS = {
    "BlockPublicAcls": "block_public_acls",
    "IgnorePublicAcls": "ignore_public_acls",
    "BlockPublicPolicy": "block_public_policy",
    "RestrictPublicBuckets": "restrict_public_buckets",
}


@operation("PutPublicAccessBlock", query={"publicAccessBlock"}, body=Shaped)
def put_public_access_block(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketPublicAccessBlock")
    document = configuration_document(request)
    block = PublicAccessBlock(**{field: bool(document.get(name)) for name, field in _SETTINGS.items()})
    bucket.configure(public_access_block=block)
    return {}


@operation("GetPublicAccessBlock", query={"publicAccessBlock"})
def get_public_access_block(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketPublicAccessBlock")
    block = bucket.settings.public_access_block
    if block is None:
        raise S3Error(ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION, BucketName=bucket.name)
    configuration = {name: getattr(block, field) for name, field in _SETTINGS.items()}
    return {"PublicAccessBlockConfiguration": configuration}


@operation("DeletePublicAccessBlock", query={"publicAccessBlock"}, status=204)
def delete_public_access_block(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketPublicAccessBlock")
    bucket.configure(public_access_block=None)
    return {}


@operation("PutBucketOwnershipControls", query={"ownershipControls"}, body=Shaped)
def put_bucket_ownership_controls(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketOwnershipControls")
    rules = configuration_document(request).get("Rules") or []
    ownership = enum_value(ObjectOwnership, rules[0]["ObjectOwnership"]) if len(rules) == 1 else None
    if ownership is None:
        raise S3Error(ErrorCode.MALFORMED_XML)
    acl = bucket.settings.acl
    owner = acls.canonical_user_id(bucket.owner)
    if ownership is ObjectOwnership.BUCKET_OWNER_ENFORCED and acl and not acls.grants_only_to(acl, owner):
        raise S3Error(ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP)
    bucket.configure(ownership=ownership)
    return {}


@operation("GetBucketOwnershipControls", query={"ownershipControls"})
def get_bucket_ownership_controls(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketOwnershipControls")
    ownership = bucket.settings.ownership
    if ownership is None:
        raise S3Error(ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND, BucketName=bucket.name)
    return {"OwnershipControls": {"Rules": [{"ObjectOwnership": ownership.value}]}}


@operation("DeleteBucketOwnershipControls", query={"ownershipControls"}, status=204)
def delete_bucket_ownership_controls(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketOwnershipControls")
    bucket.configure(ownership=None)
    return {}
