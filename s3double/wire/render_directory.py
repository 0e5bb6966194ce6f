"""Directory bucket responses: CreateSession's credentials and ListDirectoryBuckets.

Shapes from the S3 API reference: ``<CreateSessionResult><Credentials>`` with
AccessKeyId, SecretAccessKey, SessionToken and Expiration; and
``<ListAllMyDirectoryBucketsResult><Buckets><Bucket>`` with Name, CreationDate and
BucketArn ("The BucketRegion response element is not part of the
ListDirectoryBuckets Response Syntax"), then ContinuationToken.
"""

from __future__ import annotations

from ..operations.buckets.directory import bucket_arn
from ..operations.results import DirectoryBucketList, SessionCreated
from ..values import iso_time
from .render import XML, Rendered, finish, render
from .xml import document, element


@render.register
def render_session(result: SessionCreated, method: str) -> Rendered:
    session = result.session
    credentials = (
        element("SessionToken", session.token)
        + element("SecretAccessKey", session.secret_access_key)
        + element("AccessKeyId", session.access_key_id)
        + element("Expiration", iso_time(session.expiration))
    )
    body = document("CreateSessionResult", f"<Credentials>{credentials}</Credentials>")
    return finish(200, {**result.headers, **XML}, body)


@render.register
def render_directory_buckets(result: DirectoryBucketList, method: str) -> Rendered:
    buckets = "".join(
        "<Bucket>" + element("Name", bucket.name)
        + element("CreationDate", iso_time(bucket.created))
        + element("BucketArn", bucket_arn(bucket)) + "</Bucket>"
        for bucket in result.buckets
    )
    inner = f"<Buckets>{buckets}</Buckets>"
    if result.continuation_token is not None:
        inner += element("ContinuationToken", result.continuation_token)
    return finish(200, dict(XML), document("ListAllMyDirectoryBucketsResult", inner))
