"""The benchmark's correctness gates, quick enough for every run (no timing is asserted).

Each row of ``bench_s3double.py`` is built at a small size and checked: s3double
answered every call with a success; the floor, with no double active, was asked
the very request s3double was asked and answered it with s3double's exact bytes
(so the client parsed the same response); and, when moto is installed, moto's
calls succeed too.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest
from bench_floor import Capture, frozen_heap, inactive, load_moto
from bench_rows import Row, Sizes, build_rows, verify

import s3double

SMALL = Sizes(big=3000)


def _rows(moto: object = None) -> Iterator[tuple[s3double.S3Double, list[Row]]]:
    with s3double.mock_s3() as double:
        yield double, build_rows(double, SMALL, moto)  # type: ignore[arg-type]


@pytest.fixture
def built() -> Iterator[tuple[s3double.S3Double, list[Row]]]:
    yield from _rows()


def test_every_row_passes_its_gates(built) -> None:
    _double, rows = built
    assert len(rows) >= 12
    for row in rows:
        assert verify(row) == [], row.name


def test_the_floor_replays_s3doubles_bytes_exactly(built) -> None:
    _, rows = built
    row = next(row for row in rows if row.name == "DeleteObjects 1,000 keys")
    (exchange,) = row.captured
    assert exchange.status == 200 and exchange.content.count(b"<Deleted>") == 1000
    assert row.replay is not None
    row.replay.turn = 0
    answer = row.replay(_Request(exchange.url))
    assert (answer.status_code, dict(answer.headers), answer.content) == (
        exchange.status, exchange.headers, exchange.content)


def test_each_floor_client_is_unsigned_and_made_apart(built) -> None:
    import botocore

    _, rows = built
    clients = {id(row.floor_client) for row in rows}
    assert len(clients) == len(rows)
    assert all(row.floor_client.meta.config.signature_version is botocore.UNSIGNED for row in rows)


def test_a_capture_sees_the_request_and_the_raw_response() -> None:
    import boto3

    with s3double.mock_s3() as double:
        client = boto3.session.Session().client("s3", region_name="us-east-1")
        capture = Capture()
        capture.attach(client)
        double.store.create_bucket("gates")
        client.put_object(Bucket="gates", Key="k", Body=b"body")
        assert client.get_object(Bucket="gates", Key="k")["Body"].read() == b"body"
    put, get = capture.exchanges
    assert (put.method, put.status, get.method, get.content) == ("PUT", 200, "GET", b"body")
    assert put.url.endswith("/k") and b"body" in put.body


def test_frozen_heap_leaves_the_collector_as_it_was() -> None:
    import gc

    with frozen_heap():
        assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.skipif(importlib.util.find_spec("moto") is None, reason="moto is optional")
def test_moto_rows_succeed_when_moto_is_installed() -> None:
    moto = load_moto()
    assert moto is not None
    try:
        for double, rows in _rows(moto):
            with_moto = [row for row in rows if row.moto is not None]
            assert len(with_moto) >= 6
            for row in with_moto:
                assert verify(row) == [], row.name
            # moto never serves the s3double or floor clients, even while its mock is on
            row = next(row for row in rows if row.name == "DeleteObjects 1,000 keys")
            assert row.before_moto is not None and row.before_ours is not None
            with inactive(double):
                row.before_moto()
                row.floor()
            row.before_ours()
            row.ours()
            assert len(list(moto.backend().buckets["plain"].keys)) == 1001  # and "one"
    finally:
        moto.stop()


class _Request:
    def __init__(self, url: str) -> None:
        self.url, self.method, self.body = url, "POST", b""
