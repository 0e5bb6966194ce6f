"""How many examples each property runs (not a test module).

Two hypothesis profiles, registered by this folder's conftest: ``s3double-normal``
(hypothesis' own defaults, without deadlines: the first boto3 call of a run is slow)
and ``s3double-long``, chosen with ``pytest --s3double-profile=long``. A property
asks for ``examples(n)``: ``n`` examples normally, 20 times as many in the long run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

NORMAL, LONG = "s3double-normal", "s3double-long"
_NORMAL_EXAMPLES = 100
LONG_FACTOR = 20


def register() -> None:
    common = {"deadline": None, "print_blob": True, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile(NORMAL, max_examples=_NORMAL_EXAMPLES, **common)
    settings.register_profile(
        LONG, max_examples=_NORMAL_EXAMPLES * LONG_FACTOR, stateful_step_count=100, **common
    )


def examples(normal: int, **overrides: object) -> settings:
    """Settings for ``normal`` examples under the loaded profile's scale."""
    scale = settings.default.max_examples / _NORMAL_EXAMPLES
    return settings(max_examples=max(1, round(normal * scale)), **overrides)  # type: ignore[arg-type]  # overrides are settings' own keyword arguments
