"""Access control lists of objects: canned ACLs, grant headers, and whom an ACL grants.

S3 user guide, "Access control list (ACL) overview": a grant names a grantee (a
canonical user id, or one of S3's predefined groups by URI) and a permission;
canned ACLs are fixed sets of grants, always starting with the owner's FULL_CONTROL.
A grant header (``x-amz-grant-read: id="...", uri="..."``) lists grantees as
``type="value"`` pairs, comma-separated (S3 API reference, PutObjectAcl). The rules
of Object Ownership that decide whether an ACL is accepted at all live with the
operations (``operations.common.write_options``); this module only computes grants.
Answers recorded from S3: tests/data/aws/facts-acl-ownership.md.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .object_options import Grant

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery"
GROUPS = frozenset({ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY})
PUBLIC_GROUPS = frozenset({ALL_USERS, AUTHENTICATED_USERS})
# The canonical user ``aws-exec-read`` grants READ to: Amazon EC2 ("za-team"), which
# reads machine image bundles (facts-acl-ownership.md §1.2).
EC2_BUNDLE_READER = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c"

CANONICAL_USER = "CanonicalUser"
GROUP = "Group"
EMAIL = "AmazonCustomerByEmail"
GRANTEE_TYPES = frozenset({CANONICAL_USER, GROUP, EMAIL})
PERMISSIONS = ("FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP")
FULL_CONTROL = "FULL_CONTROL"
BUCKET_OWNER_FULL_CONTROL = "bucket-owner-full-control"
# botocore's ObjectCannedACL enum; ``log-delivery-write`` is for buckets only.
OBJECT_CANNED_ACLS = (
    "private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read",
    "bucket-owner-read", BUCKET_OWNER_FULL_CONTROL,
)
# Header -> permission, in the order the grants are listed.
GRANT_HEADERS = {
    "x-amz-grant-full-control": "FULL_CONTROL",
    "x-amz-grant-read": "READ",
    "x-amz-grant-read-acp": "READ_ACP",
    "x-amz-grant-write": "WRITE",
    "x-amz-grant-write-acp": "WRITE_ACP",
}
_CANONICAL_ID = re.compile(r"[0-9a-f]{64}")
_GRANTEE = re.compile(r'\s*([A-Za-z]+)\s*=\s*"([^"]*)"\s*')
_HEADER_TYPES = {"id": CANONICAL_USER, "uri": GROUP, "emailAddress": EMAIL}


@functools.lru_cache(maxsize=64)
def canonical_user_id(account_id: str) -> str:
    """A stable 64-hex canonical user id for an account, as S3 shows owners."""
    return hashlib.sha256(f"s3double:{account_id}".encode()).hexdigest()


def is_canonical_id(text: str) -> bool:
    """A canonical user id: 64 lower-case hex digits (any such id names an account)."""
    return _CANONICAL_ID.fullmatch(text) is not None


def canned_grants(acl: str, owner_id: str, bucket_owner_id: str) -> tuple[Grant, ...]:
    """The grants of an object canned ACL (user guide, "Canned ACL"); the owner's
    FULL_CONTROL first. A grant repeated (the owner is the bucket owner) is kept once."""
    extra = {
        "private": (),
        "public-read": ((GROUP, ALL_USERS, "READ"),),
        "public-read-write": ((GROUP, ALL_USERS, "READ"), (GROUP, ALL_USERS, "WRITE")),
        "authenticated-read": ((GROUP, AUTHENTICATED_USERS, "READ"),),
        "aws-exec-read": ((CANONICAL_USER, EC2_BUNDLE_READER, "READ"),),
        "bucket-owner-read": ((CANONICAL_USER, bucket_owner_id, "READ"),),
        BUCKET_OWNER_FULL_CONTROL: ((CANONICAL_USER, bucket_owner_id, FULL_CONTROL),),
    }[acl]
    grants = [Grant(CANONICAL_USER, owner_id, FULL_CONTROL)]
    grants += [Grant(*grant) for grant in extra]
    return tuple(dict.fromkeys(grants))


def owner_grant(owner_id: str) -> tuple[Grant, ...]:
    """The ACL every object has by default: its owner's FULL_CONTROL."""
    return (Grant(CANONICAL_USER, owner_id, FULL_CONTROL),)


class GrantReason(enum.Enum):
    FORMAT = "format"  # not type="value", or a type S3 does not know
    GROUP_URI = "group uri"  # a uri that is not one of S3's groups
    ID = "id"  # not a canonical user id
    EMAIL = "email"  # email grantees: no longer served by S3 (405 since 2025-10-01)


@dataclass(frozen=True, slots=True)
class GrantProblem:
    reason: GrantReason
    value: str  # the part of the header at fault


def header_grants(header: str, text: str) -> tuple[Grant, ...] | GrantProblem:
    """The grants one ``x-amz-grant-*`` header gives, or why S3 refuses it."""
    permission = GRANT_HEADERS[header]
    grants = []
    for item in text.split(","):
        match = _GRANTEE.fullmatch(item)
        kind = _HEADER_TYPES.get(match.group(1)) if match else None
        if match is None or kind is None:
            return GrantProblem(GrantReason.FORMAT, item.strip())
        problem = grantee_problem(kind, match.group(2))
        if problem is not None:
            return problem
        grants.append(Grant(kind, match.group(2), permission))
    return tuple(grants)


def grantee_problem(kind: str, value: str) -> GrantProblem | None:
    """Why S3 refuses a grantee of type ``kind``, or None."""
    if kind == GROUP and value not in GROUPS:
        return GrantProblem(GrantReason.GROUP_URI, value)
    if kind == CANONICAL_USER and not is_canonical_id(value):
        return GrantProblem(GrantReason.ID, value)
    if kind == EMAIL:
        return GrantProblem(GrantReason.EMAIL, value)
    return None


def grants_only_to(grants: Iterable[Grant], canonical_id: str) -> bool:
    """Whether every grant names the one canonical user ``canonical_id``."""
    return all(g.grantee_type == CANONICAL_USER and g.grantee == canonical_id for g in grants)


def is_public(grants: Iterable[Grant]) -> bool:
    """Whether an ACL grants anything to AllUsers or AuthenticatedUsers (S3 user guide,
    "Blocking public access": such ACLs are public)."""
    return any(g.grantee_type == GROUP and g.grantee in PUBLIC_GROUPS for g in grants)
