"""Clients talking to the HTTP server: the network guard lets loopback through, and
nothing else. ``<name>.localhost`` resolves to 127.0.0.1 (RFC 6761 reserves the
name for loopback; not every resolver answers it), so virtual-hosted requests work."""

from __future__ import annotations

import socket

import pytest

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _loopback(host: object) -> bool:
    text = host.decode() if isinstance(host, bytes) else str(host)
    return text in LOOPBACK or text.endswith(".localhost")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Replaces the suite's guard: sockets may reach 127.0.0.1 only."""
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    getaddrinfo = socket.getaddrinfo

    def guarded_connect(self, address):
        if isinstance(address, tuple) and _loopback(address[0]):
            return connect(self, address)
        raise AssertionError(f"a test tried to reach the network: {address!r}")

    def guarded_connect_ex(self, address):
        if isinstance(address, tuple) and _loopback(address[0]):
            return connect_ex(self, address)
        raise AssertionError(f"a test tried to reach the network: {address!r}")

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not _loopback(host):
            raise AssertionError(f"a test tried to resolve {host!r}")
        return getaddrinfo("127.0.0.1" if host != "::1" else host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture
def client_for(s3double_server):  # noqa: ANN001 - the plugin's fixture
    """A boto3 client on the server: path or virtual style, fake keys given explicitly."""
    boto3 = pytest.importorskip("boto3")
    from botocore.config import Config

    def make(style: str = "path", **config: object):
        host = "localhost" if style == "virtual" else "127.0.0.1"
        return boto3.client(
            "s3", endpoint_url=f"http://{host}:{s3double_server.port}", region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="fake-secret",
            config=Config(
                s3={"addressing_style": style}, connect_timeout=5, read_timeout=30,
                retries={"max_attempts": 1}, **config,
            ),
        )

    return make
