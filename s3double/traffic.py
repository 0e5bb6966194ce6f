"""One boto3 call to S3, kept as a ``Step``: what ``S3StateMachine`` sends and records.

Pure of hypothesis (``s3double.strategies`` alone imports it); boto3 and botocore
load only when a call is made.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

T = TypeVar("T")
Runner = Literal["here", "thread", "pool", "task"]
RUNNERS: tuple[Runner, ...] = ("here", "thread", "pool", "task")
_CLIENTS: dict[str, Any] = {}
_POOL: list[Any] = []  # one thread pool for the run, made on first use (maybe before a double)


@dataclass(frozen=True)
class Step:
    """One request: boto3's parameters (without ``Bucket``), and the parsed response
    (without ``ResponseMetadata``) or the S3 error code it was refused with."""

    operation: str
    params: dict[str, Any]
    response: dict[str, Any] | None = None
    error: str | None = None


def shared_client(region: str) -> Any:
    """One boto3 client per region for a whole test run (a client costs ~100 ms, a
    double microseconds); make the first one while a double is active."""
    if region not in _CLIENTS:
        import boto3

        _CLIENTS[region] = boto3.client("s3", region_name=region)
    return _CLIENTS[region]


def call(
    client: Any, bucket: str, operation: str, tolerated: tuple[str, ...], params: dict[str, Any]
) -> Step:
    """Send ``operation``; an S3 error whose code is in ``tolerated`` becomes the step's
    ``error``, any other is raised."""
    from botocore import xform_name
    from botocore.exceptions import ClientError

    try:
        response = getattr(client, xform_name(operation))(Bucket=bucket, **params)
    except ClientError as refused:
        code = refused.response["Error"]["Code"]
        if code not in tolerated:
            raise
        return Step(operation, params, None, code)
    response.pop("ResponseMetadata", None)
    return Step(operation, params, response)


def next_page(page: dict[str, Any]) -> dict[str, str]:
    """The parameters that ask for the page after ``page`` (V2 token or version markers)."""
    if "NextContinuationToken" in page:
        return {"ContinuationToken": page["NextContinuationToken"]}
    markers = {"KeyMarker": page.get("NextKeyMarker"), "VersionIdMarker": page.get("NextVersionIdMarker")}
    return {name: value for name, value in markers.items() if value is not None}


def run_from(runner: Runner, work: Callable[[], T]) -> T:
    """``work()`` run here, in a new thread, in a shared thread pool, or in an asyncio
    task; its result returned, its exception raised. Each way carries the caller's
    double (see ``s3double.wire.contexts``)."""
    if runner == "here":
        return work()
    if runner == "pool":
        if not _POOL:
            import concurrent.futures

            _POOL.append(concurrent.futures.ThreadPoolExecutor(max_workers=2))
        return _POOL[0].submit(work).result()  # type: ignore[no-any-return]  # a Future[T]
    if runner == "task":
        import asyncio

        async def in_task() -> T:
            return await asyncio.create_task(_awaitable(work))

        return asyncio.run(in_task())
    outcome: list[Any] = []

    def in_thread() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:
            outcome.append((False, error))

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]  # work's T


async def _awaitable(work: Callable[[], T]) -> T:
    return work()
