"""The benchmark's rows: one boto3 call each, on s3double, on the floor and on moto.

``build_rows`` seeds the double, captures s3double's answer to each row's call and
makes that row's floor client; ``verify`` is the correctness gate (the floor was
asked the same request and answered s3double's exact bytes with no double active,
and every backend's calls succeeded); ``tests/benchmarks/test_bench_gates.py`` runs
it at a small size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import boto3
from bench_floor import Capture, Exchange, Moto, Replay, floor_client, inactive

import s3double
from s3double.wire import hook

Action = Callable[[], Any]


@dataclass
class Row:
    name: str
    ours: Action
    floor: Action
    moto: Action | None = None
    before_ours: Action | None = None  # restores s3double's state before each timed call
    before_moto: Action | None = None
    target: float | None = None
    captured: list[Exchange] = field(default_factory=list)
    replay: Replay | None = None
    floor_client: Any = None
    ours_responses: Any = None  # what the client parsed from s3double, at capture


@dataclass
class Sizes:
    big: int  # objects in the "big bucket" rows
    page: int = 1000  # the page and batch size


def keys(count: int, prefix: str = "k") -> list[str]:
    return [f"{prefix}{index:07d}" for index in range(count)]


def objects(names: list[str]) -> dict[str, list[dict[str, str]]]:
    return {"Objects": [{"Key": name} for name in names]}


class RowBuilder:
    def __init__(self, double: s3double.S3Double, session: boto3.session.Session,
                 moto: Moto | None) -> None:
        self.double = double
        self.session = session
        self.client = session.client("s3", region_name="us-east-1")
        self.capture = Capture()
        self.capture.attach(self.client)
        self.moto = moto
        if moto is not None:
            moto.detach(self.client)
        self.rows: list[Row] = []

    def seed(self, bucket: str, names: list[str]) -> Action:
        return lambda: self.double.seed_objects(bucket, names, body=b"x")

    def moto_bucket(self, bucket: str, versioned: bool = False) -> None:
        assert self.moto is not None
        self.moto.client.create_bucket(Bucket=bucket)
        if versioned:
            self.moto.client.put_bucket_versioning(
                Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})

    def add(self, name: str, call: Callable[[Any], Any], *, before: Action | None = None,
            moto_before: Action | None = None, moto: bool = False,
            target: float | None = None, ours: Action | None = None) -> Row:
        """Capture s3double's answer to ``call`` and make the row's floor from it."""
        if before is not None:
            before()
        start = len(self.capture.exchanges)
        responses = ours() if ours is not None else call(self.client)
        captured = self.capture.exchanges[start:]
        with inactive(self.double):
            floor, replay = floor_client(self.session, captured)
        if self.moto is not None:
            self.moto.detach(floor)
        row = Row(name, ours=ours or (lambda: call(self.client)), floor=lambda: call(floor),
                  moto=(lambda: call(self.moto.client)) if moto and self.moto else None,
                  before_ours=before, before_moto=moto_before if moto and self.moto else None,
                  target=target, captured=captured, replay=replay, floor_client=floor,
                  ours_responses=responses)
        self.rows.append(row)
        return row


def delete_rows(builder: RowBuilder, sizes: Sizes) -> None:
    store, moto = builder.double.store, builder.moto
    store.create_bucket("plain")
    if moto:
        builder.moto_bucket("plain")
    for count, target in ((1, 1.15), (100, None), (sizes.page, 1.15)):  # issue 14's targets
        names = keys(count)
        builder.add(
            f"DeleteObjects {count:,} key{'' if count == 1 else 's'}",
            lambda c, names=names: c.delete_objects(Bucket="plain", Delete=objects(names)),
            before=builder.seed("plain", names), moto=True, target=target,
            moto_before=(lambda names=names: moto.put_objects("plain", names)) if moto else None)
    store.create_bucket("versioned", versioning="Enabled")
    if moto:
        builder.moto_bucket("versioned", versioned=True)
    names = keys(sizes.page)
    builder.add("DeleteObjects 1,000 keys, versioned (markers made)",
                lambda c: c.delete_objects(Bucket="versioned", Delete=objects(names)),
                before=builder.seed("versioned", names), moto=True, target=1.2,
                moto_before=(lambda: moto.put_objects("versioned", names)) if moto else None)
    by_id_rows(builder, sizes)


def by_id_rows(builder: RowBuilder, sizes: Sizes) -> None:
    builder.double.store.create_bucket("by-id", versioning="Enabled")
    names = keys(sizes.page)
    batch: list[dict[str, str]] = []

    def reseed() -> None:
        ids = builder.double.seed_objects("by-id", names, body=b"x")
        pairs = zip(names, ids, strict=True)
        batch[:] = [{"Key": name, "VersionId": str(version)} for name, version in pairs]

    builder.add("DeleteObjects 1,000 VersionIds",
                lambda c: c.delete_objects(Bucket="by-id", Delete={"Objects": batch}),
                before=reseed, target=1.2)


def big_bucket_rows(builder: RowBuilder, sizes: Sizes) -> None:
    """The same delete and listings in a bucket of ``sizes.big`` objects, and (the
    comparison issue 14 asks for) the same in a bucket of ``sizes.page``."""
    store = builder.double.store
    names = keys(sizes.page)
    store.create_bucket("big")
    builder.double.seed_objects("big", keys(sizes.big, "o"), body=b"x")
    builder.add(f"DeleteObjects 1,000 keys, bucket of {sizes.big:,}",
                lambda c: c.delete_objects(Bucket="big", Delete=objects(names)),
                before=builder.seed("big", names))
    small = store.create_bucket("page-sized")
    builder.double.seed_objects("page-sized", keys(sizes.page, "o"), body=b"x")
    assert len(small.objects) == sizes.page
    middle = f"o{sizes.big // 2:07d}"
    builder.add(f"ListObjectsV2 page of 1,000, bucket of {sizes.page:,}",
                lambda c: c.list_objects_v2(Bucket="page-sized"), target=1.2)
    builder.add(f"ListObjectsV2 page of 1,000, bucket of {sizes.big:,}",
                lambda c: c.list_objects_v2(Bucket="big", StartAfter=middle), target=1.2)
    store.create_bucket("many-versions", versioning="Enabled")
    builder.double.seed_objects("many-versions", keys(sizes.big, "o"), body=b"x")
    builder.add(f"ListObjectVersions page of 1,000, bucket of {sizes.big:,}",
                lambda c: c.list_object_versions(Bucket="many-versions", KeyMarker=middle),
                target=1.2)


def put_get_rows(builder: RowBuilder) -> None:
    moto = builder.moto
    builder.add("PutObject 1 byte", lambda c: c.put_object(Bucket="plain", Key="one", Body=b"x"),
                moto=True, target=1.15)
    builder.add("GetObject 1 byte", lambda c: c.get_object(Bucket="plain", Key="one")["Body"].read(),
                moto=True, moto_before=(lambda: moto.put_objects("plain", ["one"])) if moto else None)


def example_row(builder: RowBuilder) -> None:
    """One property-test example: a fresh double, a bucket, 10 puts, one DeleteObjects."""
    names = keys(10)

    def example(client: Any) -> list[Any]:
        answers = [client.create_bucket(Bucket="example")]
        answers += [client.put_object(Bucket="example", Key=name, Body=b"x") for name in names]
        return [*answers, client.delete_objects(Bucket="example", Delete=objects(names))]

    def fresh() -> list[Any]:
        with s3double.mock_s3():
            return example(builder.client)

    def moto_fresh() -> None:
        assert builder.moto is not None
        backend = builder.moto.backend()
        if "example" in backend.buckets:
            for name in names:
                backend.delete_object("example", name)
            backend.delete_bucket("example")

    builder.add("Hypothesis-style example (fresh double, bucket, 10 puts, 1 DeleteObjects)",
                example, ours=fresh, moto=True, moto_before=moto_fresh if builder.moto else None,
                target=1.2)


def build_rows(double: s3double.S3Double, sizes: Sizes, moto: Moto | None) -> list[Row]:
    builder = RowBuilder(double, boto3.session.Session(), moto)
    delete_rows(builder, sizes)
    put_get_rows(builder)
    big_bucket_rows(builder, sizes)
    example_row(builder)
    return builder.rows


def _comparable(response: Any) -> Any:
    """A parsed response without what differs between any two calls (request ids)."""
    if isinstance(response, list):
        return [_comparable(item) for item in response]
    if isinstance(response, dict):
        return {name: value for name, value in response.items() if name != "ResponseMetadata"}
    return response


def verify(row: Row) -> list[str]:
    """The row's correctness gate: what is wrong with it (nothing, when it passes)."""
    problems: list[str] = []
    assert row.replay is not None
    failed = [exchange.status for exchange in row.captured if exchange.status >= 300]
    if not row.captured or failed:
        problems.append(f"s3double answered {failed or 'nothing'}")
    row.replay.requests.clear()
    row.replay.keep_requests, row.replay.turn = True, 0
    double = hook.active()
    assert double is not None
    with inactive(double):  # type: ignore[arg-type]
        floor_answer = row.floor()
    row.replay.keep_requests = False
    if row.replay.answered_while_a_double_was_active:
        problems.append("a double was active while the floor was timed")
    asked = [(exchange.method, exchange.url, exchange.body) for exchange in row.captured]
    if row.replay.requests != asked:
        problems.append("the floor was asked a different request than s3double was")
    if _comparable(floor_answer) != _comparable(row.ours_responses):
        problems.append("the floor's answer differs from s3double's")
    if row.moto is not None:
        with inactive(double):  # type: ignore[arg-type]
            if row.before_moto is not None:
                row.before_moto()
            row.moto()  # raises on a failed call
    return problems
