"""(method, bucket, key, query, headers, host) -> the S3 operation it names.

Derived from botocore's S3 service model, which knows every S3 operation's method and
``requestUri`` (``PUT /{Bucket}/{Key+}?tagging``) and which query parameters and
headers it requires. So any S3 request, served or not, is named from its URL alone,
as the HTTP server needs; botocore's hook names operations by its event, and a test
checks that both agree for every operation in the model.

A request matches an operation when the method and the path's form (service root,
bucket, object) agree, every query marker of its ``requestUri`` is present (with its
value, as in ``list-type=2``), and so is every required query parameter and header.
The most specific match wins (``UploadPartCopy`` over ``UploadPart`` over
``PutObject``); among equals, an operation botocore does not mark deprecated
(``PutBucketLifecycleConfiguration`` over ``PutBucketLifecycle``), and on the S3
Express control endpoint the operations botocore sends there (``ListDirectoryBuckets``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from .service_model import s3_model

CONTROL_ENDPOINT = "s3express-control."


@dataclass(frozen=True, slots=True)
class Route:
    operation: str
    method: str
    path: str  # "root", "bucket", "object", or a literal path such as "/WriteGetObjectResponse"
    markers: tuple[tuple[str, str | None], ...]  # query names (and a value, when it has one)
    required_query: frozenset[str]
    required_headers: frozenset[str]
    deprecated: bool
    control_endpoint: bool

    def matches(self, query: Mapping[str, str], headers: Mapping[str, str]) -> bool:
        for name, value in self.markers:
            if name not in query or (value is not None and query[name] != value):
                return False
        return self.required_query.issubset(query) and self.required_headers.issubset(headers)

    def rank(self, control: bool) -> tuple[int, bool, bool]:
        specificity = len(self.markers) + len(self.required_query) + len(self.required_headers)
        return specificity, not self.deprecated, self.control_endpoint == control


def _path_form(uri_path: str) -> str:
    if uri_path == "/":
        return "root"
    if uri_path == "/{Bucket}":
        return "bucket"
    if uri_path == "/{Bucket}/{Key+}":
        return "object"
    return uri_path


def _route(name: str) -> Route:
    model = s3_model().operation_model(name)
    uri_path, _, uri_query = model.http["requestUri"].partition("?")
    markers = []
    for name_and_value in filter(None, uri_query.split("&")):
        marker, sep, value = name_and_value.partition("=")
        markers.append((marker, value if sep else None))
    required_query, required_headers = set(), set()
    shape = model.input_shape
    if shape is not None:
        for member in shape.required_members:
            serialization = shape.members[member].serialization
            if serialization.get("location") == "querystring":
                required_query.add(serialization["name"])
            elif serialization.get("location") == "header":
                required_headers.add(serialization["name"].lower())
    control = any(
        parameter.name == "UseS3ExpressControlEndpoint" and parameter.value
        for parameter in model.static_context_parameters
    )
    return Route(
        model.name, model.http["method"], _path_form(uri_path), tuple(markers),
        frozenset(required_query), frozenset(required_headers), bool(model.deprecated), control,
    )


@functools.lru_cache(maxsize=1)
def _routes() -> dict[tuple[str, str], list[Route]]:
    """Every S3 operation's route, by (method, path form)."""
    table: dict[tuple[str, str], list[Route]] = {}
    for name in s3_model().operation_names:
        route = _route(name)
        table.setdefault((route.method, route.path), []).append(route)
    return table


def route(
    method: str, bucket: str | None, key: str | None, query: Mapping[str, str],
    headers: Mapping[str, str], host: str = "",
) -> str | None:
    """The S3 operation a request names, or None when it names none. ``headers`` have
    lower-case names; ``host`` tells the S3 Express control endpoint."""
    form = "object" if key is not None else "bucket" if bucket is not None else "root"
    candidates = _routes().get((method, form), [])
    if bucket is not None and key is None:  # a fixed path: no bucket name has capitals
        candidates = candidates + _routes().get((method, "/" + bucket), [])
    control = host.startswith(CONTROL_ENDPOINT)
    found = [route for route in candidates if route.matches(query, headers)]
    if not found:
        return None
    return max(found, key=lambda route: route.rank(control)).operation
