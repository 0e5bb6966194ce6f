"""Memory per stored object and seeding rates (used by ``bench_s3double.py``).

Memory is what ``tracemalloc`` sees allocated and still held after storing ``n``
1-byte objects: through a boto3 client (the model plus the call record, with the
double's default settings), and straight into the model.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable

import boto3

import s3double


def _traced(action: Callable[[], object]) -> int:
    """Bytes allocated by ``action`` and still held after it."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = action()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return after - before


def client_bytes_per_object(count: int) -> float:
    client = boto3.session.Session().client("s3", region_name="us-east-1")
    with s3double.mock_s3() as double:
        double.store.create_bucket("warm-up")
        double.store.create_bucket("memory")
        for index in range(20):  # botocore's caches and s3double's lazy imports load here
            client.put_object(Bucket="warm-up", Key=f"w{index}", Body=b"x")

        def put() -> None:
            for index in range(count):
                client.put_object(Bucket="memory", Key=f"objects/{index:09d}", Body=b"x")

        return _traced(put) / count


def model_bytes_per_object(count: int) -> list[tuple[str, float]]:
    results = []
    with s3double.mock_s3() as double:
        bucket = double.store.create_bucket("by-put")

        def put() -> None:
            for index in range(count):
                bucket.put(f"objects/{index:09d}", b"x")
            list(bucket.objects.index.walk(""))[:1]  # the sorted index is part of the cost

        results.append(("Bucket.put", _traced(put) / count))
        double.store.create_bucket("by-seed")

        def seed() -> None:
            double.seed_objects("by-seed", [f"objects/{index:09d}" for index in range(count)], body=b"x")

        results.append(("seed_objects", _traced(seed) / count))
    return results


def seeding_rates(count: int) -> list[tuple[str, float]]:
    names = [f"objects/{index:09d}" for index in range(count)]
    results = []
    with s3double.mock_s3() as double:
        for label, versioning in (("seed_objects, unversioned", None),
                                  ("seed_objects, versioning Enabled", "Enabled")):
            name = f"seed-{len(results)}"
            double.store.create_bucket(name, versioning=versioning)
            start = time.perf_counter()
            double.seed_objects(name, names, body=b"x")
            results.append((label, count / (time.perf_counter() - start)))
        bucket = double.store.create_bucket("by-put")
        start = time.perf_counter()
        for key in names:
            bucket.put(key, b"x")
        results.append(("Bucket.put one by one, unversioned", count / (time.perf_counter() - start)))
    return results
