"""Listings: ListObjects, ListObjectsV2 and ListObjectVersions."""

from . import keys, versions  # noqa: F401  (the declarations)
