"""s3double's cost against botocore's own floor, measured in one process.

    python tests/benchmarks/bench_s3double.py            # full run (several minutes)
    python tests/benchmarks/bench_s3double.py --quick    # a smaller, shorter run
    python tests/benchmarks/bench_s3double.py --moto     # moto 5.x beside it, if installed

Each row times one boto3 call (or, in the last row, one property-test example) on
each backend, interleaved, and prints the median of each and s3double's ratio to
the floor. The floor is an unsigned client with no double active, whose
``before-send`` handler answers the exact bytes s3double sent for the same request
(``bench_floor.py``). Then come the size comparisons, memory per object, seeding
rates and import cost. Not collected by pytest (no ``test_`` prefix): timings
belong in a benchmark, never in assertions; ``test_bench_gates.py`` runs only the
correctness gates.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("AWS_CONFIG_FILE", os.devnull)
os.environ.setdefault("AWS_SHARED_CREDENTIALS_FILE", os.devnull)

from bench_floor import Moto, frozen_heap, inactive, load_moto
from bench_memory import client_bytes_per_object, model_bytes_per_object, seeding_rates
from bench_rows import Row, Sizes, build_rows, verify
from bench_scale import model_scale, paired

import s3double

Samples = dict[str, list[float]]


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(double: s3double.S3Double, rows: list[Row], repetitions: int) -> dict[str, Samples]:
    """Every row on every backend, in a rotating order (see ``frozen_heap`` for the collector)."""
    samples: dict[str, Samples] = {row.name: {"s3double": [], "floor": [], "moto": []} for row in rows}
    with frozen_heap():
        for repetition in range(repetitions):
            for row in rows:
                runs = [("s3double", row.ours), ("floor", row.floor)]
                if row.moto is not None:
                    runs.append(("moto", row.moto))
                shift = repetition % len(runs)
                for backend, call in runs[shift:] + runs[:shift]:
                    samples[row.name][backend].append(_one(double, row, backend, call))
    return samples


def _one(double: s3double.S3Double, row: Row, backend: str, call: Callable[[], Any]) -> float:
    if backend == "s3double":
        if row.before_ours is not None:
            row.before_ours()
        return timed(call)
    with inactive(double):
        if backend == "moto" and row.before_moto is not None:
            row.before_moto()
        return timed(call)


def report(rows: list[Row], samples: dict[str, Samples], with_moto: bool) -> None:
    width = max(len(row.name) for row in rows)
    header = f"{'row':<{width}}  {'s3double':>10}  {'floor':>10}  {'ratio':>6}  {'target':<8}"
    print(header + ("  {:>10}  {:>12}".format("moto", "moto/s3double") if with_moto else ""))
    for row in rows:
        medians = {name: statistics.median(values) * 1000
                   for name, values in samples[row.name].items() if values}
        ratio = medians["s3double"] / medians["floor"]
        target = f"<= {row.target}" if row.target else ""
        verdict = "" if row.target is None else ("ok" if ratio <= row.target else "MISSED")
        line = (f"{row.name:<{width}}  {medians['s3double']:>8.2f}ms  {medians['floor']:>8.2f}ms  "
                f"{ratio:>6.2f}  {target:<6} {verdict:<6}")
        if with_moto:
            moto = medians.get("moto")
            line += (f"  {moto:>8.2f}ms  {moto / medians['s3double']:>12.2f}" if moto
                     else f"  {'-':>10}  {'-':>12}")
        print(line)


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


def enter_leave_microseconds(count: int) -> float:
    double = s3double.mock_s3()
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        with double:
            pass
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


def timing_section(args: argparse.Namespace, sizes: Sizes, moto: Moto | None) -> None:
    repetitions = 15 if args.quick else 41
    print(f"repetitions per row: {repetitions} (median), backends interleaved\n")
    with s3double.mock_s3() as double:
        rows = build_rows(double, sizes, moto)
        problems = {row.name: verify(row) for row in rows}
        for name, found in problems.items():
            for problem in found:
                print(f"GATE FAILED: {name}: {problem}")
        samples = measure(double, rows, repetitions)
        report(rows, samples, moto is not None)
        print()
        for line in paired(double, rows, sizes, repetitions * 2):
            print(line)


def other_section(args: argparse.Namespace, sizes: Sizes) -> None:
    print()
    for line in model_scale(sizes.big):
        print(line)
    print(f"\nenter + leave a double: {enter_leave_microseconds(2000):.1f} us (target < 50)")
    boto, ours = import_cost_ms(5 if args.quick else 11)
    print(f"import boto3: {boto:.1f} ms; import s3double after it: {ours:.1f} ms (target <= 20)")
    print(f"memory per 1-byte object through the client (PutObject, default double): "
          f"{client_bytes_per_object(500 if args.quick else 2000):.0f} bytes (target <= 500)")
    for label, value in model_bytes_per_object(sizes.big):
        print(f"memory per 1-byte object in the model, {label} at {sizes.big:,}: "
              f"{value:.0f} bytes (target <= 300)")
    for label, rate in seeding_rates(sizes.big):
        print(f"seeding {sizes.big:,} objects, {label}: {rate:,.0f} objects/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller buckets")
    parser.add_argument("--moto", action="store_true", help="also time moto (if importable)")
    args = parser.parse_args()
    sizes = Sizes(big=100_000 if args.quick else 1_000_000)
    moto = load_moto() if args.moto else None
    if args.moto and moto is None:
        print("moto is not importable: its column is skipped (pip install 'moto[s3]>=5')")
    print(f"s3double {s3double.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    try:
        timing_section(args, sizes, moto)
    finally:
        if moto is not None:
            moto.stop()
    other_section(args, sizes)


if __name__ == "__main__":
    main()
