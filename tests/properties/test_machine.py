"""``S3StateMachine`` keeps its promises to subclasses: a fresh, empty double per
example, cleaned up after every example (also a failing one), nested safely inside a
double the test already has, and every request reported to ``observe``."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis.stateful import invariant, rule, run_state_machine_as_test

from s3double import S3Double
from s3double.strategies import S3StateMachine, Step
from s3double.wire import hook

QUICK = settings(max_examples=10, stateful_step_count=8, deadline=None, database=None)
DOUBLES: list[S3Double] = []


class Recording(S3StateMachine):
    """Notes each example's double, and checks each starts with one empty bucket."""

    seed_history = False

    def __init__(self) -> None:
        super().__init__()
        assert [b.name for b in self.double.store] == [self.bucket_name]
        assert self.bucket.is_empty() and self.double.active
        DOUBLES.append(self.double)
        self.observed: list[Step] = []

    def observe(self, step: Step) -> None:
        self.observed.append(step)

    @invariant()
    def every_request_is_observed(self) -> None:
        assert self.observed == self.steps


def test_each_example_gets_its_own_double_and_leaves_none_active() -> None:
    DOUBLES.clear()
    run_state_machine_as_test(Recording, settings=QUICK)
    assert len(DOUBLES) >= 10 and len({id(d) for d in DOUBLES}) == len(DOUBLES)
    assert hook.active() is None


def test_a_machine_nests_inside_an_active_double() -> None:
    with S3Double() as outer:
        outer.store.create_bucket("outer").put("kept", b"x")
        run_state_machine_as_test(Recording, settings=QUICK)
        assert hook.active() is outer
        assert [b.name for b in outer.store] == ["outer"] and outer.store.bucket("outer").current("kept")


class Failing(S3StateMachine):
    @rule()
    def fail(self) -> None:
        raise ValueError("a user's invariant broke")


def test_a_failing_example_still_stops_its_double() -> None:
    with pytest.raises(ValueError, match="invariant broke"):
        run_state_machine_as_test(Failing, settings=QUICK)
    assert hook.active() is None
