"""Bucket ACLs: PutBucketAcl and GetBucketAcl.

Grants are ``model.object_options.Grant`` values, read and checked by ``model.acl`` as
object ACLs are. S3's answers (tests/data/aws/facts-acl-ownership.md, and
recorded/get_object_acl.json): a bucket's ACL is its owner's FULL_CONTROL until one is
put; an ACL put by canned header, grant headers or AccessControlPolicy document
replaces the whole list. The request is checked first (§2: an unknown canned ACL, a bad
grantee, both a canned ACL and grants, a header ACL beside a body, no ACL at all), then
Object Ownership: while BucketOwnerEnforced every PutBucketAcl is 400
AccessControlListNotSupported (§4.5), reads still answer the owner's FULL_CONTROL;
then Block Public Access: an ACL granting AllUsers or AuthenticatedUsers is 403
AccessDenied while BlockPublicAcls is on (§5.3).
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model import acl as acls
from ...model.bucket import Bucket
from ...model.configuration import ObjectOwnership
from ...model.object_options import Grant
from ...model.store import Store
from ..common.write_options import grant_error
from ..declaration import Shaped, operation
from ..request import S3Request
from .common import configuration_document, configured_bucket

CANNED = "x-amz-acl"
GRANT_HEADERS = tuple(acls.GRANT_HEADERS)
# botocore's BucketCannedACL, and log-delivery-write from the user guide's canned ACL table.
BUCKET_CANNED_GRANTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "private": (),
    "public-read": ((acls.GROUP, acls.ALL_USERS, "READ"),),
    "public-read-write": ((acls.GROUP, acls.ALL_USERS, "READ"), (acls.GROUP, acls.ALL_USERS, "WRITE")),
    "authenticated-read": ((acls.GROUP, acls.AUTHENTICATED_USERS, "READ"),),
    "log-delivery-write": (
        (acls.GROUP, acls.LOG_DELIVERY, "WRITE"), (acls.GROUP, acls.LOG_DELIVERY, "READ_ACP"),
    ),
}
_GRANTEE_FIELD = {acls.CANONICAL_USER: "ID", acls.GROUP: "URI", acls.EMAIL: "EmailAddress"}


def requested_grants(bucket: Bucket, request: S3Request) -> tuple[Grant, ...]:
    """The ACL the request puts: a canned ACL, grant headers or a document, one only."""
    headers = request.headers
    canned = headers.get(CANNED)
    granted = [name for name in GRANT_HEADERS if name in headers]
    if canned is not None and granted:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.CANNED_AND_GRANTS)
    if request.body.strip():
        if canned is not None or granted:
            raise S3Error(ErrorCode.UNEXPECTED_CONTENT)
        return _document_grants(request)
    owner = acls.canonical_user_id(bucket.owner)
    if canned is not None:
        if canned not in BUCKET_CANNED_GRANTS:
            raise invalid_argument(Message.NO_MESSAGE, CANNED, canned)
        return acls.owner_grant(owner) + tuple(Grant(*each) for each in BUCKET_CANNED_GRANTS[canned])
    if not granted:
        raise S3Error(ErrorCode.MISSING_SECURITY_HEADER, MissingHeaderName=CANNED)
    grants: list[Grant] = []
    for name in granted:
        found = acls.header_grants(name, headers[name])
        if isinstance(found, acls.GrantProblem):
            raise grant_error(found, name)
        grants += found
    return tuple(grants)


def _document_grants(request: S3Request) -> tuple[Grant, ...]:
    """An AccessControlPolicy's grants: an Owner with a valid id is required, and each
    grantee must be of a known type with a valid id or group (§2, §3.4)."""
    try:
        document = configuration_document(request)
    except S3Error as error:
        if error.error is ErrorCode.MALFORMED_XML:
            raise S3Error(ErrorCode.MALFORMED_ACL) from None
        raise
    owner = document.get("Owner")
    if not isinstance(owner, dict) or "ID" not in owner:
        raise S3Error(ErrorCode.MALFORMED_ACL)
    problem = acls.grantee_problem(acls.CANONICAL_USER, owner["ID"])
    if problem is not None:
        raise grant_error(problem, "", body=True)
    return tuple(_document_grant(grant) for grant in document.get("Grants") or [])


def _document_grant(grant: dict[str, Any]) -> Grant:
    grantee = grant.get("Grantee") or {}
    kind, permission = str(grantee.get("Type")), grant.get("Permission")
    value = grantee.get(_GRANTEE_FIELD.get(kind, ""))
    if permission not in acls.PERMISSIONS or value is None:  # an unknown Type as well
        raise S3Error(ErrorCode.MALFORMED_ACL)
    problem = acls.grantee_problem(kind, value)
    if problem is not None:
        raise grant_error(problem, "", body=True)
    return Grant(kind, value, permission)


@operation("PutBucketAcl", headers=(CANNED, *GRANT_HEADERS), query={"acl"}, body=Shaped)
def put_bucket_acl(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketAcl")
    grants = requested_grants(bucket, request)
    if bucket.ownership is ObjectOwnership.BUCKET_OWNER_ENFORCED:
        raise S3Error(ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED)
    if bucket.public_access_block.block_public_acls and acls.is_public(grants):
        raise S3Error(ErrorCode.ACCESS_DENIED)
    bucket.configure(acl=grants)
    return {}


def _grant_document(grant: Grant) -> dict[str, Any]:
    grantee = {"Type": grant.grantee_type, _GRANTEE_FIELD[grant.grantee_type]: grant.grantee}
    return {"Grantee": grantee, "Permission": grant.permission}


@operation("GetBucketAcl", query={"acl"}, root="AccessControlPolicy")
def get_bucket_acl(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketAcl")
    owner = acls.canonical_user_id(bucket.owner)
    grants = bucket.settings.acl
    if grants is None or bucket.ownership is ObjectOwnership.BUCKET_OWNER_ENFORCED:
        grants = acls.owner_grant(owner)
    return {"Owner": {"ID": owner}, "Grants": [_grant_document(grant) for grant in grants]}
