"""Helpers for the bucket configuration tests: S3's answer to a refused call, and proof
that a refused call changed no configuration."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

MALFORMED_XML = (
    "The XML you provided was not well-formed or did not validate against our published schema"
)


def answer(call: Callable[..., Any], /, **params: Any) -> tuple[int, dict[str, Any]]:
    """(status, Error dict) of a call S3 refuses."""
    with pytest.raises(ClientError) as caught:
        call(**params)
    response = caught.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]


def status(response: dict[str, Any]) -> int:
    return response["ResponseMetadata"]["HTTPStatusCode"]


def body(response: dict[str, Any]) -> dict[str, Any]:
    """What botocore parsed, without the metadata."""
    return {name: value for name, value in response.items() if name != "ResponseMetadata"}


def configuration_of(store: Any, name: str) -> tuple[Any, ...]:
    bucket = store.bucket(name)
    return (bucket.settings, bucket.lifecycle, bucket.default_encryption, bucket.policy)


def refused_unchanged(
    store: Any, name: str, call: Callable[..., Any], /, **params: Any
) -> tuple[int, dict[str, Any]]:
    """``answer``, checking that the bucket's configurations are as they were."""
    before = configuration_of(store, name)
    result = answer(call, Bucket=name, **params)
    assert configuration_of(store, name) == before, "a refused request changed a configuration"
    return result
