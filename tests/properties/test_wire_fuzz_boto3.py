"""The wire fuzzer through botocore itself: real client calls (their parameters drawn
from ``s3double.strategies``), each request mutated on its way out by a
``request-created`` handler (a header dropped or replaced, the body or its
aws-chunked framing broken, a query parameter added, the method changed).

The caller sees what it would see from S3: a parsed response, or a ``ClientError``
with a 3xx-5xx status, a Code and a Message; never another exception. A refused
call leaves every bucket as it was.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointResolutionError
from hypothesis import given
from hypothesis import strategies as st
from property_budget import examples
from wire_inputs import (
    BUCKETS,
    EPOCH,
    KEYS,
    METHODS,
    VALUES,
    populate,
    snapshot,
)

from s3double import S3Double
from s3double.strategies import (
    bodies,
    bucket_names,
    delete_batches,
    legal_holds,
    object_keys,
    object_lock_configurations,
    retentions,
    version_ids,
    versioning_configurations,
)

HEADERS = ["Content-MD5", "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm", "Content-Encoding",
           "X-Amz-Decoded-Content-Length", "x-amz-bypass-governance-retention", "Range", "If-Match",
           "If-Modified-Since", "x-amz-object-lock-mode", "x-amz-mfa", "Content-Type",
           "x-amz-copy-source", "x-amz-meta-a"]
_CLIENTS: dict[tuple[str | None, str], Any] = {}
# Where a client may send (issue 13): AWS, an endpoint with a path of its own, a host
# named like the fuzzed buckets, a local endpoint; path style or virtual-hosted.
ENDPOINTS = st.sampled_from([
    (None, "auto"), (None, "auto"), (None, "path"), ("http://localhost:9000/prefix", "path"),
    ("http://localhost:9000/prefix", "virtual"), ("http://fuzz-plain.example.com", "path"),
    ("http://localhost:9000", "virtual"),
])


def client(endpoint: tuple[str | None, str] = (None, "auto")) -> Any:
    """One client per endpoint for every example (made while a double is active),
    without retries."""
    if endpoint not in _CLIENTS:
        url, style = endpoint
        _CLIENTS[endpoint] = boto3.client(
            "s3", region_name="us-east-1", endpoint_url=url,
            config=Config(retries={"total_max_attempts": 1}, s3={"addressing_style": style}),
        )
    return _CLIENTS[endpoint]


@dataclass(frozen=True)
class Mutation:
    kind: str  # drop, set, body, query, method
    name: str = ""
    value: str = ""
    at: float = 0.0  # where in the body, as a fraction of its length
    byte: int = 0

    def apply(self, request: Any) -> None:
        if self.kind == "drop" and request.headers:
            names = sorted(request.headers.keys())
            del request.headers[names[int(self.at * len(names)) % len(names)]]
        elif self.kind == "set":
            request.headers[self.name] = self.value
        elif self.kind == "query":
            joiner = "&" if "?" in request.url else "?"
            request.url += f"{joiner}{quote(self.name, safe='')}={quote(self.value, safe='')}"
        elif self.kind == "method":
            request.method = self.value
        elif self.kind == "body":
            request.data = self.broken(_bytes(request.data))
        elif self.kind == "encode":
            request.data = _bytes(request.data).decode("utf-8", "replace").encode(self.name, "replace")

    def broken(self, body: bytes) -> bytes:
        cut = int(self.at * len(body))
        if self.name == "truncate":
            return body[:cut]
        if self.name == "flip" and body:
            return body[:cut] + bytes([self.byte]) + body[cut + 1 :]
        return b"<!DOCTYPE d [<!ENTITY e 'x'>]>" + body if self.name == "entity" else self.value.encode()


def _bytes(data: Any) -> bytes:
    if data is None:
        return b""
    if hasattr(data, "read"):
        return data.read()
    return data.encode() if isinstance(data, str) else bytes(data)


FRACTION = st.floats(0, 1, exclude_max=True)
MUTATIONS = st.one_of(
    st.builds(Mutation, st.just("drop"), at=FRACTION),
    st.builds(Mutation, st.just("set"), st.sampled_from(HEADERS), VALUES),
    st.builds(Mutation, st.just("body"), st.sampled_from(["truncate", "flip", "entity", "noise"]),
              st.text(max_size=16), FRACTION, st.integers(0, 255)),
    st.builds(Mutation, st.just("query"), st.sampled_from(["versionId", "max-keys", "x", "uploads"]), VALUES),
    st.builds(Mutation, st.just("method"), value=st.sampled_from(METHODS)),
    st.builds(Mutation, st.just("encode"), st.sampled_from(["utf-16", "utf-16-be", "utf-32", "utf-32-le"])),
)
BUCKET = st.sampled_from(BUCKETS) | st.sampled_from([
    "arn:aws:s3:us-east-1:123456789012:accesspoint/ap",
    "arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/olap",
])
KEY = st.sampled_from(KEYS) | object_keys(max_bytes=64)
NOW = EPOCH + _dt.timedelta(hours=1)  # retention dates after the fuzzed clock


def _call(name: str, **params: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    return st.fixed_dictionaries(params).map(lambda drawn: (name, drawn))


CALLS = st.one_of(
    _call("put_object", Bucket=BUCKET, Key=KEY, Body=bodies(64)),
    _call("get_object", Bucket=BUCKET, Key=KEY),
    _call("head_object", Bucket=BUCKET, Key=KEY),
    _call("delete_object", Bucket=BUCKET, Key=KEY),
    _call("delete_object", Bucket=BUCKET, Key=KEY, VersionId=version_ids()),
    _call("delete_objects", Bucket=BUCKET, Delete=delete_batches(KEY, version_ids(), max_size=30)),
    _call("copy_object", Bucket=BUCKET, Key=KEY,
          CopySource=st.fixed_dictionaries({"Bucket": BUCKET, "Key": KEY})),
    _call("list_objects_v2", Bucket=BUCKET, MaxKeys=st.integers(0, 3)),
    _call("list_object_versions", Bucket=BUCKET, MaxKeys=st.integers(0, 3)),
    _call("put_bucket_versioning", Bucket=BUCKET, VersioningConfiguration=versioning_configurations()),
    _call("put_object_lock_configuration", Bucket=BUCKET,
          ObjectLockConfiguration=object_lock_configurations()),
    _call("put_object_retention", Bucket=BUCKET, Key=KEY, Retention=retentions(NOW)),
    _call("put_object_legal_hold", Bucket=BUCKET, Key=KEY, LegalHold=legal_holds()),
    _call("create_bucket", Bucket=bucket_names() | BUCKET),
)


@given(call=CALLS, mutations=st.lists(MUTATIONS, max_size=3), endpoint=ENDPOINTS)
@examples(150)
def test_every_mutated_call_gets_a_response_or_a_client_error(
    call: tuple[str, dict[str, Any]], mutations: list[Mutation], endpoint: tuple[str | None, str]
) -> None:
    name, params = call
    with S3Double(version_id_seed=3) as double:  # fresh and active for this example
        populate(double)
        s3 = client(endpoint)
        before = snapshot(double)

        def mutate(request: Any, event_name: str = "", **_: Any) -> None:
            for mutation in mutations:
                mutation.apply(request)

        s3.meta.events.register("request-created.s3", mutate, unique_id="s3double-fuzz")
        try:
            getattr(s3, name)(**params)
        except EndpointResolutionError:  # botocore's own refusal of an ARN: nothing was sent
            assert str(params.get("Bucket", "")).startswith("arn:")
            assert snapshot(double) == before
        except ClientError as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            assert 300 <= status < 600, error.response
            assert error.response["Error"]["Code"] and error.response["Error"]["Message"], error.response
            assert snapshot(double) == before, f"{name} refused with {status}, yet the state changed"
        finally:
            s3.meta.events.unregister("request-created.s3", unique_id="s3double-fuzz")
