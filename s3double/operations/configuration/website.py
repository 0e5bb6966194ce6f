"""What a bucket serves to browsers: CORS (PutBucketCors, GetBucketCors,
DeleteBucketCors) and static website hosting (PutBucketWebsite, GetBucketWebsite,
DeleteBucketWebsite). s3double keeps and gives back both configurations; it serves no
preflight requests and no website endpoint.

S3's answers (tests/data/aws/facts-bucket-configuration.md §3, §4): Put 200, Delete
204 with or without a configuration, Get without one 404 NoSuchCORSConfiguration /
NoSuchWebsiteConfiguration. A CORS rule with a method other than GET, PUT, HEAD, POST
and DELETE is 400 InvalidRequest naming it; no rule at all is MalformedXML. Website
configurations are checked as LocalStack recorded S3 checking them.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.configuration import WebsiteProblem, unsupported_cors_method, website_problem
from ...model.store import Store
from ..declaration import Shaped, operation
from ..request import S3Request
from .common import configuration_document, configured_bucket, given_back, kept

_WEBSITE_ARGUMENTS = {
    WebsiteProblem.SUFFIX: (Message.WEBSITE_SUFFIX, "IndexDocument"),
    WebsiteProblem.NO_SUFFIX: (Message.WEBSITE_NO_SUFFIX, "IndexDocument"),
    WebsiteProblem.REDIRECT_ALL_WITH_OTHERS: (Message.WEBSITE_REDIRECT_ALL, "RedirectAllRequestsTo"),
}
_WEBSITE_REQUESTS = {
    WebsiteProblem.PROTOCOL: Message.WEBSITE_PROTOCOL,
    WebsiteProblem.REPLACE_BOTH: Message.WEBSITE_REPLACE_BOTH,
    WebsiteProblem.EMPTY_CONDITION: Message.WEBSITE_EMPTY_CONDITION,
}


@operation("PutBucketCors", query={"cors"}, body=Shaped)
def put_bucket_cors(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketCORS")
    document = configuration_document(request)
    method = unsupported_cors_method(document["CORSRules"])
    if method is not None:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.CORS_METHOD.format(method=method))
    bucket.configure(cors=kept(document))
    return {}


@operation("GetBucketCors", query={"cors"}, root="CORSConfiguration")
def get_bucket_cors(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketCORS")
    if bucket.settings.cors is None:
        raise S3Error(ErrorCode.NO_SUCH_CORS_CONFIGURATION, BucketName=bucket.name)
    return given_back(bucket.settings.cors)


@operation("DeleteBucketCors", query={"cors"}, status=204)
def delete_bucket_cors(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketCORS")
    bucket.configure(cors=None)
    return {}


def website_error(problem: WebsiteProblem, value: str | None) -> S3Error:
    if problem in _WEBSITE_ARGUMENTS:
        message, name = _WEBSITE_ARGUMENTS[problem]
        return invalid_argument(message, name, value)
    if problem in _WEBSITE_REQUESTS:
        return S3Error(ErrorCode.INVALID_REQUEST, _WEBSITE_REQUESTS[problem])
    return S3Error(ErrorCode.MALFORMED_XML)


@operation("PutBucketWebsite", query={"website"}, body=Shaped)
def put_bucket_website(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutBucketWebsite")
    document = configuration_document(request)
    found = website_problem(document)
    if found is not None:
        raise website_error(*found)
    bucket.configure(website=kept(document))
    return {}


@operation("GetBucketWebsite", query={"website"}, root="WebsiteConfiguration")
def get_bucket_website(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetBucketWebsite")
    if bucket.settings.website is None:
        raise S3Error(ErrorCode.NO_SUCH_WEBSITE_CONFIGURATION, BucketName=bucket.name)
    return given_back(bucket.settings.website)


@operation("DeleteBucketWebsite", query={"website"}, status=204)
def delete_bucket_website(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:DeleteBucketWebsite")
    bucket.configure(website=None)
    return {}
