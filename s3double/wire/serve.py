"""Serve one S3 request in-process: build the S3Request, run the operation, write
S3's response, record the call."""

from __future__ import annotations

import io
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from botocore.awsrequest import AWSResponse

from ..errors import ErrorCode, S3Error
from ..operations import OPERATIONS, run
from ..operations.request import S3Request
from ..recording import Call, CallLog, outcomes_of
from . import render_directory  # noqa: F401  (registers the directory bucket renderers)
from .render import Rendered, finish, render, render_error
from .request import build_request
from .serving import Serving
from .shapes import write_shaped


class _Body(io.BytesIO):
    """The raw response stream botocore reads: ``read`` and ``stream``."""

    def stream(self, amt: int | None = None, decode_content: bool | None = None) -> Iterator[bytes]:
        data = self.read()
        if data:
            yield data


def serve(
    double: Serving, operation: str, prepared: Any, *, bucket: str | None, region: str | None,
    key: str | None = None,
) -> AWSResponse:
    """Answer one botocore request from ``double``'s store, as S3 would on the wire;
    ``bucket`` and ``key`` are what the client named, when known (see ``location``)."""

    def build() -> S3Request:
        return build_request(
            prepared, operation, bucket_hint=bucket, region=region, key_faults=double.faults,
            key_hint=key,
        )

    status, headers, body = respond(double, operation, prepared.method.upper(), build)
    return AWSResponse(prepared.url, status, headers, _Body(body))


def respond(
    double: Serving, operation: str, method: str, build: Callable[[], S3Request]
) -> Rendered:
    """Answer one S3 request, whichever door it came through: ``build`` makes the
    S3Request (its S3Error answers the request); the call is recorded in ``double.calls``.

    The request runs as one store transaction: it applies whole, or, when an exception
    escapes (S3's refusals, or a bug in the double), not at all. A bug is answered with
    S3's 500 InternalError, never a Python exception, and recorded with its traceback
    (``Call.traceback``); the double reports it when it is left."""
    request: S3Request | None = None
    result: Any = None
    rendered: Rendered | None = None
    error = injected = None
    try:
        request = build()
        injected = error = double.faults.request_fault(operation)
        if injected is None:
            double.store.apply_lifecycle()  # S3's own daily runs: never undone with the request
            with double.store.transaction(request.bucket):
                result = run(double.store, request)
                rendered = write(operation, result, method)
    except S3Error as refused:
        error = refused
    except Exception as failure:  # s3double's own bug: undone by the transaction, answered 500
        error, result = _internal(double, failure), None
    if rendered is None:
        assert error is not None  # no answer was written, so the request was refused
        rendered = render_error(error, method)
    call = _call(double.calls, operation, method, request, result, error, rendered[0], injected)
    double.calls.record(call)
    return rendered


def _internal(double: Serving, failure: Exception) -> S3Error:
    """S3's 500 InternalError for a failure of s3double's own, noted on the double with
    its traceback for the test to see at the double's exit."""
    double.note_internal_error(failure)
    error = S3Error(ErrorCode.INTERNAL_ERROR)
    error.internal = "".join(traceback.format_exception(failure))
    return error


def write(operation: str, result: Any, method: str) -> Rendered:
    """The response for an operation's result: its renderer, or, for a ``dict``, the
    operation's botocore output shape under its declared root."""
    if isinstance(result, dict):
        declared = OPERATIONS[operation]
        status, headers, body = write_shaped(operation, result, declared.root, declared.status)
        return finish(status, headers, b"" if method == "HEAD" else body)
    return render(result, method)


def _document_reader(request: S3Request | None) -> Callable[[], Any] | None:
    """Reads the parsed body for the record, when asked: None when it does not parse.
    Raw bodies (PutObject's bytes) are not kept."""
    if request is None or request.reader in (None, bytes) or not request.body:
        return None

    def read() -> Any:
        try:
            return request.document()
        except S3Error:
            return None  # the record keeps the raw request only

    return read


def _call(
    calls: CallLog, operation: str, method: str, request: S3Request | None, result: Any,
    error: S3Error | None, status: int, injected: S3Error | None,
) -> Call:
    return Call(
        operation=calls.name(operation),  # type: ignore[arg-type]  # a str stays a str
        method=calls.name(method),  # type: ignore[arg-type]  # a str stays a str
        bucket=calls.name(request.bucket) if request else None,
        key=request.key if request else None,
        query=request.query if request else {},
        headers=calls.kept_headers(request.headers) if request else {},
        read_document=_document_reader(request),
        status=status,
        error_code=error.code if error else None,
        error_message=error.message if error else None,
        outcomes=outcomes_of(result),
        injected=injected is not None,
        traceback=error.internal if error else None,
    )
