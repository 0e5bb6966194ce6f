"""The AccessControlPolicy document of PutObjectAcl and PutBucketAcl, read into grants,
and grants written back as GetObjectAcl and GetBucketAcl send them.

An Owner with a valid id is required, and each grantee must be of a known type with a
valid id or group (tests/data/aws/facts-acl-ownership.md §2, §3.4): a document that is
not an AccessControlPolicy is MalformedACLError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import ErrorCode, S3Error
from ...model import acl as acls
from ...model.object_options import Grant
from .write_options import grant_error

GRANTEE_FIELD = {acls.CANONICAL_USER: "ID", acls.GROUP: "URI", acls.EMAIL: "EmailAddress"}


def policy_grants(read_document: Callable[[], Any]) -> tuple[Grant, ...]:
    """The grants of the AccessControlPolicy ``read_document`` reads."""
    try:
        document = read_document()
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
    value = grantee.get(GRANTEE_FIELD.get(kind, ""))
    if permission not in acls.PERMISSIONS or value is None:  # an unknown Type as well
        raise S3Error(ErrorCode.MALFORMED_ACL)
    problem = acls.grantee_problem(kind, value)
    if problem is not None:
        raise grant_error(problem, "", body=True)
    return Grant(kind, value, permission)


def grant_document(grant: Grant) -> dict[str, Any]:
    """One grant as the Get...Acl output shape's ``Grants`` member holds it."""
    grantee = {"Type": grant.grantee_type, GRANTEE_FIELD[grant.grantee_type]: grant.grantee}
    return {"Grantee": grantee, "Permission": grant.permission}
