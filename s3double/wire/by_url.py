"""Serve an S3 request that reaches s3double as a plain HTTP request: method, URL,
headers and body, without botocore's operation name (a presigned URL fetched with
``requests`` or ``urllib``, a browser-style POST form, an aiobotocore client whose
session predates ``import s3double``).

The operation is named from the URL (``routing.route``), the request is built by
``request_from_parts`` and answered by ``serve.respond``, so the double, its model and
its call record are the same as for botocore's clients. Authentication, as S3 sees it:

* a presigned request (query-string signature) is checked: parameters, key, signature,
  expiry by the double's clock (``presigned``);
* a request with an ``Authorization`` header was signed by an SDK; like botocore's own
  requests in-process, it is not checked;
* any other request is anonymous: S3 answers 403 AccessDenied (buckets here are private).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote

from ..errors import ErrorCode, S3Error
from ..operations.request import S3Request
from . import post_form
from .endpoints import S3Location, s3_location
from .presigned import AUTH_PARAMETERS, check_presigned, is_presigned
from .render import Rendered, render_error
from .request import request_from_parts
from .routing import route
from .serve import respond
from .serving import Serving

# Query parameters that name the request's signature or operation, not its content.
NOT_CONTENT = AUTH_PARAMETERS | {"x-id"}


def serve_url(
    double: Serving, method: str, url: str, headers: Mapping[str, str], body: bytes
) -> Rendered:
    """S3's answer to ``method url`` (``url`` must be an S3 endpoint: ``is_s3_url``)."""
    lowered = {
        _text(name).lower(): _text(value) for name, value in headers.items()
    }
    location = s3_location(url, lowered.get("host"))
    if location is None:
        raise ValueError(f"not an S3 endpoint: {url}")
    method = method.upper()
    if method == "POST" and location.key is None and _is_form(lowered):
        return _serve_form(double, location, url, lowered, body)
    query = dict(parse_qsl(location.query, keep_blank_values=True))
    content_query = {name: value for name, value in query.items() if name not in NOT_CONTENT}
    operation = route(method, location.bucket, location.key, content_query, lowered, location.host)
    if operation is None:
        return _unrouted(method)

    def build() -> S3Request:
        _authenticate(double, method, location, lowered)
        return request_from_parts(
            operation, method, location.bucket, location.key, _content_query(location.query),
            dict(lowered), body, region=location.region, url=url, key_faults=double.faults,
        )

    return respond(double, operation, method, build)


def _text(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", "surrogateescape")


def _authenticate(
    double: Serving, method: str, location: S3Location, headers: Mapping[str, str]
) -> None:
    query = dict(parse_qsl(location.query, keep_blank_values=True))
    if is_presigned(query):
        check_presigned(
            method, location.host, location.path, location.query, headers, double.store.now(),
            bucket=location.bucket, virtual_host=location.virtual,
        )
    elif "authorization" not in headers:
        raise S3Error(ErrorCode.ACCESS_DENIED)


def _content_query(raw_query: str) -> str:
    """The query string without its signature parameters, still encoded."""
    kept = [
        part for part in raw_query.split("&")
        if part and unquote(part.partition("=")[0]) not in NOT_CONTENT
    ]
    return "&".join(kept)


def _is_form(headers: Mapping[str, str]) -> bool:
    return headers.get("content-type", "").lower().startswith("multipart/form-data")


def _serve_form(
    double: Serving, location: S3Location, url: str, headers: Mapping[str, str], body: bytes
) -> Rendered:
    form: list[Any] = []

    def build() -> S3Request:
        parsed = post_form.parse_form(headers.get("content-type", ""), body)
        form.append(parsed)
        request = post_form.build_put(location, url, parsed, double.store.now())
        form.append(request.key)
        return request

    rendered = respond(double, "PostObject", "POST", build)
    if rendered[0] != 200 or len(form) != 2:
        return rendered
    return post_form.answer(form[0].fields, location, form[1], rendered)


def _unrouted(method: str) -> Rendered:
    """No S3 operation has this shape: S3's 405 (GET/PUT...) names the method."""
    error = S3Error(ErrorCode.METHOD_NOT_ALLOWED, Method=method, ResourceType="OBJECT")
    return render_error(error, method)

