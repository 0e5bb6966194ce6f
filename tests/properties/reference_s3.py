"""A deliberately small model of one S3 bucket, in plain lists and dicts (not a test module).

Each key holds a list of versions, oldest first. The S3 user guide's rules, one or
two lines each:

* unversioned: a PUT replaces the key's only (``null``) version, a DELETE removes it;
* Enabled: a PUT or a DELETE (a delete marker) goes on top with a new id;
* Suspended: they go on top with id ``null``, replacing the previous ``null`` entry;
* a DELETE with a version id removes exactly that entry, unless it is protected
  (a legal hold, or a retention still running: COMPLIANCE always, GOVERNANCE
  without the bypass); an id the bucket never issued is refused; a gone one is fine;
* object lock keeps versioning Enabled.

S3 chooses version ids, so the reference is told them, or leaves ``None`` and
``learn_ids`` binds them from the real listing (ids it binds must be new).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

NULL = "null"


@dataclass
class Version:
    version_id: str | None  # None: issued by S3, not learnt yet
    marker: bool = False
    body: bytes = b""
    retention: tuple[str, _dt.datetime] | None = None  # (mode, retain until)
    legal_hold: bool = False


def rolled_up(key: str, prefix: str, delimiter: str) -> str | None:
    """The common prefix ``key`` rolls up into, if any."""
    if not delimiter or delimiter not in key[len(prefix):]:
        return None
    return key[: key.index(delimiter, len(prefix)) + len(delimiter)]


class ReferenceBucket:
    def __init__(self, *, versioning: str = "Unversioned", object_lock: bool = False) -> None:
        self.versioning = "Enabled" if object_lock else versioning
        self.object_lock = object_lock
        self.keys: dict[str, list[Version]] = {}
        self.issued: set[str] = {NULL}

    # -- writes ----------------------------------------------------------------

    def put(self, key: str, body: bytes, version_id: str | None = None, *,
            retention: tuple[str, _dt.datetime] | None = None, legal_hold: bool = False) -> Version:
        return self._push(key, Version(self._new_id(version_id), False, body, retention, legal_hold))

    def delete(self, key: str, version_id: str | None = None) -> Version | None:
        """DELETE without a version id: the marker made, or None (unversioned removal)."""
        if self.versioning == "Unversioned":
            self.keys.pop(key, None)
            return None
        return self._push(key, Version(self._new_id(version_id), marker=True))

    def _new_id(self, given: str | None) -> str | None:
        if self.versioning != "Enabled":
            assert given in (None, NULL), f"a {self.versioning} bucket wrote id {given!r}"
            return NULL
        assert given not in self.issued, f"version id {given!r} issued twice"
        if given is not None:
            self.issued.add(given)
        return given

    def _push(self, key: str, version: Version) -> Version:
        stack = self.keys.setdefault(key, [])
        if version.version_id == NULL:
            stack[:] = [old for old in stack if old.version_id != NULL]
        stack.append(version)
        return version

    def set_versioning(self, state: str) -> bool:
        if self.object_lock and state != "Enabled":
            return False
        self.versioning = state
        return True

    # -- versions by id --------------------------------------------------------

    def find(self, key: str, version_id: str) -> Version | None:
        return next((v for v in self.keys.get(key, []) if v.version_id == version_id), None)

    @staticmethod
    def protection(version: Version, now: _dt.datetime, bypass: bool) -> str | None:
        if version.marker:
            return None
        if version.legal_hold:
            return "legal-hold"
        if version.retention is None or version.retention[1] <= now:
            return None
        return None if version.retention[0] == "GOVERNANCE" and bypass else "retention"

    def delete_version(self, key: str, version_id: str, now: _dt.datetime,
                       bypass: bool = False) -> str | None:
        """Why S3 refuses to remove this version, or None once it is gone."""
        if version_id not in self.issued:
            return "version-not-found"
        version = self.find(key, version_id)
        if version is None:
            return None
        reason = self.protection(version, now, bypass)
        if reason is None:
            self.keys[key].remove(version)
            if not self.keys[key]:
                del self.keys[key]
        return reason

    def retention_refused(self, version: Version, mode: str, until: _dt.datetime,
                          now: _dt.datetime, bypass: bool) -> bool:
        """Only a running retention resists change: COMPLIANCE can only be extended;
        GOVERNANCE can be shortened or changed with the bypass."""
        current = version.retention
        if current is None or current[1] <= now:
            return False
        weaker = until < current[1] or mode != current[0]
        return weaker and (current[0] == "COMPLIANCE" or not bypass)

    # -- reading ---------------------------------------------------------------

    def rows(self, prefix: str = "", delimiter: str = "") -> tuple[list[tuple], list[str]]:
        """ListObjectVersions in full: (key, id, is marker, body, is latest) rows, newest
        first per key, keys in code point (= UTF-8 byte) order; and the common prefixes."""
        rows, prefixes = [], set()
        for key in sorted(self.keys):
            if not key.startswith(prefix):
                continue
            rolled = rolled_up(key, prefix, delimiter)
            if rolled is not None:
                prefixes.add(rolled)
                continue
            for age, v in enumerate(reversed(self.keys[key])):
                rows.append((key, v.version_id, v.marker, v.body, age == 0))
        return rows, sorted(prefixes)

    def current_rows(self, prefix: str = "", delimiter: str = "") -> tuple[list[tuple], list[str]]:
        """ListObjectsV2 in full: (key, body) of every key whose latest entry is an object."""
        rows, prefixes = [], set()
        for key in sorted(self.keys):
            latest = self.keys[key][-1]
            if not key.startswith(prefix) or latest.marker:
                continue
            rolled = rolled_up(key, prefix, delimiter)
            if rolled is not None:
                prefixes.add(rolled)
            else:
                rows.append((key, latest.body))
        return rows, sorted(prefixes)

    def learn_ids(self, actual: list[tuple[str, str]]) -> None:
        """Bind ids not learnt yet from the real (key, id) listing, position by position."""
        versions = [v for key in sorted(self.keys) for v in reversed(self.keys[key])]
        for version, (_, version_id) in zip(versions, actual, strict=False):
            if version.version_id is None:
                assert version_id not in self.issued, f"version id {version_id!r} issued twice"
                version.version_id = version_id
                self.issued.add(version_id)
