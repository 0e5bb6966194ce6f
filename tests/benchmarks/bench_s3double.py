"""s3double's cost against botocore's own floor, measured in one process.

    python tests/benchmarks/bench_s3double.py            # full run (a few minutes)
    python tests/benchmarks/bench_s3double.py --quick    # under a minute

Each row times the same boto3 call two ways, interleaved, and prints the ratio of
medians: answered by s3double, and answered by a ``before-send`` handler that
returns a constant response of the same shape (botocore's serialize, checksum
and parse cost: the floor no in-process double can go below). Both clients are
unsigned and share every other setting. Not collected by pytest (no ``test_``
prefix): timings belong in a benchmark, not in assertions.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

os.environ.setdefault("AWS_CONFIG_FILE", os.devnull)
os.environ.setdefault("AWS_SHARED_CREDENTIALS_FILE", os.devnull)

import boto3
from botocore.awsrequest import AWSResponse

import s3double

REGION = "us-east-1"


class _Body(io.BytesIO):
    def stream(self, amt: Any = None, decode_content: Any = None) -> Any:
        data = self.read()
        if data:
            yield data


@dataclass
class Row:
    name: str
    ours: Callable[[], Any]
    floor: Callable[[], Any]
    setup: Callable[[], Any] | None = None
    target: float | None = None


class Recorder:
    """Captures the real responses s3double sends, to replay them as the floor."""

    def __init__(self) -> None:
        self.responses: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def __call__(self, http_response: Any, model: Any, **_: Any) -> None:
        self.responses[model.name] = (
            http_response.status_code, dict(http_response.headers), http_response.content
        )


def floor_client(recorded: dict[str, tuple[int, dict[str, str], bytes]]) -> Any:
    client = boto3.client("s3", region_name=REGION)

    def answer(request: Any, event_name: str, **_: Any) -> AWSResponse:
        status, headers, body = recorded[event_name.rsplit(".", 1)[1]]
        return AWSResponse(request.url, status, headers, _Body(body))

    client.meta.events.register_first("before-send.s3", answer)
    return client


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure(rows: list[Row], repetitions: int) -> list[tuple[Row, float, float]]:
    ours: dict[str, list[float]] = {row.name: [] for row in rows}
    floor: dict[str, list[float]] = {row.name: [] for row in rows}
    gc.disable()
    try:
        for repetition in range(repetitions):
            for row in rows:
                pair = [(ours, row.ours), (floor, row.floor)]
                if repetition % 2:
                    pair.reverse()  # interleave the order too
                for samples, call in pair:
                    if row.setup is not None and call is row.ours:
                        row.setup()
                    start = time.perf_counter()
                    call()
                    samples[row.name].append(time.perf_counter() - start)
            gc.collect()
    finally:
        gc.enable()
    return [(row, median_ms(ours[row.name]), median_ms(floor[row.name])) for row in rows]


def keys(count: int, prefix: str = "k") -> list[dict[str, str]]:
    return [{"Key": f"{prefix}{index:07d}"} for index in range(count)]


def build_rows(double: s3double.S3Double, quick: bool) -> list[Row]:
    store = double.store
    recorder = Recorder()
    client = boto3.client("s3", region_name=REGION)
    client.meta.events.register("after-call.s3", recorder)
    rows: list[Row] = []

    def delete_row(name: str, bucket_name: str, batch: list[dict[str, str]], seed: Callable[[], Any],
                   target: float) -> None:
        seed()
        client.delete_objects(Bucket=bucket_name, Delete={"Objects": batch})
        recorded = dict(recorder.responses)
        floor = floor_client(recorded)
        rows.append(Row(
            name,
            ours=lambda: client.delete_objects(Bucket=bucket_name, Delete={"Objects": batch}),
            floor=lambda: floor.delete_objects(Bucket=bucket_name, Delete={"Objects": batch}),
            setup=seed,
            target=target,
        ))

    def seeder(bucket: Any, batch: list[dict[str, str]]) -> Callable[[], None]:
        def seed() -> None:
            for identifier in batch:
                bucket.put(identifier["Key"], b"x")
        return seed

    plain = store.create_bucket("plain")
    for count, target in ((1, 1.3), (100, 1.25), (1000, 1.2)):
        batch = keys(count)
        name = f"DeleteObjects {count:,} key{'' if count == 1 else 's'}"
        delete_row(name, "plain", batch, seeder(plain, batch), target)

    versioned = store.create_bucket("versioned", versioning="Enabled")
    batch = keys(1000)
    delete_row("DeleteObjects 1,000 keys, versioned (markers)", "versioned", batch,
               seeder(versioned, batch), 1.2)

    by_id = store.create_bucket("by-id", versioning="Enabled")
    id_batch: list[dict[str, str]] = []

    def seed_versions() -> None:
        id_batch.clear()
        for identifier in keys(1000):
            version = by_id.put(identifier["Key"], b"x")
            id_batch.append({"Key": version.key, "VersionId": version.version_id})

    seed_versions()
    client.delete_objects(Bucket="by-id", Delete={"Objects": id_batch})
    seed_versions()
    floor = floor_client(dict(recorder.responses))
    rows.append(Row(
        "DeleteObjects 1,000 VersionIds",
        ours=lambda: client.delete_objects(Bucket="by-id", Delete={"Objects": id_batch}),
        floor=lambda: floor.delete_objects(Bucket="by-id", Delete={"Objects": id_batch}),
        setup=seed_versions,
        target=1.2,
    ))

    sizes = (100_000,) if quick else (100_000, 1_000_000)
    for size in sizes:
        name = f"big-{size}"
        big = store.create_bucket(name)
        for index in range(size):
            big.put(f"o{index:07d}", b"x")
        batch = keys(1000)
        delete_row(f"DeleteObjects 1,000 keys, bucket of {size:,}", name, batch, seeder(big, batch), None)

    largest = f"big-{sizes[-1]}"
    client.put_object(Bucket="plain", Key="one", Body=b"x")
    floor = floor_client(dict(recorder.responses))
    rows.append(Row("PutObject 1 byte",
                    ours=lambda: client.put_object(Bucket="plain", Key="one", Body=b"x"),
                    floor=lambda: floor.put_object(Bucket="plain", Key="one", Body=b"x"), target=None))

    middle = f"o{sizes[-1] // 2:07d}"
    client.list_objects_v2(Bucket=largest, StartAfter=middle)
    floor = floor_client(dict(recorder.responses))
    rows.append(Row(f"ListObjectsV2 page of 1,000, bucket of {sizes[-1]:,}",
                    ours=lambda: client.list_objects_v2(Bucket=largest, StartAfter=middle),
                    floor=lambda: floor.list_objects_v2(Bucket=largest, StartAfter=middle), target=1.2))

    versions_bucket = store.create_bucket("many-versions", versioning="Enabled")
    for index in range(sizes[-1]):
        versions_bucket.put(f"o{index:07d}", b"x")
    client.list_object_versions(Bucket="many-versions", KeyMarker=middle)
    floor = floor_client(dict(recorder.responses))
    rows.append(Row(f"ListObjectVersions page of 1,000, bucket of {sizes[-1]:,}",
                    ours=lambda: client.list_object_versions(Bucket="many-versions", KeyMarker=middle),
                    floor=lambda: floor.list_object_versions(Bucket="many-versions", KeyMarker=middle),
                    target=1.2))
    rows.append(hypothesis_example_row(client, recorder))
    return rows


def hypothesis_example_row(client: Any, recorder: Recorder) -> Row:
    """One property-test example: fresh state, a bucket, 10 puts, one DeleteObjects."""
    batch = keys(10)

    def example(s3: Any) -> None:
        s3.create_bucket(Bucket="example")
        for identifier in batch:
            s3.put_object(Bucket="example", Key=identifier["Key"], Body=b"x")
        s3.delete_objects(Bucket="example", Delete={"Objects": batch})

    def ours() -> None:
        with s3double.mock_s3():
            example(client)

    with s3double.mock_s3():
        example(client)
    floor = floor_client(dict(recorder.responses))
    return Row("Hypothesis-style example (fresh double, 12 calls)", ours=ours,
               floor=lambda: example(floor), target=1.3)


def size_effect(double: s3double.S3Double, rows: list[Row], repetitions: int) -> list[tuple[int, float]]:
    """The 1,000-key delete on a small bucket and on each big one, timed back to back
    with the same re-seeding before each, so only the bucket's size differs."""
    by_name = {row.name: row for row in rows}
    small = by_name["DeleteObjects 1,000 keys"]
    big = [(int(name.rsplit(" ", 1)[1].replace(",", "")), row)
           for name, row in by_name.items() if name.startswith("DeleteObjects 1,000 keys, bucket of")]
    results = []
    gc.disable()  # as in ``measure``: a collection over a million objects is not the delete
    try:
        for size, row in big:
            pairs: tuple[list[float], list[float]] = ([], [])
            for repetition in range(repetitions):
                order = [(pairs[0], small), (pairs[1], row)]
                for samples, candidate in order if repetition % 2 else order[::-1]:
                    assert candidate.setup is not None
                    candidate.setup()
                    start = time.perf_counter()
                    candidate.ours()
                    samples.append(time.perf_counter() - start)
                gc.collect()
            results.append((size, statistics.median(pairs[1]) / statistics.median(pairs[0])))
    finally:
        gc.enable()
    return results


def enter_leave_microseconds(count: int) -> float:
    double = s3double.mock_s3()
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        with double:
            pass
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


def import_cost_ms(count: int) -> tuple[float, float]:
    script = (
        "import time; t0 = time.perf_counter(); import boto3; t1 = time.perf_counter(); "
        "import s3double; t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
    )
    boto, ours = [], []
    for _ in range(count):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        first, second = map(float, out.stdout.split())
        boto.append(first)
        ours.append(second)
    return statistics.median(boto) * 1000, statistics.median(ours) * 1000


def bytes_per_object(count: int) -> float:
    double = s3double.S3Double()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    bucket = double.store.create_bucket("memory")
    for index in range(count):
        bucket.put(f"objects/{index:09d}", b"x")
    list(bucket.objects.index.walk(""))[:1]  # the sorted index is part of the cost
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller buckets")
    args = parser.parse_args()
    repetitions = 15 if args.quick else 41

    print(f"s3double {s3double.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    print(f"repetitions per row: {repetitions} (median), interleaved with the floor\n")
    with s3double.mock_s3() as double:
        rows = build_rows(double, args.quick)
        results = measure(rows, repetitions)
        sizes = size_effect(double, rows, repetitions * 2)
    width = max(len(row.name) for row in rows)
    print(f"{'row':<{width}}  {'s3double':>10}  {'floor':>10}  {'ratio':>6}  target")
    for row, ours, floor in results:
        target = f"<= {row.target}" if row.target else ""
        verdict = "" if row.target is None else ("ok" if ours / floor <= row.target else "MISSED")
        print(
            f"{row.name:<{width}}  {ours:>8.2f}ms  {floor:>8.2f}ms  {ours / floor:>6.2f}  {target} {verdict}"
        )

    for size, ratio in sizes:
        print(f"DeleteObjects 1,000 keys, bucket of {size:,}: {ratio:.2f}x the same delete on a "
              "small bucket (paired, same setup; target <= 1.05)")
    print(f"\nenter + leave a double: {enter_leave_microseconds(2000):.1f} us (target < 50)")
    boto, ours = import_cost_ms(5 if args.quick else 11)
    print(f"import boto3: {boto:.1f} ms; import s3double after it: {ours:.1f} ms (target < 20)")
    count = 100_000 if args.quick else 1_000_000
    print(f"memory per stored 1-byte object at {count:,}: {bytes_per_object(count):.0f} bytes (target < 700)")


if __name__ == "__main__":
    main()
