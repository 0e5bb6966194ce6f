"""Fault injection: S3 errors a test asks for, where real S3 would only sometimes give them.

    double.faults.fail_keys("SlowDown", prefix="logs/", times=2)   # per key, in DeleteObjects
    double.faults.fail_requests("InternalError", operation="DeleteObjects", times=1)

A rule matches by key, prefix or predicate (per-key) or by operation (per request),
fires at most ``times`` times (None: always) and, with ``probability``, only on
the draws of a generator seeded by ``seed``: the same seed gives the same faults.
Faults are decided before the model is touched, so they never change the state;
every injected error is marked in the call record.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .errors import ErrorCode, S3Error, by_code
from .operations.results import KeyError_


def _resolve(code: str | ErrorCode, message: str | None, status: int | None) -> tuple[str, str, int]:
    """Code, message and status: from the catalogue unless given; an unknown code is a 500."""
    entry = code if isinstance(code, ErrorCode) else by_code(code)
    if entry is not None:
        return entry.code, message or entry.message, status or entry.status
    return str(code), message or str(code), status or 500


@dataclass
class _Rule:
    code: str
    message: str
    status: int
    matches: Callable[..., bool]
    times: int | None
    probability: float | None
    fired: int = field(default=0)

    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times


class FaultPlan:
    def __init__(self, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._key_rules: list[_Rule] = []
        self._request_rules: list[_Rule] = []
        self.seed(seed)

    def seed(self, seed: int | None) -> None:
        with self._lock:
            self._random = random.Random(seed)

    def clear(self) -> None:
        with self._lock:
            self._key_rules.clear()
            self._request_rules.clear()

    def fail_keys(
        self,
        code: str | ErrorCode = "InternalError",
        message: str | None = None,
        *,
        keys: Iterable[str] | None = None,
        prefix: str | None = None,
        predicate: Callable[[str, str | None], bool] | None = None,
        times: int | None = None,
        probability: float | None = None,
    ) -> None:
        """Per-key <Error> entries inside DeleteObjects for matching keys (all keys if no
        matcher is given); the other keys proceed as S3 would."""
        wanted = frozenset(keys) if keys is not None else None

        def matches(key: str, version_id: str | None) -> bool:
            return (
                (wanted is None or key in wanted)
                and (prefix is None or key.startswith(prefix))
                and (predicate is None or predicate(key, version_id))
            )

        code_, message_, status = _resolve(code, message, None)
        with self._lock:
            self._key_rules.append(_Rule(code_, message_, status, matches, times, probability))

    def fail_requests(
        self,
        code: str | ErrorCode = "InternalError",
        message: str | None = None,
        *,
        operation: str | None = None,
        status: int | None = None,
        times: int | None = None,
        probability: float | None = None,
    ) -> None:
        """Whole requests answered with an error (500 InternalError, 503 SlowDown, ...),
        so botocore's retry logic runs; ``operation`` limits it to one S3 operation."""
        code_, message_, status_ = _resolve(code, message, status)
        with self._lock:
            self._request_rules.append(
                _Rule(code_, message_, status_, lambda name: operation in (None, name), times, probability)
            )

    def _fire(self, rules: list[_Rule], *args: object) -> _Rule | None:
        with self._lock:
            for rule in rules:
                if rule.exhausted() or not rule.matches(*args):
                    continue
                if rule.probability is not None and self._random.random() >= rule.probability:
                    continue
                rule.fired += 1
                return rule
        return None

    def key_fault(self, key: str, version_id: str | None) -> KeyError_ | None:
        rule = self._fire(self._key_rules, key, version_id) if self._key_rules else None
        if rule is None:
            return None
        return KeyError_(key, version_id, rule.code, rule.message, injected=True)

    def request_fault(self, operation: str) -> S3Error | None:
        rule = self._fire(self._request_rules, operation) if self._request_rules else None
        if rule is None:
            return None
        return S3Error.custom(rule.code, rule.status, rule.message)
