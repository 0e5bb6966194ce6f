"""Object ACLs: GetObjectAcl and PutObjectAcl, per version.

Written the declared way: the AccessControlPolicy body is read, and the answer
written, by botocore's shapes. S3's answers (tests/data/aws/facts-acl-ownership.md,
recorded/get_object_acl.json): a new object's ACL is its owner's FULL_CONTROL; an ACL
put by header or body replaces the whole list (§3.3, §3.4); the request is validated
before Object Ownership is consulted (§2), then a bucket owner enforced bucket refuses
any ACL granting someone other than the bucket owner with 400
AccessControlListNotSupported and reads answer the bucket owner's FULL_CONTROL (§3.5,
§4.4). A delete marker is 405 MethodNotAllowed for PutObjectAcl (named or current) and
for GetObjectAcl by version id; GetObjectAcl of a current marker is 404 NoSuchKey (§3.6).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ...errors import ErrorCode, S3Error
from ...model import acl as acls
from ...model.bucket import Bucket
from ...model.object_options import Grant, replaced
from ...model.store import Store
from ...model.versions import ObjectVersion
from ..common.authorization import authorize
from ..common.integrity import verify_checksum, verify_content_md5
from ..common.lookup import existing_bucket, object_key, resolve_version
from ..common.write_options import (
    ACL,
    acl_from_headers,
    acls_enabled,
    check_acl_allowed,
    grant_error,
)
from ..declaration import Shaped, operation
from ..request import S3Request

ALL_GRANT_HEADERS = tuple(acls.GRANT_HEADERS)
_GRANTEE_FIELD = {acls.CANONICAL_USER: "ID", acls.GROUP: "URI", acls.EMAIL: "EmailAddress"}


def object_owner(store: Store, bucket: Bucket) -> str:
    """The canonical id owning the bucket's objects: the bucket owner while ACLs are
    disabled, else the writer (the double's caller)."""
    return acls.canonical_user_id(store.account_id if acls_enabled(bucket) else bucket.owner)


def _version_for_put(bucket: Bucket, key: str, version_id: str | None) -> ObjectVersion:
    if version_id is None:
        current = bucket.current(key)
        if current is not None and current.is_delete_marker:
            raise S3Error(ErrorCode.METHOD_NOT_ALLOWED, Method="PUT", ResourceType="DeleteMarker")
    return resolve_version(bucket, key, version_id, "PUT")


@operation("GetObjectAcl", query={"acl", "versionId"}, root="AccessControlPolicy")
def get_object_acl(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    version_id = request.query.get("versionId")
    authorize(store, bucket, request, "s3:GetObjectAcl", key, version_id)
    version = resolve_version(bucket, key, version_id, "GET")
    owner = object_owner(store, bucket)
    stored = version.options.acl if version.options is not None else None
    grants = stored if stored is not None and acls_enabled(bucket) else acls.owner_grant(owner)
    return {"Owner": {"ID": owner}, "Grants": [_grant_document(grant) for grant in grants]}


def _grant_document(grant: Grant) -> dict[str, Any]:
    grantee = {"Type": grant.grantee_type, _GRANTEE_FIELD[grant.grantee_type]: grant.grantee}
    return {"Grantee": grantee, "Permission": grant.permission}


@operation(
    "PutObjectAcl", headers=(ACL, *ALL_GRANT_HEADERS), query={"acl", "versionId"}, body=Shaped
)
def put_object_acl(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    version_id = request.query.get("versionId")
    authorize(store, bucket, request, "s3:PutObjectAcl", key, version_id)
    version = _version_for_put(bucket, key, version_id)
    verify_content_md5(request)
    verify_checksum(request)
    grants = _requested_grants(store, bucket, request)
    check_acl_allowed(bucket, grants, request.headers.get(ACL))
    if acls_enabled(bucket):
        bucket.update(_with_acl(version, grants))
    return {}


def _with_acl(version: ObjectVersion, grants: tuple[Grant, ...]) -> ObjectVersion:
    return dataclasses.replace(version, options=replaced(version.options, acl=grants))


def _requested_grants(store: Store, bucket: Bucket, request: S3Request) -> tuple[Grant, ...]:
    """The ACL in the headers or the body; one of the two, never both (§2)."""
    from_headers = acl_from_headers(store, bucket, request, ALL_GRANT_HEADERS)
    if request.body.strip():
        if from_headers is not None:
            raise S3Error(ErrorCode.UNEXPECTED_CONTENT)
        return _policy_grants(request)
    if from_headers is None:
        raise S3Error(ErrorCode.MISSING_SECURITY_HEADER, MissingHeaderName=ACL)
    return from_headers


def _policy_grants(request: S3Request) -> tuple[Grant, ...]:
    """An AccessControlPolicy document's grants: its Owner is required, each grantee
    must be of a known type with a valid id or group (§2, §3.4)."""
    try:
        document = request.document()
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
    return tuple(_policy_grant(grant) for grant in document.get("Grants") or [])


def _policy_grant(grant: dict[str, Any]) -> Grant:
    grantee = grant.get("Grantee") or {}
    kind, permission = str(grantee.get("Type")), grant.get("Permission")
    value = grantee.get(_GRANTEE_FIELD.get(kind, ""))
    if permission not in acls.PERMISSIONS or value is None:  # also: an unknown Type
        raise S3Error(ErrorCode.MALFORMED_ACL)
    problem = acls.grantee_problem(kind, value)
    if problem is not None:
        raise grant_error(problem, "", body=True)
    return Grant(kind, value, permission)
