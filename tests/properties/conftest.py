"""Hypothesis profiles for the properties: bounded in the normal suite, longer on demand
(``pytest --s3double-profile=long``; the option is declared in ``tests/conftest.py``)."""

from __future__ import annotations

import pytest
from hypothesis import settings
from property_budget import LONG, NORMAL, register

register()


def pytest_configure(config: pytest.Config) -> None:
    long = config.getoption("s3double_profile", default="normal") == "long"
    settings.load_profile(LONG if long else NORMAL)
