"""Helpers shared by the DeleteObject / DeleteObjects tests (not a test module).

* ``s3_error`` asserts that a call fails the way S3 fails: the HTTP status, the
  ``<Error>`` document's Code, Message and fields, and a RequestId that the body
  and the ``x-amz-request-id`` header agree on.
* ``rewrite_delete_request`` changes what botocore sends for DeleteObjects, in a
  ``request-created`` handler: the body, and the integrity headers (Content-MD5,
  ``x-amz-checksum-*``), which botocore computed before the handler runs.
* ``versions_state`` is the bucket as ListObjectVersions shows it, to compare
  before and after a refused request.
"""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from botocore.exceptions import ClientError

# S3 API reference, Error responses, and tests/data/aws/facts-deletes.md sections 3 and 5
# (recorded wording).
MALFORMED_XML = (
    "The XML you provided was not well-formed or did not validate against our published schema"
)
NO_SUCH_VERSION = "The specified version does not exist."
INVALID_VERSION_ID = "Invalid version id specified"
MISSING_INTEGRITY = "Missing required header for this request: Content-MD5 OR x-amz-checksum-*"
BAD_CONTENT_MD5 = "The Content-MD5 you specified did not match what we received."
INVALID_CONTENT_MD5 = "The Content-MD5 you specified was invalid."

# S3 user guide, "Retaining multiple versions of objects": ids are opaque strings;
# S3's own are 32 characters of letters, digits, "." and "_".
VERSION_ID = re.compile(r"[A-Za-z0-9._]{32}")
# Shaped like S3's ids, never issued by any bucket of a double.
NEVER_ISSUED = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH"

ALGORITHMS = ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256")
INTEGRITY_HEADERS = (
    "content-md5", "x-amz-sdk-checksum-algorithm",
    *(f"x-amz-checksum-{name.lower()}" for name in ALGORITHMS),
)


def content_md5(body: bytes) -> str:
    return base64.b64encode(hashlib.md5(body).digest()).decode()


def delete_body(*keys: str, quiet: bool | None = None) -> bytes:
    """A DeleteObjects document as botocore writes it (keys must need no escaping)."""
    objects = "".join(f"<Object><Key>{key}</Key></Object>" for key in keys)
    tail = "" if quiet is None else f"<Quiet>{str(quiet).lower()}</Quiet>"
    return (
        f'<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{objects}{tail}</Delete>'
    ).encode()


def rewrite_delete_request(
    client: Any,
    *,
    body: bytes | None = None,
    headers: Callable[[bytes], dict[str, str]] | None = None,
) -> None:
    """From now on, this client's DeleteObjects requests carry ``body`` (if given)
    and, if ``headers`` is given, exactly the integrity headers it returns for the
    body sent (botocore's own are dropped)."""

    def handler(request: Any, **_: Any) -> None:
        if body is not None:
            request.data = body
        if headers is None:
            return
        for name in list(request.headers.keys()):
            if name.lower() in INTEGRITY_HEADERS:
                del request.headers[name]
        sent = request.data if isinstance(request.data, bytes) else request.body
        for name, value in headers(sent).items():
            request.headers[name] = value

    client.meta.events.register(
        "request-created.s3.DeleteObjects", handler, unique_id="delete-tests-rewrite"
    )


def with_md5(body: bytes) -> dict[str, str]:
    return {"Content-MD5": content_md5(body)}


@contextmanager
def s3_error(
    client: Any, status: int, code: str, message: str | None = None, **fields: str
) -> Iterator[pytest.ExceptionInfo[ClientError]]:
    """The call inside fails as S3 fails: status, Code, Message, fields, RequestId."""
    raw: dict[str, Any] = {}

    def keep_raw(response_dict: Any, **_: Any) -> None:
        raw.update(response_dict)

    client.meta.events.register("before-parse.s3", keep_raw, unique_id="delete-tests-raw")
    try:
        with pytest.raises(ClientError) as caught:
            yield caught
    finally:
        client.meta.events.unregister("before-parse.s3", unique_id="delete-tests-raw")
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert raw["status_code"] == status
    error = response["Error"]
    assert error["Code"] == code
    if message is not None:
        assert error["Message"] == message
    for name, value in fields.items():
        assert error[name] == value
    request_id = raw["headers"]["x-amz-request-id"]
    assert request_id
    assert response["ResponseMetadata"]["RequestId"] == request_id
    document = ElementTree.fromstring(raw["body"])
    assert document.tag == "Error"
    assert document.findtext("Code") == code
    assert document.findtext("Message") == error["Message"]
    assert document.findtext("RequestId") == request_id
    assert document.findtext("HostId")


def skip_retry_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Some botocore versions retry S3's 400 BadDigest with backoff, as they would
    against S3; record the delays instead of sleeping them, wherever botocore sleeps."""
    import time

    delays: list[float] = []
    monkeypatch.setattr(time, "sleep", delays.append)
    return delays


def versions_state(client: Any, bucket: str) -> list[tuple[str, str, str, bool, str]]:
    """Every version and delete marker, as ListObjectVersions shows them."""
    rows = []
    for page in client.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for version in page.get("Versions", []):
            rows.append(("version", version["Key"], version["VersionId"], version["IsLatest"],
                         version["ETag"]))
        for marker in page.get("DeleteMarkers", []):
            rows.append(("marker", marker["Key"], marker["VersionId"], marker["IsLatest"], ""))
    return sorted(rows)


def keys_of(client: Any, bucket: str) -> list[str]:
    """The keys ListObjectsV2 shows (current versions that are not delete markers)."""
    keys = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    return keys


def put(client: Any, bucket: str, key: str, body: bytes = b"data") -> str | None:
    """PutObject; the new version id (None when the bucket sends none)."""
    return client.put_object(Bucket=bucket, Key=key, Body=body).get("VersionId")


def no_such_version(key: str, version_id: str) -> dict[str, str]:
    """DeleteObjects' per-key error for a version id the bucket never issued."""
    return {"Key": key, "VersionId": version_id, "Code": "NoSuchVersion", "Message": NO_SUCH_VERSION}
