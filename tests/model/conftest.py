"""Model tests run without botocore: importing it here is an error.

Shared fixtures build stores and buckets straight through the model's own verbs.
"""

from __future__ import annotations

import pytest
from model_helpers import EPOCH, MakeBucket

from s3double.model import Bucket, ControlledClock, Store, VersioningState


@pytest.fixture
def clock() -> ControlledClock:
    clock = ControlledClock()
    clock.set(EPOCH)
    return clock


@pytest.fixture
def store(clock: ControlledClock) -> Store:
    return Store(clock=clock, version_id_seed=20250102)


@pytest.fixture
def make_bucket(store: Store) -> MakeBucket:
    """``make_bucket("Enabled")`` -> a new bucket in ``store`` in that versioning state."""
    names = iter(f"bucket-{n}" for n in range(1000))

    def make(versioning: str | VersioningState | None = None) -> Bucket:
        return store.create_bucket(next(names), versioning=versioning)

    return make
