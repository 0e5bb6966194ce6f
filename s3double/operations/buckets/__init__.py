"""Buckets: CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation, and
the directory buckets' CreateSession and ListDirectoryBuckets."""

from . import buckets, directory  # noqa: F401  (the declarations)
