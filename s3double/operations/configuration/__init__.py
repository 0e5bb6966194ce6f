"""Bucket configuration: versioning (with MFA delete) and the bucket policy."""

from . import policy, versioning  # noqa: F401  (the declarations)
