"""Does a request's cost depend on the bucket's size? (used by ``bench_s3double.py``)

``paired`` times a row on a bucket of 1,000 objects and the same row on a big
bucket back to back, with the same re-seeding, so only the size differs; rows
measured apart drift by several percent on a shared machine. ``model_scale`` does
the same in the model alone, where nothing of botocore's hides a difference.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

from bench_floor import frozen_heap
from bench_rows import Row, Sizes, keys

import s3double
from s3double.model.deletion import delete_key
from s3double.model.listing import list_keys, list_versions

Target = 1.1  # issue 14: at most 1.1x


def _pair(small: tuple[Callable[[], Any] | None, Callable[[], Any]],
          big: tuple[Callable[[], Any] | None, Callable[[], Any]], repetitions: int) -> float:
    samples: tuple[list[float], list[float]] = ([], [])
    with frozen_heap():
        for repetition in range(repetitions):
            order = [(samples[0], small), (samples[1], big)]
            for into, (before, call) in order if repetition % 2 else order[::-1]:
                if before is not None:
                    before()
                start = time.perf_counter()
                call()
                into.append(time.perf_counter() - start)
    return statistics.median(samples[1]) / statistics.median(samples[0])


def paired(double: s3double.S3Double, rows: list[Row], sizes: Sizes, repetitions: int) -> Iterator[str]:
    by_name = {row.name: row for row in rows}
    for small, big in (
        ("DeleteObjects 1,000 keys", f"DeleteObjects 1,000 keys, bucket of {sizes.big:,}"),
        (f"ListObjectsV2 page of 1,000, bucket of {sizes.page:,}",
         f"ListObjectsV2 page of 1,000, bucket of {sizes.big:,}"),
    ):
        ratio = _pair((by_name[small].before_ours, by_name[small].ours),
                      (by_name[big].before_ours, by_name[big].ours), repetitions)
        print_ratio = f"{ratio:.2f}x"
        yield (f"{big}: {print_ratio} the same on a bucket of {sizes.page:,} "
               f"(through boto3, paired; target <= {Target})")


def model_scale(big: int, repetitions: int = 41) -> Iterator[str]:
    """The model's delete of 1,000 keys and its pages of 1,000, in a bucket of 1,000
    and in one of ``big``; and a versioned listing past a run of deleted keys."""
    with s3double.mock_s3() as double:
        buckets = {}
        for size in (1000, big):
            for versioning in (None, "Enabled"):
                name = f"scale-{size}-{versioning or 'plain'}"
                buckets[size, versioning] = double.store.create_bucket(name, versioning=versioning)
                double.seed_objects(name, keys(size, "o"), body=b"x")
        batch = keys(1000)
        now = double.store.now()

        def delete(size: int) -> tuple[Callable[[], Any], Callable[[], Any]]:
            bucket = buckets[size, None]
            return (lambda: double.seed_objects(bucket.name, batch, body=b"x"),
                    lambda: [delete_key(bucket, key, now=now) for key in batch])

        yield (f"model: delete 1,000 keys, bucket of {big:,}: "
               f"{_pair(delete(1000), delete(big), repetitions):.2f}x a bucket of 1,000 (target <= {Target})")
        start = f"o{big // 2:07d}"
        for label, lister in (("ListObjectsV2", list_keys), ("ListObjectVersions", None)):
            def page(size: int, lister: Any = lister) -> tuple[None, Callable[[], Any]]:
                after = start if size == big else ""
                if lister is None:
                    bucket = buckets[size, "Enabled"]
                    return None, lambda: list_versions(bucket, key_marker=after)
                return None, lambda: list_keys(buckets[size, None], after=after)
            ratio = _pair(page(1000), page(big), repetitions)
            yield (f"model: {label} page of 1,000, bucket of {big:,}: {ratio:.2f}x a bucket of 1,000 "
                   f"(target <= {Target})")
        yield from _tombstones(double, buckets[big, "Enabled"], big, repetitions, buckets[1000, "Enabled"])


def _tombstones(
    double: s3double.S3Double, bucket: Any, big: int, repetitions: int, small: Any
) -> Iterator[str]:
    """Delete markers on the first half of a versioned bucket's keys, then list from
    the start: a listing that scans the markers costs in proportion to them."""
    now = double.store.now()
    for key in keys(big // 2, "o"):
        delete_key(bucket, key, now=now)
    ratio = _pair((None, lambda: list_keys(small)), (None, lambda: list_keys(bucket)), repetitions)
    yield (f"model: ListObjectsV2 page of 1,000 from the start of a versioned bucket of {big:,} "
           f"whose first {big // 2:,} keys are deleted: {ratio:.2f}x a bucket of 1,000 (target <= {Target})")
