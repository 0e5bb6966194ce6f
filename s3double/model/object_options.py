"""What a version keeps beside its bytes from the write options of its request: the ACL,
server-side encryption, storage class, restore state and website redirect; and, for an
object a multipart upload made, the sizes of its parts.

Kept in one value per version (``ObjectVersion.options``), ``None`` for a version
written with none of them, so a plain version costs one pointer. Each field's rules
live in the module that models it (``acl``, ``encryption``, ``storage``); this module
only holds the values.
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

    @property
    def is_customer_key(self) -> bool:
        return self.customer_key_md5 is not None


@dataclass(frozen=True, slots=True)
class Restore:
    """A GLACIER or DEEP_ARCHIVE object's restore: in progress until ``ready_at``, then
    readable until ``expires_at`` (on the double's clock)."""

    ready_at: _dt.datetime
    expires_at: _dt.datetime


@dataclass(frozen=True, slots=True)
class ObjectOptions:
    # The whole ACL as granted, or None for S3's default (the owner's FULL_CONTROL).
    acl: tuple[Grant, ...] | None = None
    encryption: Encryption | None = None  # None: SSE-S3 (AES256), S3's default
    storage_class: str = STANDARD
    restore: Restore | None = None
    website_redirect: str | None = None
    # A multipart upload's object: its parts' sizes, in part order (GetObject's
    # partNumber reads them); empty for any other object.
    part_sizes: tuple[int, ...] = ()


PLAIN = ObjectOptions()


def compact(options: ObjectOptions) -> ObjectOptions | None:
    """``None`` for options that hold only S3's defaults, so a plain version stays small."""
    return None if options == PLAIN else options


def replaced(options: ObjectOptions | None, **changes: object) -> ObjectOptions | None:
    """``options`` (None: the defaults) with ``changes``, compacted."""
    return compact(dataclasses.replace(options or PLAIN, **changes))  # type: ignore[arg-type]



def with_part_sizes(options: ObjectOptions | None, sizes: tuple[int, ...]) -> ObjectOptions | None:
    """``options`` (or none) with the part sizes of a completed multipart upload."""
    return replaced(options, part_sizes=sizes)
