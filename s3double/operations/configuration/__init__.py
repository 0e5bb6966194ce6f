"""Bucket configuration: versioning (with MFA delete), the bucket policy, and the
configurations of ``model.configuration`` and ``model.lifecycle_rules``: tagging,
lifecycle, default encryption, Block Public Access and Object Ownership, the bucket
ACL, CORS and website, logging and notifications, acceleration and request payment,
replication."""

from . import (  # noqa: F401  (the declarations)
    access,
    bucket_acl,
    encryption,
    lifecycle,
    logging,
    policy,
    replication,
    tagging,
    transfer,
    versioning,
    website,
)
