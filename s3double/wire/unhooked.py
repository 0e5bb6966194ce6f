"""S3 requests that reach botocore's network layer without passing the hook's handlers.

A botocore session made before ``import s3double`` never got the handlers (botocore
copies its built-in list when a session is made), so its clients' requests arrive at
``URLLib3Session.send``, which the hook wraps while a double is active. Their S3
requests are not signed while a double serves (``RequestSigner.sign`` is wrapped too,
for requests that began without the handlers), so such a client needs no credentials.
There the operation is not known, so it is named from the request as the HTTP server
names it (``routing.route``, from botocore's S3 model), and the bucket and key are read
from the URL alone (``location``); the region is the one the request was signed for.
Then it is served like any other request. So the order of imports does not matter.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from botocore.awsrequest import AWSResponse
from botocore.signers import RequestSigner

from ..errors import S3Error
from . import contexts
from .location import locate
from .routing import route
from .serve import serve
from .serving import Serving

# SigV4's credential scope: Credential=<key id>/<date>/<region>/<service>/aws4_request
_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([^/,\s]+)/([^/,\s]+)/aws4_request")
_S3_HOST = re.compile(r"(^|\.)s3([.-]|express-)")
UNROUTED = "UnroutedRequest"  # no S3 operation has this method, path and query
UNSIGNED_S3 = "s3double.unsigned-s3"  # in the request context of an S3 request left unsigned


def _headers(request: Any) -> dict[str, str]:
    return {
        str(name).lower(): value.decode("latin-1") if isinstance(value, bytes) else str(value)
        for name, value in request.headers.items()
    }


def _scope(request: Any) -> tuple[str, str] | None:
    """(region, service) the request was signed for, if it was signed with SigV4."""
    found = _SCOPE.search(_headers(request).get("authorization", "")) or _SCOPE.search(
        request.url.replace("%2F", "/")
    )
    return (found.group(1), found.group(2)) if found else None


def is_s3(request: Any) -> bool:
    """An S3 request: left unsigned above, signed for S3 (or S3 Express), or sent
    unsigned to an S3 host."""
    context = getattr(request, "context", None)
    if isinstance(context, dict) and context.get(UNSIGNED_S3):
        return True
    scope = _scope(request)
    if scope is not None:
        return scope[1] in ("s3", "s3express")
    return _S3_HOST.search(urlsplit(request.url).hostname or "") is not None


def _region(request: Any) -> str | None:
    scope = _scope(request)
    if scope is not None:
        return scope[0]
    labels = (urlsplit(request.url).hostname or "").split(".")
    return next((label for label in labels if re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d", label)), None)


def serve_unhooked(double: Serving, request: Any) -> AWSResponse:
    """Serve a botocore prepared request from ``double`` with no hint but the request."""
    try:
        bucket, key, query_string = locate(request.url)
    except S3Error:  # serve answers it, with the request recorded
        bucket, key, query_string = None, None, urlsplit(request.url).query
    headers = _headers(request)
    query = dict(parse_qsl(query_string, keep_blank_values=True))
    host = urlsplit(request.url).hostname or ""
    operation = route(request.method.upper(), bucket, key, query, headers, host) or UNROUTED
    return serve(double, operation, request, bucket=bucket, region=_region(request), key=key)


_SAVED_SIGN: list[Any] = []


def _sign(signer: Any, operation_name: str, request: Any, *args: Any, **kwargs: Any) -> Any:
    """``RequestSigner.sign`` while a double is active: an S3 request that began without
    the hook's handlers (its context has no call) goes unsigned to the send guard."""
    signing_type = kwargs.get("signing_type", args[1] if len(args) > 1 else "standard")
    context = getattr(request, "context", None)
    standard_s3 = signing_type == "standard" and signer.signing_name == "s3"
    if isinstance(context, dict) and contexts.CALL not in context and standard_s3 and contexts.current():
        context[UNSIGNED_S3] = True  # the prepared request carries the same context
        return None
    return _SAVED_SIGN[0](signer, operation_name, request, *args, **kwargs)


def guard_signing() -> None:
    _SAVED_SIGN[:] = [RequestSigner.sign]
    RequestSigner.sign = _sign  # botocore is untyped: put back by unguard_signing


def unguard_signing() -> None:
    RequestSigner.sign = _SAVED_SIGN[0]
