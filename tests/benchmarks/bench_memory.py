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
    """Bytes held per PutObject of a 1-byte object through boto3, with the double's
    default settings: the model's object, its key and the call record. Measured over
    ``count`` puts after as many traced ones, so bounded caches (botocore's, urllib's)
    whose entries are replaced while tracing do not count as growth."""
    client = boto3.session.Session().client("s3", region_name="us-east-1")
    with s3double.mock_s3() as double:
        double.store.create_bucket("memory")

        def put(start: int) -> None:
            for index in range(start, start + count):
                client.put_object(Bucket="memory", Key=f"objects/{index:09d}", Body=b"x")
            client.list_objects_v2(Bucket="memory", MaxKeys=1)  # the index settles, as in use

        put(0)  # botocore's caches and s3double's lazy imports load here
        gc.collect()
        tracemalloc.start()
        put(count)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        put(2 * count)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        return (after - before) / count


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
            list(double.store.bucket("by-seed").objects.index.walk(""))[:1]

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
