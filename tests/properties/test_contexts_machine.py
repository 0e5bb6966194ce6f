"""Doubles entered, left, re-entered and nested at random in one context, with requests
sent from here, new threads, a thread pool and asyncio tasks, and bursts of concurrent
doubles in other threads: every request reaches the innermost double of its context, a
re-entered double starts empty, and nothing is left active (issue 13, item 9)."""

from __future__ import annotations

import threading
from typing import Any

import boto3
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from property_budget import examples

from s3double import S3Double
from s3double.traffic import RUNNERS, run_from
from s3double.wire import contexts, hook

KEYS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "not-a-secret"}
_CLIENT: list[Any] = []


def client() -> Any:
    """Made outside any double, with keys, so no double is its origin."""
    if not _CLIENT:
        _CLIENT.append(boto3.client("s3", region_name="us-east-1", **KEYS))
    return _CLIENT[0]


class Contexts(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[S3Double, set[str]]] = []  # entered here, innermost last
        self.left: list[S3Double] = []

    def teardown(self) -> None:
        while self.stack:
            self.stack.pop()[0].stop()
        assert not contexts.any_active()

    def _push(self, double: S3Double) -> None:
        double.start()
        assert double.store.buckets == {}, "an entry starts fresh"
        client().create_bucket(Bucket="bkt")
        self.stack.append((double, set()))

    @rule()
    def enter_new(self) -> None:
        self._push(S3Double())

    @precondition(lambda self: self.left)
    @rule(data=st.data())
    def reenter(self, data: st.DataObject) -> None:
        double = self.left.pop(data.draw(st.integers(0, len(self.left) - 1), "which"))
        self._push(double)

    @precondition(lambda self: self.stack)
    @rule()
    def leave(self) -> None:
        double, _ = self.stack.pop()
        double.stop()
        self.left.append(double)

    @precondition(lambda self: self.stack)
    @rule(key=st.sampled_from(["a", "b", "c/d"]), runner=st.sampled_from(RUNNERS), delete=st.booleans())
    def request(self, key: str, runner: str, delete: bool) -> None:
        expected = self.stack[-1][1]
        if delete:
            run_from(runner, lambda: client().delete_object(Bucket="bkt", Key=key))  # type: ignore[arg-type]
            expected.discard(key)
        else:
            run_from(runner, lambda: client().put_object(Bucket="bkt", Key=key, Body=b"x"))  # type: ignore[arg-type]
            expected.add(key)

    @rule(count=st.integers(2, 3))
    def concurrent_doubles_elsewhere(self, count: int) -> None:
        """Threads started here, each entering its own double: theirs, not ours."""
        barrier = threading.Barrier(count)
        seen: list[list[str]] = []

        def own(index: int) -> None:
            with S3Double() as double:
                barrier.wait(timeout=10)
                client().create_bucket(Bucket=f"elsewhere-{index}")
                barrier.wait(timeout=10)
                seen.append([b["Name"] for b in client().list_buckets()["Buckets"]])
                assert [b.name for b in double.store] == [f"elsewhere-{index}"]

        threads = [threading.Thread(target=own, args=(index,)) for index in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(seen) == [[f"elsewhere-{index}"] for index in range(count)]

    @invariant()
    def each_double_holds_what_was_sent_while_it_was_innermost(self) -> None:
        for double, expected in self.stack:
            assert set(double.store.bucket("bkt").objects.live.walk()) == expected
        assert hook.active() is (self.stack[-1][0] if self.stack else None)


TestContexts = Contexts.TestCase
TestContexts.settings = examples(15, stateful_step_count=12)
