"""Helpers for the directory bucket tests (not a test module).

Clients are made with default settings: checksums on, and botocore's S3 Express
session auth on, so every zonal call is signed with CreateSession's credentials and
carries ``x-amz-s3session-token``.
"""

from __future__ import annotations

from typing import Any

REGION = "us-west-2"
ZONE = "usw2-az1"
NAME = f"logs--{ZONE}--x-s3"
SESSION_TOKEN = "x-amz-s3session-token"


def directory_configuration(zone: str = ZONE) -> dict[str, Any]:
    return {
        "Location": {"Type": "AvailabilityZone", "Name": zone},
        "Bucket": {"Type": "Directory", "DataRedundancy": "SingleAvailabilityZone"},
    }


def create_directory_bucket(client: Any, name: str = NAME, zone: str = ZONE) -> dict[str, Any]:
    return client.create_bucket(  # type: ignore[no-any-return]  # boto3 clients are untyped
        Bucket=name, CreateBucketConfiguration=directory_configuration(zone)
    )


def send_token(client: Any, token: str) -> None:
    """From now on, this client's zonal requests carry ``token`` instead of the session
    token botocore signed them with."""

    def swap(request: Any, **_: Any) -> None:
        if SESSION_TOKEN in request.headers:
            del request.headers[SESSION_TOKEN]
            request.headers[SESSION_TOKEN] = token

    client.meta.events.register_first("before-send.s3", swap, unique_id="directory-token")


def tokens_sent(calls: Any, operation: str) -> list[str | None]:
    """The session token each recorded call of ``operation`` carried."""
    return [call.headers.get(SESSION_TOKEN) for call in calls(operation)]
