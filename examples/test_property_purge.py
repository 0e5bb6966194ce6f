"""A property test of the purge routine in purge_versions.py, against any history.

``S3StateMachine`` (from ``s3double.strategies``) sends random traffic through boto3:
puts, overwrites, deletes, batch deletes, versioning changes, retention and legal
holds, time passing. The ``purge`` rule below runs the routine in the middle of it and
checks, whatever came before, that it removes exactly the noncurrent versions older
than the cutoff that object lock lets go, reports the others as locked, and never
touches a current version or a delete marker.

Each example gets a fresh double of its own, so nothing leaks between examples; no
fixture is needed.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import rule

from purge_versions import purge_noncurrent
from s3double.model.locks import protection
from s3double.strategies import S3StateMachine


class PurgeMachine(S3StateMachine):
    versioning = "Enabled"  # the bucket starts versioned (its history may suspend it)
    @rule(days=st.integers(0, 3), bypass=st.booleans())
    def purge(self, days: int, bypass: bool) -> None:
        bypass = bypass and self.object_lock  # S3 refuses the bypass header elsewhere
        now, cutoff = self.now(), self.now() - dt.timedelta(days=days)
        before = self.versions()

        report = purge_noncurrent(self.client, self.bucket_name, cutoff, bypass_governance=bypass)

        after = {(entry.key, entry.version_id) for entry, _ in self.versions()}
        for entry, is_latest in before:
            version = (entry.key, entry.version_id)
            old = not is_latest and not entry.is_delete_marker and entry.last_modified < cutoff
            if not old:
                assert version in after, f"purge removed {version}, which it must keep"
            elif protection(entry, now, bypass_governance=bypass):
                assert version in after and version in report.locked
            else:
                assert version not in after and version in report.deleted
        assert report.failed == []


class LockedPurgeMachine(PurgeMachine):
    object_lock = True  # retention and legal holds join the traffic


PurgeMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=20, deadline=None)
LockedPurgeMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=20, deadline=None)
TestPurge = PurgeMachine.TestCase
TestPurgeLocked = LockedPurgeMachine.TestCase
