"""routing.route names every operation in botocore's S3 service model from its URL alone.

Each operation is called through a real botocore client with the smallest input its
shape requires; a handler registered first on ``before-send`` sees the prepared
request, routes it by method, URL, query and headers, and stops the call there (no
double is active and nothing is sent). botocore's event name must agree with the
route, except for the operations botocore itself marks deprecated, which share their
successor's URL (``GetBucketLifecycle`` is ``GET ?lifecycle``, as is
``GetBucketLifecycleConfiguration``) and are named as the successor.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, unquote, urlsplit

import botocore.session
import pytest
from botocore.config import Config

from s3double.wire.routing import route

SESSION = botocore.session.get_session()
MODEL = SESSION.get_service_model("s3")


class _Stop(Exception):
    pass


def _value(shape, depth: int = 0):  # noqa: ANN001, ANN202
    """The smallest value of a shape: its required members only."""
    kind = shape.type_name
    if kind == "structure":
        return {
            name: _value(shape.members[name], depth + 1)
            for name in shape.required_members
            if depth < 6
        }
    if kind == "list":
        return [_value(shape.member, depth + 1)]
    if kind == "map":
        return {"k": _value(shape.value, depth + 1)}
    if kind in ("integer", "long"):
        return 1
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    if kind == "blob":
        return b"x"
    if shape.enum:
        return shape.enum[0]
    return "x"


def _params(name: str) -> dict:
    shape = MODEL.operation_model(name).input_shape
    params = _value(shape) if shape is not None else {}
    if "Bucket" in params:
        params["Bucket"] = "routes"
    if "Key" in params:
        params["Key"] = "dir/a b+c%"
    return params


def _routed(request) -> str | None:  # noqa: ANN001
    parts = urlsplit(request.url)
    path = unquote(parts.path).lstrip("/")
    bucket, _, key = path.partition("/")
    return route(
        request.method.upper(), bucket or None, key or None,
        dict(parse_qsl(parts.query, keep_blank_values=True)),
        {name.lower(): value for name, value in request.headers.items()},
        parts.hostname or "",
    )


@pytest.fixture(scope="module")
def client():  # noqa: ANN201
    made = SESSION.create_client(
        "s3", region_name="us-west-2", aws_access_key_id="a", aws_secret_access_key="b",
        config=Config(s3={"addressing_style": "path"}, parameter_validation=False),
    )
    return made


@pytest.mark.parametrize("name", MODEL.operation_names)
def test_the_url_names_the_operation_botocore_sends(client, name):  # noqa: ANN001
    seen: list[tuple[str, str | None]] = []

    def stop(request, event_name: str, **_) -> None:  # noqa: ANN001
        seen.append((event_name.rsplit(".", 1)[-1], _routed(request)))
        raise _Stop

    client.meta.events.register_first("before-send.s3", stop, unique_id="routing-model")
    try:
        with pytest.raises(_Stop):
            client._make_api_call(name, _params(name))
    finally:
        client.meta.events.unregister("before-send.s3", unique_id="routing-model")

    (named, derived), = seen
    expected = named
    if MODEL.operation_model(named).deprecated:
        expected = named + "Configuration"  # its successor, at the same URL
    assert derived == expected
