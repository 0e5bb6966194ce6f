"""Requests per second of s3double's HTTP server, beside moto's ThreadedMotoServer when
moto is installed (``pip install "moto[server]"``), in the same run.

    python tests/benchmarks/bench_server.py            # full run, about 4 minutes with moto
    python tests/benchmarks/bench_server.py --quick    # about a minute with moto

Each server runs in a child process of its own (s3double: ``python -m s3double serve
--port 0``; moto: ``ThreadedMotoServer`` on a free port), on 127.0.0.1 only. The
client is lean on purpose, so the numbers are the server's: raw HTTP/1.1 requests
over keep-alive connections (``http.client``), the same bytes to both servers, with
an Authorization header neither server verifies. Rows: PUT of a 100-byte object,
DELETE of an existing object (DeleteObject), and DeleteObjects of 1,000 existing
keys; PUT and DELETE over 1 connection and over 4 at once. Each row is run three
times, servers interleaved, and the median is printed. Every loop is bounded in count
and every socket in time; the children are stopped at the end. Not collected by pytest
(no ``test_`` prefix): timings belong in a benchmark, not in assertions.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

HOST = "127.0.0.1"
BUCKET = "bench-bucket"
BODY = b"x" * 100
AUTH = {  # the shape of a SigV4 request; neither server checks it by default
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20250101/us-east-1/s3/aws4_request, "
    "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + "0" * 64,
    "x-amz-date": "20250101T000000Z",
    "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
}
MOTO_CHILD = """
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
print(f"ready http://{host}:{port}", flush=True)
sys.stdin.read()  # until the parent closes it
server.stop()
"""


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[str]


@contextmanager
def s3double_server() -> Iterator[Server]:
    process = subprocess.Popen(
        [sys.executable, "-m", "s3double", "serve", "--port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = _first_line(process)
        yield Server("s3double", int(line.rsplit(":", 1)[1].split()[0]), process)
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def moto_server() -> Iterator[Server]:
    process = subprocess.Popen(
        [sys.executable, "-c", MOTO_CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = _first_line(process)
        yield Server("moto", int(line.rsplit(":", 1)[1]), process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line:
        raise RuntimeError("the server did not start")
    return line


class Connection:
    """One keep-alive connection; reconnects when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def send(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> int:
        all_headers = {**AUTH, "Content-Length": str(len(body)), **(headers or {})}
        self.conn.request(method, path, body=body or None, headers=all_headers)
        response = self.conn.getresponse()
        response.read()
        if response.will_close:
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        return response.status

    def close(self) -> None:
        self.conn.close()


def delete_document(keys: list[str]) -> tuple[bytes, dict[str, str]]:
    body = (
        "<Delete><Quiet>true</Quiet>"
        + "".join(f"<Object><Key>{key}</Key></Object>" for key in keys)
        + "</Delete>"
    ).encode()
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    return body, {"Content-MD5": md5, "Content-Type": "application/xml"}


def rate(port: int, requests: list[Callable[[Connection], int]], connections: int, expect: int) -> float:
    """Requests per second for ``requests`` shared among ``connections`` threads."""
    shares = [requests[index::connections] for index in range(connections)]
    clients = [Connection(port) for _ in range(connections)]
    bad: list[int] = []

    def work(client: Connection, share: list[Callable[[Connection], int]]) -> None:
        for request in share:
            status = request(client)
            if status != expect:
                bad.append(status)

    threads = [threading.Thread(target=work, args=pair) for pair in zip(clients, shares, strict=False)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    elapsed = time.perf_counter() - started
    for client in clients:
        client.close()
    if bad:
        raise RuntimeError(f"{len(bad)} unexpected statuses, e.g. {bad[0]}")
    return len(requests) / elapsed


def put(key: str) -> Callable[[Connection], int]:
    return lambda client: client.send("PUT", f"/{BUCKET}/{key}", BODY)


def delete(key: str) -> Callable[[Connection], int]:
    return lambda client: client.send("DELETE", f"/{BUCKET}/{key}")


def delete_objects(keys: list[str]) -> Callable[[Connection], int]:
    body, headers = delete_document(keys)
    return lambda client: client.send("POST", f"/{BUCKET}?delete", body, headers)


def measure(server: Server, round_: int, counts: dict[str, int]) -> dict[str, float]:
    """One round of every row against ``server``; keys are fresh per round."""
    results = {}
    for connections in (1, 4):
        tag = f"r{round_}c{connections}"
        keys = [f"{tag}/k{index:06}" for index in range(counts["small"])]
        results[f"PUT 100 B, {connections} conn"] = rate(
            server.port, [put(k) for k in keys], connections, 200
        )
        results[f"DELETE, {connections} conn"] = rate(
            server.port, [delete(k) for k in keys], connections, 204
        )
    batches = [[f"r{round_}b{b}/k{index:04}" for index in range(1000)] for b in range(counts["batches"])]
    rate(server.port, [put(key) for batch in batches for key in batch], 4, 200)  # seeding, not timed
    results["DeleteObjects 1,000 keys, 1 conn"] = rate(
        server.port, [delete_objects(batch) for batch in batches], 1, 200
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests per row")
    arguments = parser.parse_args()
    counts = {"small": 300, "batches": 3} if arguments.quick else {"small": 2000, "batches": 10}
    try:
        import moto

        targets = [s3double_server, moto_server]
        moto_version = moto.__version__
    except ImportError:
        targets, moto_version = [s3double_server], None
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"moto {moto_version or 'not installed'}",
        flush=True,
    )
    rounds: dict[str, list[dict[str, float]]] = {}
    for round_ in range(3):
        for target in targets:
            with target() as server:
                socket.create_connection((HOST, server.port), timeout=10).close()
                Connection(server.port).send("PUT", f"/{BUCKET}")
                rounds.setdefault(server.name, []).append(measure(server, round_, counts))
    names = list(rounds)
    print("| row | " + " | ".join(f"{name} req/s" for name in names) + " |")
    print("|---|" + "---|" * len(names))
    for row in rounds[names[0]][0]:
        cells = [f"{statistics.median(r[row] for r in rounds[name]):,.0f}" for name in names]
        print(f"| {row} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
