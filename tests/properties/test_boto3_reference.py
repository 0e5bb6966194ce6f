"""``S3StateMachine``'s traffic through boto3, followed step by step by the reference.

Every request the machine sends (puts, deletes by key and by version, DeleteObjects
batches, versioning changes, retention and legal holds) is replayed on
``reference_s3``; S3's answer must be the one the reference predicts (which keys
fail and with which code, which deletes made markers, which requests are refused),
and after every step the model must hold what the reference holds. Paged listings
through boto3 must return every version exactly once, keys in order, pages full.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from typing import Any

import pytest
from botocore import xform_name
from hypothesis import strategies as st
from hypothesis.stateful import invariant
from property_budget import examples
from reference_s3 import NULL, ReferenceBucket

from s3double.model.listing import list_versions
from s3double.seeding import Delete, Put, SetVersioning
from s3double.strategies import S3StateMachine, Step, object_keys, path_keys

pytestmark = pytest.mark.differential  # the model against the plain reference model

# The error each refusal gets: (DeleteObject, per key inside DeleteObjects).
CODES = {"version-not-found": ("InvalidArgument", "NoSuchVersion"),
         "retention": ("AccessDenied", "AccessDenied"), "legal-hold": ("AccessDenied", "AccessDenied")}


def etag(body: bytes) -> str:
    return f'"{hashlib.md5(body).hexdigest()}"'


class Boto3AgainstReference(S3StateMachine):
    key_strategy = st.one_of(path_keys(), object_keys(max_bytes=40))

    def __init__(self) -> None:
        super().__init__()
        self.ref = ReferenceBucket(versioning=self.versioning or "Unversioned", object_lock=self.object_lock)
        self.pages: list[dict[str, Any]] = []

    def observe(self, step: Step) -> None:
        getattr(self, "on_" + xform_name(step.operation))(step)  # on_put_object...

    # -- replaying each request on the reference ---------------------------------

    def on_seed(self, step: Step) -> None:
        for write in step.params["History"]:
            if isinstance(write, Put):
                lock = write.lock and (write.lock[0], self.now() + _dt.timedelta(days=write.lock[1]))
                self.ref.put(write.key, write.body, retention=lock, legal_hold=write.legal_hold)
            elif isinstance(write, Delete):
                self.ref.delete(write.key)
            elif isinstance(write, SetVersioning):
                assert self.ref.set_versioning(write.state)

    def on_put_object(self, step: Step) -> None:
        version_id = step.response.get("VersionId")
        assert (version_id is not None) == (self.ref.versioning == "Enabled"), step
        self.ref.put(step.params["Key"], step.params["Body"], version_id)

    def on_delete_object(self, step: Step) -> None:
        key, version_id = step.params["Key"], step.params.get("VersionId")
        if version_id is not None:
            was = self.ref.find(key, version_id)
            reason = self.ref.delete_version(key, version_id, self.now(), self.bypassed(step))
            assert step.error == (reason and CODES[reason][0]), (step, reason)
            if reason is None:
                assert step.response["VersionId"] == version_id
                assert step.response.get("DeleteMarker", False) == bool(was and was.marker), step
            return
        given = step.response.get("VersionId")
        marker = self.ref.delete(key, given if self.ref.versioning == "Enabled" else None)
        assert step.response.get("DeleteMarker", False) == (marker is not None), step
        assert given == (marker.version_id if marker else None), step

    def on_delete_objects(self, step: Step) -> None:
        expected_deleted, expected_errors, markers = [], [], []
        listed = [(i["Key"], i.get("VersionId")) for i in step.params["Delete"]["Objects"]]
        for key, version_id in dict.fromkeys(listed):  # an object listed again: once
            if version_id is None:
                marker = self.ref.delete(key)
                expected_deleted.append((key, "", marker is not None))
                markers += [(key, marker)] if marker is not None else []
                continue
            was = self.ref.find(key, version_id)
            reason = self.ref.delete_version(key, version_id, self.now(), self.bypassed(step))
            if reason is None:
                expected_deleted.append((key, version_id, bool(was and was.marker)))
            else:
                expected_errors.append((key, version_id, CODES[reason][1]))
        response = step.response
        errors = [(e["Key"], e.get("VersionId", ""), e["Code"]) for e in response.get("Errors", [])]
        assert sorted(errors) == sorted(expected_errors), step
        if step.params["Delete"]["Quiet"]:
            assert "Deleted" not in response, step
            return
        deleted = [(d["Key"], d.get("VersionId", ""), d.get("DeleteMarker", False))
                   for d in response.get("Deleted", [])]
        assert sorted(deleted) == sorted(expected_deleted), step
        self._learn_marker_ids(markers, response.get("Deleted", []))

    def _learn_marker_ids(self, markers: list, deleted: list[dict[str, Any]]) -> None:
        """The markers a batch made take the ids S3 reports, key by key in order (the
        model comparison after the step then checks them)."""
        reported = [(d["Key"], d["DeleteMarkerVersionId"]) for d in deleted
                    if "VersionId" not in d and d.get("DeleteMarker")]
        for key, marker in markers:
            version_id = next(vid for k, vid in reported if k == key)
            reported.remove((key, version_id))
            if marker.version_id is None:
                assert version_id not in self.ref.issued, f"version id {version_id!r} issued twice"
                marker.version_id = version_id
                self.ref.issued.add(version_id)
            assert marker.version_id == version_id

    def on_put_bucket_versioning(self, step: Step) -> None:
        allowed = self.ref.set_versioning(step.params["VersioningConfiguration"]["Status"])
        assert step.error == (None if allowed else "InvalidBucketState"), step

    def _lock_target(self, step: Step) -> Any:
        version = self.ref.find(step.params["Key"], step.params["VersionId"])
        expected = "NoSuchVersion" if version is None else "MethodNotAllowed" if version.marker else None
        return version, expected

    def on_put_object_legal_hold(self, step: Step) -> None:
        version, expected = self._lock_target(step)
        assert step.error == expected, step
        if expected is None:
            version.legal_hold = step.params["LegalHold"]["Status"] == "ON"

    def on_put_object_retention(self, step: Step) -> None:
        version, expected = self._lock_target(step)
        mode, until = step.params["Retention"]["Mode"], step.params["Retention"]["RetainUntilDate"]
        if expected is None and self.ref.retention_refused(
            version, mode, until, self.now(), self.bypassed(step)
        ):
            expected = "AccessDenied"
        assert step.error == expected, step
        if expected is None:
            version.retention = (mode, until)

    def on_list_object_versions(self, step: Step) -> None:
        self._page(step, "KeyMarker")
        if step.response["IsTruncated"]:
            return
        listed = [(v["Key"], v["VersionId"], v.get("ETag", ""), v["IsLatest"])
                  for page in self.pages for kind in ("Versions", "DeleteMarkers")
                  for v in page.get(kind, [])]
        expected = [(key, vid, "" if marker else etag(body), latest)
                    for key, vid, marker, body, latest in self.ref.rows()[0]]
        # boto3 parses versions and markers into two lists: their interleaving is lost.
        assert sorted(listed) == sorted(expected)

    def on_list_objects_v2(self, step: Step) -> None:
        self._page(step, "ContinuationToken")
        if step.response["IsTruncated"]:
            return
        listed = [(o["Key"], o["ETag"]) for page in self.pages for o in page.get("Contents", [])]
        assert listed == [(key, etag(body)) for key, body in self.ref.current_rows()[0]]

    def _page(self, step: Step, resumes: str) -> None:
        """Collect a listing's pages: each full but the last, keys in order across pages."""
        if resumes not in step.params:
            self.pages = []
        page = step.response
        keys = [entry["Key"] for kind in ("Versions", "DeleteMarkers", "Contents")
                for entry in page.get(kind, [])]
        assert len(keys) <= step.params["MaxKeys"]
        if page["IsTruncated"]:
            assert len(keys) == step.params["MaxKeys"], "a truncated page that is not full"
        if self.pages and keys:
            before = [e["Key"] for kind in ("Versions", "DeleteMarkers", "Contents")
                      for e in self.pages[-1].get(kind, [])]
            assert not before or max(before) <= min(keys), "pages out of order"
        self.pages.append(page)

    @staticmethod
    def bypassed(step: Step) -> bool:
        return bool(step.params.get("BypassGovernanceRetention"))

    # -- the whole bucket, after every step --------------------------------------

    @invariant()
    def model_matches_reference(self) -> None:
        page = list_versions(self.bucket, max_keys=10**9)
        self.ref.learn_ids([(entry.key, entry.version_id) for entry, _ in page.entries])
        actual = [(e.key, e.version_id, e.is_delete_marker, getattr(e, "body", b""), latest)
                  for e, latest in page.entries]
        assert actual == self.ref.rows()[0]
        assert all(vid == NULL or vid in self.ref.issued for _, vid, *_ in actual)


class LockedBoto3AgainstReference(Boto3AgainstReference):
    object_lock = True


Boto3AgainstReference.TestCase.settings = examples(25, stateful_step_count=25)
LockedBoto3AgainstReference.TestCase.settings = examples(25, stateful_step_count=25)
TestBoto3AgainstReference = Boto3AgainstReference.TestCase
TestLockedBoto3AgainstReference = LockedBoto3AgainstReference.TestCase
