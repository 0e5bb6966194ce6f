"""The ``s3double`` pytest fixture: a fresh, active double for each test.

Options come from the ``s3double`` marker::

    @pytest.mark.s3double(account_id="111122223333", version_id_seed=7)
    def test_purge(s3double): ...

    @pytest.mark.s3double(record="off")              # or record_limit=100, record_headers=[...]
    def test_soak(s3double): ...
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._double import S3Double


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "s3double(account_id=..., version_id_seed=..., passthrough=..., fault_seed=..., "
        "record='lean'|'full'|'off', record_limit=..., record_headers=[...]): options for "
        "the s3double fixture",
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
