"""The ``s3double`` pytest fixture: a fresh, active double for each test; and
``s3double_server``: a fresh double served over HTTP on a free port.

Options come from the ``s3double`` marker::

    @pytest.mark.s3double(account_id="111122223333", version_id_seed=7)
    def test_purge(s3double): ...

    @pytest.mark.s3double(record="off")              # or record_limit=100, record_headers=[...]
    def test_soak(s3double): ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from ._double import S3Double

if TYPE_CHECKING:
    from .wire.server import S3Server


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "s3double(account_id=..., version_id_seed=..., passthrough=..., fault_seed=..., "
        "record='lean'|'full'|'off', record_limit=..., record_headers=[...]): options for "
        "the s3double fixture",
    )
    config.addinivalue_line(
        "markers",
        "s3double_server(credentials={akid: secret}, base_hosts=[...]): options for the "
        "s3double_server fixture's HTTP server",
    )


@pytest.fixture
def s3double(request: pytest.FixtureRequest) -> Iterator[S3Double]:
    marker = request.node.get_closest_marker("s3double")
    double = S3Double(**(marker.kwargs if marker is not None else {}))
    double.start()
    try:
        yield double
    finally:
        double.stop()
    double.check_internal_errors()


@pytest.fixture
def s3double_server(request: pytest.FixtureRequest) -> Iterator[S3Server]:
    """S3 over HTTP on a free port of 127.0.0.1, served by a fresh double in a thread:
    ``.endpoint_url`` for the client, ``.double`` (its ``store`` and ``calls``) for the
    test. Not activated in-process. Options: the ``s3double`` marker's, and
    ``s3double_server(credentials={...}, base_hosts=[...])`` for the server's."""
    from .wire.server import S3Server

    marker = request.node.get_closest_marker("s3double")
    options = request.node.get_closest_marker("s3double_server")
    double = S3Double(**(marker.kwargs if marker is not None else {}))
    server = S3Server(double, **(options.kwargs if options is not None else {})).start()
    try:
        yield server
    finally:
        server.close()
    double.check_internal_errors()
