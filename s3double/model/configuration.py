"""Bucket configurations: the small value each configuration S3 keeps on a bucket, with
S3's defaults for a new bucket, and the rules S3 checks them by.

A bucket holds one ``BucketSettings`` (``Bucket.settings``), frozen and replaced
whole on every change (``Bucket.configure``), so a request that fails is undone with
the rest of the bucket. Lifecycle rules are in ``lifecycle``, the bucket's default
encryption is ``Bucket.default_encryption`` (an ``object_options.Encryption``; None is
S3's default, SSE-S3), and the policy is ``Bucket.policy``.

Defaults of a new bucket, as S3 answers for one (tests/data/aws/facts-acl-ownership.md
§4.1, §5.1; facts-bucket-configuration.md §5, §7): Object Ownership
``BucketOwnerEnforced``; Block Public Access with all four settings on; no tags,
lifecycle, CORS, website, logging, notification, acceleration or replication;
``BucketOwner`` pays. Deleting the ownership controls leaves a bucket whose ACLs work
as before Object Ownership existed (``ObjectWriter``), and deleting the public access
block leaves nothing blocked: LocalStack's AWS-validated website test turns ACLs back
on exactly so, by deleting both and then putting a ``public-read`` bucket ACL
(facts-acl-ownership.md §4.8).

The validation functions return a reason (or None), as ``tagging`` does; the
operations turn each reason into S3's answer.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .object_options import Grant
from .tagging import Tag, TagProblem, tag_set_problem

MAX_BUCKET_TAGS = 50
REQUESTER_PAYS = ("BucketOwner", "Requester")
ACCELERATE_STATES = ("Enabled", "Suspended")
CORS_METHODS = frozenset({"GET", "PUT", "HEAD", "POST", "DELETE"})
WEBSITE_PROTOCOLS = frozenset({"http", "https"})
KMS_ALGORITHMS = frozenset({"aws:kms", "aws:kms:dsse"})
SSE_ALGORITHMS = frozenset({"AES256", "aws:kms", "aws:kms:dsse"})
# A stored configuration S3 only keeps and gives back (CORS, website, logging,
# notification, replication): the document as its members were put.
Document = Mapping[str, Any]


class ObjectOwnership(enum.Enum):
    BUCKET_OWNER_PREFERRED = "BucketOwnerPreferred"
    OBJECT_WRITER = "ObjectWriter"
    BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced"


@dataclass(frozen=True, slots=True)
class PublicAccessBlock:
    """S3 user guide, "Blocking public access to your Amazon S3 storage"; a setting left
    out of a PutPublicAccessBlock is false."""

    block_public_acls: bool = False
    ignore_public_acls: bool = False
    block_public_policy: bool = False
    restrict_public_buckets: bool = False


ALL_BLOCKED = PublicAccessBlock(True, True, True, True)
NOTHING_BLOCKED = PublicAccessBlock()


@dataclass(frozen=True, slots=True)
class BucketSettings:
    tags: tuple[Tag, ...] | None = None  # None: no tag set (GetBucketTagging is 404)
    ownership: ObjectOwnership | None = ObjectOwnership.BUCKET_OWNER_ENFORCED  # None: deleted
    public_access_block: PublicAccessBlock | None = ALL_BLOCKED  # None: deleted
    acl: tuple[Grant, ...] | None = None  # the whole ACL; None: the owner's FULL_CONTROL
    cors: Document | None = None
    website: Document | None = None
    logging: Document | None = None  # LoggingEnabled, or None when logging is off
    notification: Document | None = None
    replication: Document | None = None
    accelerate: str | None = None  # Enabled, Suspended, or None: never configured
    request_payer: str = "BucketOwner"
    location_constraint: str | None = None  # as created, when it is not the region (EU)


# -- tags ------------------------------------------------------------------------------


def bucket_tags_problem(tags: Sequence[Tag]) -> TagProblem | None:
    """A bucket's tag set follows the object rules with up to 50 tags (facts §1.5, §1.7)."""
    return tag_set_problem(tags, limit=MAX_BUCKET_TAGS)


# -- default encryption -----------------------------------------------------------------


class EncryptionProblem(enum.Enum):
    UNKNOWN_ALGORITHM = "unknown algorithm"  # not one S3 takes as a default: MalformedXML
    KEY_NOT_APPLICABLE = "key not applicable"  # a KMS key with a non-KMS algorithm


def default_encryption_problem(algorithm: str, kms_key_id: str | None) -> EncryptionProblem | None:
    """PutBucketEncryption's rule (facts-encryption.md §2.5): a KMSMasterKeyID needs
    ``aws:kms`` or ``aws:kms:dsse``."""
    if algorithm not in SSE_ALGORITHMS:
        return EncryptionProblem.UNKNOWN_ALGORITHM
    if kms_key_id is not None and algorithm not in KMS_ALGORITHMS:
        return EncryptionProblem.KEY_NOT_APPLICABLE
    return None


# -- CORS --------------------------------------------------------------------------------


def unsupported_cors_method(rules: Sequence[Document]) -> str | None:
    """The first AllowedMethod S3 does not take in a CORS rule (facts §3.1)."""
    for rule in rules:
        for method in rule.get("AllowedMethods") or ():
            if method not in CORS_METHODS:
                return str(method)
    return None


# -- website -----------------------------------------------------------------------------


class WebsiteProblem(enum.Enum):
    SUFFIX = "suffix"  # IndexDocument Suffix empty or with a slash
    NO_SUFFIX = "no suffix"  # neither IndexDocument nor RedirectAllRequestsTo
    REDIRECT_ALL_WITH_OTHERS = "redirect all with others"
    PROTOCOL = "protocol"
    REPLACE_BOTH = "replace both"
    EMPTY_CONDITION = "empty condition"
    NO_ROUTING_RULES = "no routing rules"  # an empty RoutingRules element: MalformedXML


def website_problem(document: Document) -> tuple[WebsiteProblem, str | None] | None:
    """The first rule a website configuration breaks, in the order LocalStack recorded
    S3 answering them (facts §4.1), with the value S3 names in ArgumentValue."""
    redirect_all = document.get("RedirectAllRequestsTo")
    index = document.get("IndexDocument")
    if redirect_all is not None:
        if any(document.get(name) is not None for name in ("IndexDocument", "ErrorDocument", "RoutingRules")):
            return WebsiteProblem.REDIRECT_ALL_WITH_OTHERS, "not null"
        return _protocol_problem(redirect_all)
    if index is None:
        return WebsiteProblem.NO_SUFFIX, "null"
    suffix = index.get("Suffix") or ""
    if not suffix or "/" in suffix:
        return WebsiteProblem.SUFFIX, suffix  # S3 sends an empty ArgumentValue for ""
    rules = document.get("RoutingRules")
    if rules is not None and not rules:
        return WebsiteProblem.NO_ROUTING_RULES, None
    for rule in rules or ():
        found = _routing_rule_problem(rule)
        if found is not None:
            return found
    return None


def _protocol_problem(redirect: Document) -> tuple[WebsiteProblem, str | None] | None:
    protocol = redirect.get("Protocol")
    if protocol is not None and protocol not in WEBSITE_PROTOCOLS:
        return WebsiteProblem.PROTOCOL, None
    return None


def _routing_rule_problem(rule: Document) -> tuple[WebsiteProblem, str | None] | None:
    redirect = rule.get("Redirect") or {}
    found = _protocol_problem(redirect)
    if found is not None:
        return found
    if redirect.get("ReplaceKeyPrefixWith") is not None and redirect.get("ReplaceKeyWith") is not None:
        return WebsiteProblem.REPLACE_BOTH, None
    condition = rule.get("Condition")
    if condition is not None and not any(value is not None for value in condition.values()):
        return WebsiteProblem.EMPTY_CONDITION, None
    return None


# -- acceleration, location ---------------------------------------------------------------


def acceleration_allowed(bucket_name: str) -> bool:
    """S3 Transfer Acceleration does not serve bucket names with periods (facts §7.1)."""
    return "." not in bucket_name


_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-\d+")
EU = "EU"  # the old name of eu-west-1, still a valid LocationConstraint
EU_REGION = "eu-west-1"


def constraint_region(constraint: str) -> str | None:
    """The region a LocationConstraint names (``EU`` is eu-west-1), or None for a value
    that names none (``foo``, ``aws-global``): botocore's BucketLocationConstraint enum
    lists region names of this shape, and ``EU``."""
    if constraint == EU:
        return EU_REGION
    return constraint if _REGION.fullmatch(constraint) else None
