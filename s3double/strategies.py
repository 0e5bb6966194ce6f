"""Hypothesis strategies for S3 inputs, and a rule-based state machine over a double.

The only module of s3double that imports hypothesis (a test extra); ``import
s3double`` never loads it. Keys, bucket names, bodies, version ids, DeleteObjects
identifiers and batches, versioning and object lock configurations (all in boto3's
parameter shapes); ``bucket_states()``, a bucket's history replayed straight into
the model; and ``S3StateMachine``, boto3 traffic to subclass with your own rules.

Fresh state per example: hypothesis runs many examples inside one test, so a
function-scoped pytest fixture would share one double between them all. Make the
double inside the example instead; it costs microseconds::

    @given(state=bucket_states())
    def test_cleanup(state):
        with s3double.mock_s3() as double:      # a new, empty store per example
            state.build(double.store)
            cleanup(CLIENT, state.name)          # CLIENT: one boto3 client, made once

``S3StateMachine`` does this itself: each example gets its own active double.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import string
from typing import Any, ClassVar

from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from ._double import S3Double
from .model.bucket import Bucket
from .model.naming import is_valid_bucket_name
from .model.versions import NULL_VERSION_ID, Entry
from .seeding import BucketSpec, Delete, Put, SetVersioning
from .traffic import RUNNERS, Runner, Step, call, next_page, run_from, shared_client

__all__ = [
    "XML_FORBIDDEN", "BucketSpec", "S3StateMachine", "Step", "bodies", "bucket_histories",
    "bucket_names", "bucket_states", "delete_batches", "directory_bucket_names",
    "directory_conditions", "etags", "legal_holds", "object_identifiers", "object_keys",
    "object_lock_configurations", "path_keys", "retentions", "version_ids",
    "versioning_configurations",
]

MAX_KEY_BYTES = 1024
SAFE_CHARACTERS = string.ascii_letters + string.digits + "!-_.*'()/"
# Legal in XML 1.0 but easy to get wrong in XML bodies and listings.
XML_TRICKY = "\r\n\t&<>\"' "
# Characters XML 1.0 cannot carry at all (section 2.2), so S3 cannot either in an
# XML body: a DeleteObjects naming such a key is MalformedXML.
XML_FORBIDDEN = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
VERSION_ID_ALPHABET = string.ascii_letters + string.digits + "._"
UTC = _dt.timezone.utc


# -- keys, names, bodies ------------------------------------------------------


def _fit(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` of UTF-8, on a character boundary."""
    return text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")


def key_characters() -> st.SearchStrategy[str]:
    """Characters of valid keys: S3's safe set, XML-tricky ones, any other Unicode."""
    return st.one_of(
        st.sampled_from(SAFE_CHARACTERS),
        st.sampled_from(XML_TRICKY),
        st.characters(codec="utf-8", exclude_characters=XML_FORBIDDEN),
    )


def object_keys(
    *,
    xml_forbidden: bool = False,
    max_bytes: int = MAX_KEY_BYTES,
    alphabet: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[str]:
    """Keys of 1 to ``max_bytes`` UTF-8 bytes (some exactly at the limit).

    By default every key is one S3 accepts and can list in XML. With
    ``xml_forbidden=True`` every key holds at least one character of
    ``XML_FORBIDDEN``, which no XML body can carry.
    """
    text = st.text(alphabet if alphabet is not None else key_characters(), min_size=1)
    return _keys(text, xml_forbidden, max_bytes)


@st.composite
def _keys(draw: st.DrawFn, text: st.SearchStrategy[str], xml_forbidden: bool, max_bytes: int) -> str:
    key = draw(text)
    if draw(st.integers(0, 7)) == 7:  # stretch to the byte limit
        key = key * (max_bytes // len(key.encode("utf-8")) + 1)
    if not xml_forbidden:
        return _fit(key, max_bytes)
    forbidden = draw(st.sampled_from(XML_FORBIDDEN))
    key = _fit(key, max_bytes - len(forbidden.encode("utf-8")))
    at = draw(st.integers(0, len(key)))
    return key[:at] + forbidden + key[at:]


def path_keys(
    segments: st.SearchStrategy[str] | None = None, delimiter: str = "/", max_depth: int = 3
) -> st.SearchStrategy[str]:
    """Keys like ``a/b/a.b`` from a few segments: many shared prefixes, for listings."""
    segments = segments if segments is not None else st.sampled_from(["a", "b", "a.b", "é", "&"])
    return st.lists(segments, min_size=1, max_size=max_depth).map(delimiter.join).flatmap(
        lambda key: st.sampled_from([key, key + delimiter])
    )


def bucket_names() -> st.SearchStrategy[str]:
    """General purpose bucket names (``s3double.model.naming``'s rules)."""
    return st.from_regex(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", fullmatch=True).filter(
        is_valid_bucket_name
    )


@st.composite
def directory_bucket_names(draw: st.DrawFn) -> str:
    """Directory bucket names, ``base--zone-id--x-s3`` (``logs--usw2-az1--x-s3``; a Local
    Zone: ``logs--usw2-lax1-az1--x-s3``), at most 63 characters."""
    region = draw(st.sampled_from(["us", "eu", "ap", "ca", "sa", "me"]))
    region += draw(st.sampled_from(["e", "w", "n", "s", "c", "ne", "nw", "se", "sw"]))
    local = draw(st.just("") | st.from_regex(r"-[a-z]{3}[1-9]", fullmatch=True))
    zone = f"{region}{draw(st.integers(1, 3))}{local}-az{draw(st.integers(1, 6))}"
    base = draw(st.from_regex(r"[a-z0-9](-?[a-z0-9]){0,20}", fullmatch=True))
    assume(not base.startswith(("sthree-", "amzn-s3-demo-")))
    return f"{base}--{zone}--x-s3"


def bodies(max_size: int = 256) -> st.SearchStrategy[bytes]:
    """Object bodies: empty, small, or ``max_size`` bytes of one value."""
    full = st.binary(min_size=1, max_size=1).map(lambda byte: byte * max_size)
    return st.one_of(st.just(b""), st.binary(max_size=max_size), full)


def version_ids() -> st.SearchStrategy[str]:
    """Version ids in S3's shape (32 of ``[A-Za-z0-9._]``), or ``null``."""
    return st.just(NULL_VERSION_ID) | st.text(VERSION_ID_ALPHABET, min_size=32, max_size=32)


# -- DeleteObjects --------------------------------------------------------------


def etags() -> st.SearchStrategy[str]:
    """ETag conditions: a quoted MD5 (of some body), or ``*`` (any current object)."""
    return st.just("*") | st.binary(max_size=8).map(lambda body: f'"{hashlib.md5(body).hexdigest()}"')


def directory_conditions() -> st.SearchStrategy[dict[str, Any]]:
    """``LastModifiedTime`` and ``Size`` conditions (directory buckets only)."""
    when = st.datetimes(_dt.datetime(2006, 3, 1), _dt.datetime(2100, 1, 1), timezones=st.just(UTC))
    return st.fixed_dictionaries({}, optional={"LastModifiedTime": when, "Size": st.integers(0, 2**40)})


@st.composite
def object_identifiers(
    draw: st.DrawFn,
    keys: st.SearchStrategy[str] | None = None,
    versions: st.SearchStrategy[str] | None = None,
    *,
    conditions: st.SearchStrategy[str] | None = None,
) -> dict[str, Any]:
    """``{"Key": ..., "VersionId"?: ..., "ETag"?: ...}``, as boto3 takes it; ``ETag``
    sometimes, drawn from ``conditions`` (``etags()`` or your objects' ETags)."""
    identifier: dict[str, Any] = {"Key": draw(keys if keys is not None else object_keys())}
    if draw(st.booleans()):
        identifier["VersionId"] = draw(versions if versions is not None else version_ids())
    if conditions is not None and draw(st.booleans()):
        identifier["ETag"] = draw(conditions)
    return identifier


@st.composite
def delete_batches(
    draw: st.DrawFn,
    keys: st.SearchStrategy[str] | None = None,
    versions: st.SearchStrategy[str] | None = None,
    *,
    min_size: int = 1,
    max_size: int = 1000,
    conditions: st.SearchStrategy[str] | None = None,
) -> dict[str, Any]:
    """boto3's ``Delete`` parameter: ``{"Objects": [...], "Quiet": bool}``.

    Sizes reach ``max_size``: up to 16 identifiers are drawn one by one, the rest
    are numbered keys after a drawn one (cheap to draw, still distinct).
    """
    size = draw(st.one_of(st.integers(min_size, min(max_size, 8)),
                          st.integers(min_size, max_size), st.just(max_size)))
    one = object_identifiers(keys, versions, conditions=conditions)
    objects = draw(st.lists(one, min_size=min(size, 1), max_size=min(size, 16)))
    if len(objects) < size:
        stem = _fit(draw(keys if keys is not None else object_keys()), MAX_KEY_BYTES - 4)
        objects += [{"Key": f"{stem}{n:04d}"} for n in range(size - len(objects))]
    return {"Objects": objects, "Quiet": draw(st.booleans())}


# -- configurations -------------------------------------------------------------


def versioning_configurations(*, mfa_delete: bool = False) -> st.SearchStrategy[dict[str, str]]:
    """boto3's ``VersioningConfiguration``; ``MFADelete`` too when ``mfa_delete``."""
    fields = {"Status": st.sampled_from(["Enabled", "Suspended"])}
    if mfa_delete:
        fields["MFADelete"] = st.sampled_from(["Enabled", "Disabled"])
    return st.fixed_dictionaries(fields)


def lock_modes() -> st.SearchStrategy[str]:
    return st.sampled_from(["GOVERNANCE", "COMPLIANCE"])


def object_lock_configurations() -> st.SearchStrategy[dict[str, Any]]:
    """boto3's ``ObjectLockConfiguration``: enabled, with or without a default retention."""
    period = st.fixed_dictionaries({"Days": st.integers(1, 36500)}) | st.fixed_dictionaries(
        {"Years": st.integers(1, 100)})
    rule = st.builds(lambda mode, p: {"DefaultRetention": {"Mode": mode, **p}}, lock_modes(), period)
    return st.fixed_dictionaries({"ObjectLockEnabled": st.just("Enabled")}, optional={"Rule": rule})


def retentions(now: _dt.datetime, max_days: int = 30) -> st.SearchStrategy[dict[str, Any]]:
    """boto3's ``Retention``: a mode and a retain-until date 1..``max_days`` after ``now``."""
    until = st.integers(1, max_days).map(lambda days: now + _dt.timedelta(days=days))
    return st.fixed_dictionaries({"Mode": lock_modes(), "RetainUntilDate": until})


def legal_holds() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({"Status": st.sampled_from(["ON", "OFF"])})


# -- populated buckets ------------------------------------------------------------


def _writes(keys: list[str], body: st.SearchStrategy[bytes], object_lock: bool) -> st.SearchStrategy[Any]:
    key = st.sampled_from(keys)
    lock = st.none()
    if object_lock:
        lock = st.one_of(st.none(), st.tuples(lock_modes(), st.integers(1, 30)))
    hold = st.booleans() if object_lock else st.just(False)
    states = ["Enabled"] if object_lock else ["Enabled", "Suspended"]
    puts = (st.builds(Put, key, body, lock, hold) for _ in range(3))  # 3 puts to 1 delete
    return st.one_of(*puts, st.builds(Delete, key), st.builds(SetVersioning, st.sampled_from(states)))


@st.composite
def bucket_histories(
    draw: st.DrawFn,
    keys: st.SearchStrategy[str] | None = None,
    body: st.SearchStrategy[bytes] | None = None,
    *,
    object_lock: bool = False,
    max_keys: int = 6,
    max_writes: int = 30,
) -> tuple[Any, ...]:
    """Puts, deletes and versioning changes over a few keys (so keys gather versions)."""
    pool = draw(st.lists(keys if keys is not None else object_keys(max_bytes=64),
                         min_size=1, max_size=max_keys, unique=True))
    writes = _writes(pool, body if body is not None else bodies(16), object_lock)
    return tuple(draw(st.lists(writes, max_size=max_writes)))


@st.composite
def bucket_states(
    draw: st.DrawFn,
    names: st.SearchStrategy[str] | None = None,
    keys: st.SearchStrategy[str] | None = None,
    *,
    object_lock: bool | None = None,
    max_keys: int = 6,
    max_writes: int = 30,
) -> BucketSpec:
    """A bucket and its history; ``spec.build(store)`` makes it in microseconds."""
    name = draw(names if names is not None else bucket_names())
    lock = draw(st.booleans()) if object_lock is None else object_lock
    history = draw(bucket_histories(keys, object_lock=lock, max_keys=max_keys, max_writes=max_writes))
    return BucketSpec(name, lock, history)


# -- the state machine --------------------------------------------------------------


_LOCK_REFUSALS = ("AccessDenied", "MethodNotAllowed", "NoSuchVersion")


class S3StateMachine(RuleBasedStateMachine):
    """Random S3 traffic through boto3 against a double of its own, fresh per example.

    Rules: ``put``, ``overwrite``, ``delete``, ``delete_version``, ``batch_delete``,
    ``change_versioning``, ``lock`` (object lock buckets), ``advance_clock`` and
    ``list_pages``; each example starts from a bucket seeded straight into the model.
    ``switch_runner`` sends the rules' requests from another thread, a thread pool or an
    asyncio task (``runners`` lists the ways; ``("here",)`` keeps them in the test's
    thread), and ``nested_double`` enters and leaves a second double in between: the
    example's double must serve every request all the same.
    S3's refusals that the traffic provokes on purpose (a locked version, a version
    id never issued) are recorded, any other error fails the test.

    Subclass it: add ``@rule``s that run your code with ``self.client`` on
    ``self.bucket_name``, and ``@invariant``s over ``self.versions()`` or
    ``self.bucket`` (the model), ``self.steps`` or your own bookkeeping in
    ``observe``. Then ``TestMine = MyMachine.TestCase``. The class attributes below
    tune the traffic; the clock stands at ``start_time`` until ``advance_clock``.
    """

    bucket_name: ClassVar[str] = "machine-bucket"
    versioning: ClassVar[str | None] = None  # the bucket's state at the start: "Enabled"...
    object_lock: ClassVar[bool] = False
    key_strategy: ClassVar[st.SearchStrategy[str]] = object_keys(max_bytes=64)
    body_strategy: ClassVar[st.SearchStrategy[bytes]] = bodies(16)
    seed_history: ClassVar[bool] = True
    start_time: ClassVar[_dt.datetime] = _dt.datetime(2025, 1, 1, tzinfo=UTC)
    region: ClassVar[str] = "us-east-1"
    runners: ClassVar[tuple[Runner, ...]] = RUNNERS

    def __init__(self) -> None:
        super().__init__()
        self.runner: Runner = "here"
        self.steps: list[Step] = []
        self.issued: dict[tuple[str, str], None] = {}  # (key, version id) ever seen, in order
        self.double = S3Double(version_id_seed=0)
        self.double.clock.set(self.start_time)
        self.double.start()  # an empty store; teardown() stops it
        try:  # the client is made while a double is active: no credential lookups
            self.client = self.make_client()
            self.double.store.create_bucket(
                self.bucket_name, versioning=None if self.object_lock else self.versioning,
                object_lock=self.object_lock,
            )
        except BaseException:
            self.double.stop()
            raise

    def teardown(self) -> None:
        self.double.stop()

    @classmethod
    def make_client(cls) -> Any:
        """The rules' boto3 client, shared by every example; override to configure it."""
        return shared_client(cls.region)

    # -- what a subclass reads ----------------------------------------------------

    @property
    def bucket(self) -> Bucket:
        return self.double.store.buckets[self.bucket_name]

    def now(self) -> _dt.datetime:
        return self.double.clock.now()

    def keys(self) -> list[str]:
        """Keys holding a version or a delete marker, in listing order."""
        return list(self.bucket.objects.index.walk())

    def versions(self) -> list[tuple[Entry, bool]]:
        """Every version and delete marker, newest first per key, each with IsLatest."""
        return [(e, n == 0) for key in self.keys() for n, e in enumerate(self.bucket.versions(key))]

    def observe(self, step: Step) -> None:
        """Called after each request a rule sends, and once with the seeded history
        (operation ``"Seed"``, params ``{"History": ...}``). Override to follow along."""

    # -- plumbing -----------------------------------------------------------------

    def _call(self, operation: str, tolerated: tuple[str, ...] = (), **params: Any) -> Step:
        step = run_from(
            self.runner, lambda: call(self.client, self.bucket_name, operation, tolerated, params)
        )
        self._record(step)
        return step

    def _record(self, step: Step) -> None:
        self.steps.append(step)
        for key in self.keys():
            for entry in self.bucket.versions(key):
                self.issued.setdefault((key, entry.version_id), None)
        self.observe(step)

    def _draw_key(self, data: st.DataObject, label: str = "key") -> str:
        keys = self.keys()
        strategy = st.one_of(st.sampled_from(keys), self.key_strategy) if keys else self.key_strategy
        return data.draw(strategy, label)

    def _draw_version(self, data: st.DataObject) -> tuple[str, str]:
        """Mostly a pair seen before (maybe deleted since); sometimes an id with another
        key, or one never issued."""
        pairs = list(self.issued)
        mixed = st.tuples(st.sampled_from([k for k, _ in pairs]),
                          st.sampled_from([v for _, v in pairs]) | version_ids())
        return data.draw(st.one_of(st.sampled_from(pairs), mixed), label="version")

    def _draw_bypass(self, data: st.DataObject) -> dict[str, Any]:
        if self.object_lock and data.draw(st.booleans(), label="bypass governance"):
            return {"BypassGovernanceRetention": True}
        return {}

    # -- rules --------------------------------------------------------------------

    @initialize(data=st.data())
    def seed(self, data: st.DataObject) -> None:
        if not self.seed_history:
            return
        history = data.draw(bucket_histories(self.key_strategy, self.body_strategy,
                                             object_lock=self.object_lock), label="history")
        BucketSpec(self.bucket_name, self.object_lock, history).populate(self.bucket, self.now())
        self._record(Step("Seed", {"History": history}))

    @rule(data=st.data())
    def put(self, data: st.DataObject) -> None:
        self._call("PutObject", Key=self._draw_key(data), Body=data.draw(self.body_strategy, "body"))

    @precondition(lambda self: not self.bucket.is_empty())
    @rule(data=st.data())
    def overwrite(self, data: st.DataObject) -> None:
        key = data.draw(st.sampled_from(self.keys()), "key")
        self._call("PutObject", Key=key, Body=data.draw(self.body_strategy, "body"))

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        self._call("DeleteObject", Key=self._draw_key(data))

    @precondition(lambda self: self.issued)
    @rule(data=st.data())
    def delete_version(self, data: st.DataObject) -> None:
        key, version_id = self._draw_version(data)
        self._call("DeleteObject", ("AccessDenied", "InvalidArgument"), Key=key,
                   VersionId=version_id, **self._draw_bypass(data))

    @rule(data=st.data(), size=st.integers(1, 8), quiet=st.booleans())
    def batch_delete(self, data: st.DataObject, size: int, quiet: bool) -> None:
        objects = []
        for _ in range(size):
            if data.draw(st.booleans(), "with version id") and self.issued:
                key, version_id = self._draw_version(data)
                objects.append({"Key": key, "VersionId": version_id})
            else:
                objects.append({"Key": self._draw_key(data)})
        self._call("DeleteObjects", Delete={"Objects": objects, "Quiet": quiet}, **self._draw_bypass(data))

    @rule(status=st.sampled_from(["Enabled", "Suspended"]))
    def change_versioning(self, status: str) -> None:
        self._call("PutBucketVersioning", ("InvalidBucketState",),
                   VersioningConfiguration={"Status": status})

    @precondition(lambda self: self.object_lock and self.issued)
    @rule(data=st.data())
    def lock(self, data: st.DataObject) -> None:
        key, version_id = data.draw(st.sampled_from(list(self.issued)), "version")
        if data.draw(st.booleans(), "legal hold"):
            self._call("PutObjectLegalHold", _LOCK_REFUSALS, Key=key, VersionId=version_id,
                       LegalHold=data.draw(legal_holds(), "hold"))
        else:
            self._call("PutObjectRetention", _LOCK_REFUSALS, Key=key, VersionId=version_id,
                       Retention=data.draw(retentions(self.now()), "retention"), **self._draw_bypass(data))

    @rule(data=st.data())
    def switch_runner(self, data: st.DataObject) -> None:
        """Send the next requests from here, a new thread, a thread pool or an asyncio
        task (``runners``): each must reach this example's double."""
        self.runner = data.draw(st.sampled_from(self.runners), "runner")

    @rule()
    def nested_double(self) -> None:
        """Enter another double inside this one, in this context: it serves (an empty
        store) until it is left; then this double serves again, unchanged."""
        before = self.versions()
        with S3Double() as inner:
            listed = self.client.list_buckets()["Buckets"]
            assert listed == [] and inner.calls.served == 1, listed
        assert self.client.head_bucket(Bucket=self.bucket_name) is not None
        assert self.versions() == before

    @rule(days=st.integers(1, 40))
    def advance_clock(self, days: int) -> None:
        self.double.clock.advance(_dt.timedelta(days=days))

    @rule(page_size=st.integers(1, 7), versions=st.booleans())
    def list_pages(self, page_size: int, versions: bool) -> None:
        """Every page of ListObjectVersions (or ListObjectsV2), ``page_size`` at a time."""
        operation = "ListObjectVersions" if versions else "ListObjectsV2"
        params: dict[str, Any] = {"MaxKeys": page_size}
        for _ in range(100_000):
            page = self._call(operation, **params).response or {}
            if not page.get("IsTruncated"):
                return
            params = {"MaxKeys": page_size, **next_page(page)}
        raise AssertionError(f"{operation} never stopped paging")

