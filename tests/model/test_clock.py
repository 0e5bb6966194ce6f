"""Where the model reads "now" (s3double/model/clock.py)."""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Iterator

import pytest
from model_helpers import EPOCH

from s3double.model import ControlledClock, SystemClock

UTC = _dt.timezone.utc
WALL = 1_750_000_000.25  # the system time every test below pretends it is


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Pin ``time.time()``; tests move it by changing ``wall[0]``."""
    now = [WALL]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


@pytest.fixture
def local_zone_not_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A local time zone other than UTC, so "a naive instant is UTC" is really tested."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "EST+05")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def at(seconds: float) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(seconds, UTC)


@pytest.mark.parametrize("clock_type", [SystemClock, ControlledClock])
def test_clocks_follow_system_time_by_default(wall: list[float], clock_type: type) -> None:
    clock = clock_type()
    assert clock.now() == at(WALL)
    wall[0] += 42
    assert clock.now() == at(WALL + 42)
    assert clock.now().tzinfo is not None and clock.now().utcoffset() == _dt.timedelta(0)


def test_clocks_follow_the_real_system_clock() -> None:
    before = _dt.datetime.now(UTC)
    readings = [SystemClock().now(), ControlledClock().now()]
    after = _dt.datetime.now(UTC)
    assert all(before <= reading <= after for reading in readings)


@pytest.mark.parametrize("instant", [
    EPOCH,
    EPOCH.replace(tzinfo=None),  # naive is taken as UTC
    EPOCH.astimezone(_dt.timezone(_dt.timedelta(hours=-5))),
], ids=["utc", "naive", "other-zone"])
def test_set_stops_the_clock_at_an_instant(wall: list[float], instant: _dt.datetime,
                                           local_zone_not_utc: None) -> None:
    clock = ControlledClock()
    clock.set(instant)
    wall[0] += 3600
    assert clock.now() == EPOCH
    assert clock.now().utcoffset() == _dt.timedelta(0)


Delta = _dt.timedelta | float
DELTAS = pytest.mark.parametrize("delta", [90, 1.5, _dt.timedelta(days=2, microseconds=7)],
                                 ids=["int", "float", "timedelta"])


def as_timedelta(delta: Delta) -> _dt.timedelta:
    return delta if isinstance(delta, _dt.timedelta) else _dt.timedelta(seconds=delta)


@DELTAS
def test_advance_moves_a_set_clock(wall: list[float], delta: Delta) -> None:
    clock = ControlledClock()
    clock.set(EPOCH)
    clock.advance(delta)
    clock.advance(delta)
    assert clock.now() == EPOCH + 2 * as_timedelta(delta)


@DELTAS
def test_advance_offsets_a_following_clock(wall: list[float], delta: Delta) -> None:
    clock = ControlledClock()
    clock.advance(delta)
    assert clock.now() == at(WALL) + as_timedelta(delta)
    wall[0] += 10
    assert clock.now() == at(WALL + 10) + as_timedelta(delta), "still follows, with the offset"


@pytest.mark.parametrize("how", ["set", "advance"])
def test_follow_system_forgets_instant_and_offset(wall: list[float], how: str) -> None:
    clock = ControlledClock()
    clock.advance(-500)
    if how == "set":
        clock.set(EPOCH)
    clock.follow_system()
    assert clock.now() == at(WALL)
