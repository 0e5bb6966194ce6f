"""Object tagging: PutObjectTagging, GetObjectTagging and DeleteObjectTagging, per version.

Written the declared way: the body is read by botocore's ``Tagging`` shape and the
results are written by the output shapes, so these operations carry no XML.
S3's answers (tests/data/aws/facts-tagging.md): a tag set breaking a rule of
``model.tagging`` is 400 InvalidTag, or BadRequest for more than 10 tags; a delete
marker, named or current, is 405 MethodNotAllowed; a missing object is 404 NoSuchKey,
whose Key element GetObjectTagging writes as ``bucket/key``. A versioned bucket
reports the version in ``x-amz-version-id``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ...errors import ErrorCode, Message, S3Error
from ...model.bucket import Bucket, VersioningState
from ...model.store import Store
from ...model.tagging import TagProblem, TagReason, tag_set_problem
from ...model.versions import ObjectVersion
from ..common.authorization import authorize
from ..common.integrity import verify_checksum, verify_content_md5
from ..common.lookup import existing_bucket, object_key, resolve_version
from ..declaration import Shaped, operation
from ..request import S3Request

_PROBLEMS = {
    TagReason.TOO_MANY: (ErrorCode.BAD_REQUEST, Message.TOO_MANY_OBJECT_TAGS),
    TagReason.DUPLICATE_KEY: (ErrorCode.INVALID_TAG, Message.DUPLICATE_TAG_KEY),
    TagReason.INVALID_KEY: (ErrorCode.INVALID_TAG, Message.INVALID_TAG_KEY),
    TagReason.INVALID_VALUE: (ErrorCode.INVALID_TAG, Message.INVALID_TAG_VALUE),
    TagReason.SYSTEM_KEY: (ErrorCode.INVALID_TAG, Message.SYSTEM_OBJECT_TAG),
}


def tag_error(problem: TagProblem) -> S3Error:
    code, message = _PROBLEMS[problem.reason]
    error = S3Error(code, message)
    if problem.reason is not TagReason.TOO_MANY:
        error.fields["TagKey"] = problem.key
    if problem.reason is TagReason.INVALID_VALUE:
        error.fields["TagValue"] = problem.value
    return error


def _tagged_version(
    store: Store, request: S3Request, action: str, method: str, missing_key: str
) -> tuple[Bucket, ObjectVersion]:
    bucket = existing_bucket(store, request)
    key = object_key(request)
    version_id = request.query.get("versionId")
    authorize(store, bucket, request, action, key, version_id)
    if version_id is None:
        current = bucket.current(key)
        if current is None:
            raise S3Error(ErrorCode.NO_SUCH_KEY, Key=missing_key.format(bucket=bucket.name, key=key))
        if current.is_delete_marker:
            raise S3Error(ErrorCode.METHOD_NOT_ALLOWED, Method=method, ResourceType="DeleteMarker")
        version_id = current.version_id
    return bucket, resolve_version(bucket, key, version_id, method)


def _version(bucket: Bucket, version: ObjectVersion) -> dict[str, Any]:
    if bucket.versioning is VersioningState.UNVERSIONED:
        return {}
    return {"VersionId": version.version_id}


@operation("PutObjectTagging", query={"tagging", "versionId"}, body=Shaped)
def put_object_tagging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket, version = _tagged_version(store, request, "s3:PutObjectTagging", "PUT", "{key}")
    verify_content_md5(request)
    verify_checksum(request)
    document = request.document()
    tags = tuple((tag["Key"], tag["Value"]) for tag in document.get("TagSet") or [])
    problem = tag_set_problem(tags)
    if problem is not None:
        raise tag_error(problem)
    bucket.update(dataclasses.replace(version, tags=tags))
    return _version(bucket, version)


@operation("GetObjectTagging", query={"tagging", "versionId"}, root="Tagging")
def get_object_tagging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket, version = _tagged_version(
        store, request, "s3:GetObjectTagging", "GET", "{bucket}/{key}"
    )
    tag_set = [{"Key": key, "Value": value} for key, value in version.tags]
    return {"TagSet": tag_set, **_version(bucket, version)}


@operation("DeleteObjectTagging", query={"tagging", "versionId"}, status=204)
def delete_object_tagging(store: Store, request: S3Request) -> dict[str, Any]:
    bucket, version = _tagged_version(store, request, "s3:DeleteObjectTagging", "DELETE", "{key}")
    bucket.update(dataclasses.replace(version, tags=()))
    return _version(bucket, version)
