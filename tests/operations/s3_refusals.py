"""Helpers for the operation tests: a request S3 refuses, and proof it changed nothing.

``refused(store, call, **params)`` makes the boto3 call, expects a ClientError,
checks that the model is exactly as it was before, and returns what botocore
parsed: the HTTP status, the ``Error`` dict (Code, Message and S3's extra fields;
botocore drops RequestId and HostId) and the response headers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError


def snapshot(store: Any) -> list[tuple[Any, ...]]:
    """Every bucket with its settings and every key's versions and markers."""
    return [
        (
            bucket.name, bucket.owner, bucket.region, bucket.versioning,
            [(key, tuple(bucket.versions(key))) for key in bucket.objects.index.walk()],
        )
        for bucket in store
    ]


@dataclass(frozen=True)
class Refusal:
    status: int
    error: dict[str, str]
    headers: dict[str, str]


def refused(store: Any, call: Callable[..., Any], /, **params: Any) -> Refusal:
    before = snapshot(store)
    with pytest.raises(ClientError) as caught:
        call(**params)
    assert snapshot(store) == before, "a refused request changed the store"
    response = caught.value.response
    metadata = response["ResponseMetadata"]
    return Refusal(metadata["HTTPStatusCode"], response["Error"], metadata["HTTPHeaders"])
