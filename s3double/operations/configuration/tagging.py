"""Bucket tagging: PutBucketTagging, GetBucketTagging, DeleteBucketTagging.

S3's answers (tests/data/aws/facts-bucket-configuration.md §1): Put replaces the whole
set and answers 204, an empty set removes it; Get without a set is 404 NoSuchTagSet;
Delete is 204 with or without one. A set is checked by the object tag rules with 50
tags at most (400 BadRequest past them) and its own answer to an ``aws:`` key.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error
from ...model.configuration import bucket_tags_problem
from ...model.store import Store
from ...model.tagging import TagProblem, TagReason
from ..declaration import Shaped, operation
from ..objects.tagging import tag_error
from ..request import S3Request
from .common import configuration_document, configured_bucket


def bucket_tag_error(problem: TagProblem) -> S3Error:
    if problem.reason is TagReason.TOO_MANY:
        return S3Error(ErrorCode.BAD_REQUEST, Message.TOO_MANY_BUCKET_TAGS)
    if problem.reason is TagReason.SYSTEM_KEY:
        return S3Error(ErrorCode.INVALID_TAG, Message.SYSTEM_BUCKET_TAG, TagKey=problem.key)
    return tag_error(problem)


@operation("PutBucketTagging", query={"tagging"}, body=Shaped, status=204)
def put_bucket_tagging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketTagging")
    document = configuration_document(request)
    tags = tuple((tag["Key"], tag["Value"]) for tag in document.get("TagSet") or [])
    problem = bucket_tags_problem(tags)
    if problem is not None:
        raise bucket_tag_error(problem)
    bucket.configure(tags=tags or None)
    return {}


@operation("GetBucketTagging", query={"tagging"}, root="Tagging")
def get_bucket_tagging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketTagging")
    tags = bucket.settings.tags
    if tags is None:
        raise S3Error(ErrorCode.NO_SUCH_TAG_SET, BucketName=bucket.name)
    return {"TagSet": [{"Key": key, "Value": value} for key, value in tags]}


@operation("DeleteBucketTagging", query={"tagging"}, status=204)
def delete_bucket_tagging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketTagging")
    bucket.configure(tags=None)
    return {}
