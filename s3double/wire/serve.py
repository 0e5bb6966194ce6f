"""Serve one S3 request in-process: build the S3Request, run the operation, render
S3's response, record the call."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from botocore.awsrequest import AWSResponse

from ..errors import S3Error
from ..operations import run
from ..operations.request import S3Request
from ..recording import Call, outcomes_of
from .hook import Serving
from . import render_directory  # noqa: F401  (registers the directory bucket renderers)
from .render import render, render_error
from .request import build_request


class _Body(io.BytesIO):
    """The raw response stream botocore reads: ``read`` and ``stream``."""

    def stream(self, amt: int | None = None, decode_content: bool | None = None) -> Iterator[bytes]:
        data = self.read()
        if data:
            yield data


def serve(
    double: Serving, operation: str, prepared: Any, *, bucket: str | None, region: str | None
) -> AWSResponse:
    """Answer one S3 request from ``double``'s store, as S3 would on the wire, and
    record it in ``double.calls``."""
    method = prepared.method.upper()
    request: S3Request | None = None
    result: Any = None
    error = injected = None
    try:
        request = build_request(
            prepared,
            operation,
            bucket_hint=bucket,
            region=region,
        )
        request.faults = double.faults
        injected = error = double.faults.request_fault(operation)
        if injected is None:
            result = run(double.store, request)
        elif request.parse_body is not None and request.body:
            _parse_for_the_record(request)
    except S3Error as refused:
        error = refused
    status, headers, body = (
        render_error(error, method) if error is not None else render(result, method)
    )
    double.calls.record(_call(operation, method, request, result, error, status, injected))
    return AWSResponse(prepared.url, status, headers, _Body(body))


def _parse_for_the_record(request: S3Request) -> None:
    try:
        request.document()
    except S3Error:
        pass  # the record keeps the raw request only


def _call(
    operation: str, method: str, request: S3Request | None, result: Any,
    error: S3Error | None, status: int, injected: S3Error | None,
) -> Call:
    return Call(
        operation=operation,
        method=method,
        bucket=request.bucket if request else None,
        key=request.key if request else None,
        query=request.query if request else {},
        headers=request.headers if request else {},
        document=request.parsed if request else None,
        status=status,
        error_code=error.code if error else None,
        error_message=error.message if error else None,
        outcomes=outcomes_of(result),
        injected=injected is not None,
    )
