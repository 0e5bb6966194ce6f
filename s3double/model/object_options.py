"""What a version keeps beside its bytes from the write options of its request: the ACL,
server-side encryption, storage class, restore state and website redirect; and, for an
object a multipart upload made, the sizes of its parts.

Kept in one value per version (``ObjectVersion.options``), ``None`` for a version
written with none of them, so a plain version costs one pointer. Each field's rules
live in the module that models it; this module only holds the values.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass

STANDARD = "STANDARD"


@dataclass(frozen=True, slots=True)
class Grant:
    """One ACL grant: a grantee (``CanonicalUser`` id, ``Group`` URI or
    ``AmazonCustomerByEmail`` address) and a permission (FULL_CONTROL, READ ...)."""

    grantee_type: str
    grantee: str
    permission: str


@dataclass(frozen=True, slots=True)
class Encryption:
    """Server-side encryption: ``AES256``, ``aws:kms`` (with its key ARN and whether a
    bucket key is used) or SSE-C (``customer_key_md5`` set: reading needs that key)."""

    algorithm: str = "AES256"
    kms_key_id: str | None = None
    bucket_key: bool = False
    customer_algorithm: str | None = None
    customer_key_md5: str | None = None


@dataclass(frozen=True, slots=True)
class Restore:
    """A GLACIER or DEEP_ARCHIVE object's restore: in progress until ``ready_at``, then
    readable until ``expires_at`` (on the double's clock)."""

    ready_at: _dt.datetime
    expires_at: _dt.datetime


@dataclass(frozen=True, slots=True)
class ObjectOptions:
    acl: tuple[Grant, ...] = ()  # beyond the owner's FULL_CONTROL, which every object has
    encryption: Encryption | None = None  # None: SSE-S3, S3's default
    storage_class: str = STANDARD
    restore: Restore | None = None
    website_redirect: str | None = None
    # A multipart upload's object: its parts' sizes, in part order (GetObject's
    # partNumber reads them); empty for any other object.
    part_sizes: tuple[int, ...] = ()


def with_part_sizes(options: ObjectOptions | None, sizes: tuple[int, ...]) -> ObjectOptions:
    """``options`` (or none) with the part sizes of a completed multipart upload."""
    return dataclasses.replace(options or ObjectOptions(), part_sizes=sizes)
